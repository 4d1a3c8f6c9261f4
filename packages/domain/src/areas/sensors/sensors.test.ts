import { describe, expect, it } from 'vitest';
import { commander, given, gauge, reading, T0 } from '../../testing/given.js';
import { eventsOf, refusalOf } from '../../testing/refusals.js';
import type { Command } from '../../model/commands.js';

describe('recordReadings', () => {
  it('refuses the whole batch naming the index and field of an unknown sensor', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0), reading('rain-nowhere', 1, T0)],
    };
    expect(refusalOf(command, given(), gauge)).toMatchObject({
      code: 'UNKNOWN_SENSOR',
      path: 'readings[1].sensorId',
    });
  });
  it('refuses a reading far in the future', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0 + 3600_000)],
    };
    expect(refusalOf(command, given(), gauge)).toMatchObject({
      code: 'READING_IN_FUTURE',
      path: 'readings[0].at',
    });
  });
  it('refuses negative rain', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', -2, T0)],
    };
    expect(refusalOf(command, given(), gauge).path).toBe('readings[0].value');
  });
  it('leaves the given state untouched (decide is pure)', () => {
    const state = given();
    const before = JSON.stringify(state);
    eventsOf({ type: 'recordReadings', readings: [reading('up-caoxi', 30, T0)] }, state, gauge);
    expect(JSON.stringify(state)).toBe(before);
  });
  it('refuses a commander: readings come from gauge networks', () => {
    const command: Command = {
      type: 'recordReadings',
      readings: [reading('rain-tianping', 1, T0)],
    };
    expect(refusalOf(command, given(), commander).code).toBe('NOT_ALLOWED_FOR_ROLE');
  });
});
