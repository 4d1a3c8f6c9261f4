import { describe, expect, it } from 'vitest';
import { commander, duty, given, gauge } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';

describe('setResponseLevel', () => {
  it('records the level and who set it', () => {
    const state = given([{ type: 'setResponseLevel', level: 'III' }, commander]);
    expect(state.responseLevel).toBe('III');
    expect(state.responseLevelBy).toContain('zhang');
  });
  it('refuses a duty officer', () => {
    expect(refusalOf({ type: 'setResponseLevel', level: 'I' }, given(), duty).code).toBe(
      'NOT_ALLOWED_FOR_ROLE',
    );
  });
});

describe('reportTyphoonPosition', () => {
  it('raises the typhoon signal as the storm nears and suggests a response level', () => {
    const events = eventsOf(
      {
        type: 'reportTyphoonPosition',
        at: '2021-07-25T12:00:00+08:00',
        name: 'In-Fa',
        lat: 30.1,
        lng: 122.1,
        windMs: 38,
        pressureHpa: 965,
      },
      given(),
      gauge,
    );
    expect(events.map((e) => e.type)).toEqual([
      'typhoon.positionReported',
      'signal.changed',
      'responseLevel.suggested',
    ]);
    expect(events[1]).toMatchObject({ data: { kind: 'typhoon', level: 'red' } });
    expect(events[2]).toMatchObject({ data: { level: 'I' } });
  });
});
