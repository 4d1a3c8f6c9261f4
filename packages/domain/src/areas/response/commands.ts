import { Type } from '@sinclair/typebox';
import { IsoTimeSchema } from '../../model/primitives.js';
import { ResponseLevelSchema } from '../../model/vocabulary.js';

export const ResponseLevelBodySchema = Type.Object(
  { level: Type.Union([ResponseLevelSchema, Type.Null()]) },
  { additionalProperties: false },
);

export const TyphoonPositionBodySchema = Type.Object(
  {
    at: IsoTimeSchema,
    name: Type.String({ minLength: 1, maxLength: 60 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    windMs: Type.Number({ minimum: 0, maximum: 120 }),
    pressureHpa: Type.Number({ minimum: 850, maximum: 1100 }),
  },
  { additionalProperties: false },
);

export const responseCommands = [
  Type.Composite([
    Type.Object({ type: Type.Literal('reportTyphoonPosition') }),
    TyphoonPositionBodySchema,
  ]),
  Type.Object({
    type: Type.Literal('setResponseLevel'),
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
  }),
] as const;
