import { Type } from '@sinclair/typebox';
import { EntityIdSchema as EntityId, IsoTimeSchema } from '../../model/primitives.js';

/** Gauges, pump and gate states, depth sensors: readings and what follows from them directly. */
export const sensorEvents = {
  'reading.recorded': Type.Object({ sensorId: EntityId, value: Type.Number() }),
  'sensor.wentStale': Type.Object({
    sensorId: EntityId,
    lastAt: Type.Union([IsoTimeSchema, Type.Null()]),
  }),
  'underpass.closed': Type.Object({ underpassId: EntityId, depthCm: Type.Number() }),
  'underpass.reopened': Type.Object({ underpassId: EntityId, depthCm: Type.Number() }),
} as const;
