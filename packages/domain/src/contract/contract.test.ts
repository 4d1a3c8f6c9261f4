import { describe, expect, it } from 'vitest';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Static } from '@sinclair/typebox';
import {
  ERROR_CODES,
  type FollowAckSchema,
  REFUSALS,
  encodeState,
  PictureSchema,
  StateSchema,
  type FollowAck,
  type State,
} from '../index.js';
import { commander, duty, gauge, given, reading, T0 } from '../testing/given.js';

// The schemas describe the very types the fold and the socket use, field for field.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// The picture's schema describes every slice of all sixteen areas field for field: with times in
// epoch ms it is the fold's own `State`, and the wire schema has the very same fields.
const stateMatches: Same<Static<typeof PictureSchema>, State> = true;
const wireHasTheFields: Same<keyof Static<typeof StateSchema>, keyof State> = true;
void wireHasTheFields;
const followAckMatches: Same<Static<typeof FollowAckSchema>, FollowAck> extends true
  ? true
  : // FollowAck's error code is a plain string; the schema narrows it to the refusal codes.
    Static<typeof FollowAckSchema> extends FollowAck
    ? true
    : false = true;
void stateMatches;
void followAckMatches;

describe('the contract schemas', () => {
  it('given a picture with readings, an alarm and an incident, then the State schema accepts it', () => {
    const state = given(
      [
        {
          type: 'recordReadings',
          readings: [
            reading('wl-yongfu-road', 40, T0),
            reading('rain-tianping', 12, T0),
            reading('tide-huangpu-park', 4.9, T0),
          ],
        },
        gauge,
      ],
      [
        {
          type: 'reportIncident',
          kind: 'waterlogging',
          location: { lat: 31.2, lng: 121.44 },
          pointId: 'wl-yongfu-road',
          description: 'cars stalled',
        },
        duty,
      ],
      [{ type: 'setResponseLevel', level: 'III' }, commander],
    );
    expect(Object.keys(state.alerts).length).toBeGreaterThan(0);
    expect([...TypeCompiler.Compile(PictureSchema).Errors(state)]).toEqual([]);
    const check = TypeCompiler.Compile(StateSchema);
    expect([...check.Errors(JSON.parse(JSON.stringify(encodeState(state))))]).toEqual([]);
  });

  it('when a picture has a field of the wrong type, then the State schema names it', () => {
    const state = JSON.parse(JSON.stringify(encodeState(given()))) as Record<string, unknown>;
    state.responseLevel = 'V';
    const first = TypeCompiler.Compile(StateSchema).Errors(state).First();
    expect(first?.path).toBe('/responseLevel');
  });

  it('every refusal decide can give is one of the error codes', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(Object.keys(REFUSALS)));
  });
});
