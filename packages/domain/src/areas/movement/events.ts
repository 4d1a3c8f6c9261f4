import { Type } from '@sinclair/typebox';
import { EntityIdSchema as EntityId } from '../../model/primitives.js';

/**
 * Why a fix was recorded but not believed: it would mean driving faster than any vehicle does in
 * the city (a GNSS jump). It stays in the log, for the record, and does not move the unit.
 */
export const POSITION_FLAGS = ['implausible-speed'] as const;

/** Where squads and vehicles are: one event per tracker fix (id = the fix's idempotency key). */
export const movementEvents = {
  'unit.positionReported': Type.Object({
    unitId: EntityId,
    lat: Type.Number(),
    lng: Type.Number(),
    speedKmh: Type.Union([Type.Number(), Type.Null()]),
    headingDeg: Type.Union([Type.Number(), Type.Null()]),
    flag: Type.Union([Type.Literal('implausible-speed'), Type.Null()]),
  }),
} as const;
