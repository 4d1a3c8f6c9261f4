import { Type } from '@sinclair/typebox';
import { EntityIdSchema } from '../../model/primitives.js';

export const alertCommands = [
  Type.Object({ type: Type.Literal('acknowledgeAlert'), alertId: EntityIdSchema }),
] as const;
