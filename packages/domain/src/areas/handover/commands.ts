import { Type } from '@sinclair/typebox';

export const HandoverBodySchema = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);

export const handoverCommands = [
  Type.Composite([Type.Object({ type: Type.Literal('handOverShift') }), HandoverBodySchema]),
] as const;
