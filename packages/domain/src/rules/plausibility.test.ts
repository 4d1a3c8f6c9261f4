import { describe, expect, it } from 'vitest';
import type { Command } from '../model/commands.js';
import { decide } from '../decide.js';
import { gauge, given, reading, T0 } from '../testing/given.js';
import { defaultValueRules, describeRule, valueFits } from './plausibility.js';

function refusalOf(command: Command) {
  const decision = decide(command, given(), { now: T0, actor: gauge });
  if (decision.ok) throw new Error('expected a refusal');
  return decision.refusal;
}

describe('plausible readings', () => {
  it('given a rain gauge, when it sends 1e308 mm, then the batch is refused naming the range', () => {
    const refusal = refusalOf({
      type: 'recordReadings',
      readings: [reading('rain-tianping', 2, T0), reading('rain-tianping', 1e308, T0, 'x')],
    });
    expect(refusal).toMatchObject({ code: 'INVALID_VALUE', path: 'readings[1].value' });
    expect(refusal.message).toContain('0 … 305 mm');
  });

  it('given pump and gate states, when a state outside the enum arrives, then it is refused', () => {
    expect(valueFits(defaultValueRules.pump, -5)).toBe(false);
    expect(valueFits(defaultValueRules.pump, 1.5)).toBe(false);
    expect(valueFits(defaultValueRules.pump, 2)).toBe(true);
    expect(valueFits(defaultValueRules.gate, 2)).toBe(false);
    expect(describeRule(defaultValueRules.gate)).toBe('one of 0 (open), 1 (closed)');
  });

  it('given every rule, then each names where its numbers come from', () => {
    for (const rule of Object.values(defaultValueRules))
      expect(rule.source.length).toBeGreaterThan(10);
  });

  it('given a storm position a year ahead of the clock, when reported, then it is refused', () => {
    const refusal = refusalOf({
      type: 'reportTyphoonPosition',
      at: '9999-12-31T23:59:59Z',
      name: 'In-Fa',
      lat: 30,
      lng: 122,
      windMs: 30,
      pressureHpa: 970,
    });
    expect(refusal).toMatchObject({ code: 'READING_IN_FUTURE', path: 'at' });
  });

  it('given a time the schema would refuse, when decided anyway, then it is refused, not stored', () => {
    const refusal = refusalOf({
      type: 'recordReadings',
      readings: [{ id: 'r', sensorId: 'rain-tianping', at: '2021-02-30T00:00:00Z', value: 1 }],
    });
    expect(refusal).toMatchObject({ code: 'INVALID_VALUE', path: 'readings[0].at' });
  });
});
