import { Type } from '@sinclair/typebox';
import { ActorSchema } from '../../model/primitives.js';
import { ResponseLevelSchema, SeveritySchema, SignalKindSchema } from '../../model/vocabulary.js';

/** District warning signals, the typhoon's track, and the emergency response level. */
export const responseEvents = {
  'signal.changed': Type.Object({
    kind: SignalKindSchema,
    level: Type.Union([SeveritySchema, Type.Null()]),
  }),
  'responseLevel.suggested': Type.Object({
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
    reasons: Type.Array(Type.String()),
  }),
  'responseLevel.changed': Type.Object({
    level: Type.Union([ResponseLevelSchema, Type.Null()]),
    by: ActorSchema,
  }),
  'typhoon.positionReported': Type.Object({
    name: Type.String(),
    lat: Type.Number(),
    lng: Type.Number(),
    windMs: Type.Number({ minimum: 0 }),
    pressureHpa: Type.Number(),
  }),
} as const;
