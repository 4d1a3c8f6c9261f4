import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { IsoTimeSchema } from './model/events.js';
import fc from 'fast-check';
import { fromWireTime, isWireTime, normaliseIsoTime, parseIsoTime, toShanghaiIso } from './time.js';

describe('the strict time parser', () => {
  it('given real instants in any offset, when parsed, then they are the same epoch as Date.parse', () => {
    for (const text of [
      '2021-07-25T12:30:00+08:00',
      '2021-07-25T04:30:00Z',
      '2021-07-24T23:30-05:00',
      '2024-02-29T23:59:59.999+08:00',
      '2021-07-25T12:30:00.123456789+08:00',
    ]) {
      expect(parseIsoTime(text)).toBe(Date.parse(text));
    }
  });

  it('given impossible instants that match the pattern, when parsed, then each is refused', () => {
    for (const text of [
      '2021-13-45T99:99:99Z',
      '2021-07-25T25:00:00Z',
      '2021-07-25T24:00:00Z',
      '2021-07-25T12:60:00Z',
      '2021-07-25T12:00:60Z',
      '2021-07-25T12:00:00+99:99',
      '2021-07-25T12:00:00+08:60',
      '2021-07-25T12:00:00+15:00',
      '2021-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2021-04-31T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2021-07-25 12:00:00Z',
      '2021-07-25T12:00:00',
    ]) {
      expect(parseIsoTime(text), text).toBeNull();
      expect(Value.Check(IsoTimeSchema, text), text).toBe(false);
    }
  });

  it('given a time in UTC, when normalised, then it reads in Shanghai time', () => {
    expect(normaliseIsoTime('2021-07-25T04:30:00Z')).toBe('2021-07-25T12:30:00+08:00');
    expect(normaliseIsoTime('2021-07-25T04:30:00.250-00:00')).toBe('2021-07-25T12:30:00+08:00');
    expect(normaliseIsoTime('2021-02-30T00:00:00Z')).toBeNull();
  });

  it('given times in any offset and fraction, when normalised, then each is +08:00 to the second', () => {
    for (const [text, expected] of [
      ['2021-07-25T04:30:00.250Z', '2021-07-25T12:30:00+08:00'],
      ['2021-07-25T04:30:59.999Z', '2021-07-25T12:30:59+08:00'],
      ['2021-07-24T23:30-05:00', '2021-07-25T12:30:00+08:00'],
      ['2021-12-31T16:00:00Z', '2022-01-01T00:00:00+08:00'],
      ['2024-02-29T23:59:59.5+08:00', '2024-02-29T23:59:59+08:00'],
    ]) {
      const wire = normaliseIsoTime(text!)!;
      expect(wire, text).toBe(expected);
      expect(isWireTime(wire)).toBe(true);
      expect(fromWireTime(wire)).toBe(Math.floor(Date.parse(text!) / 1000) * 1000);
    }
    expect(isWireTime('2021-07-25T12:30:00.250+08:00')).toBe(false);
    expect(isWireTime('2021-07-25T04:30:00Z')).toBe(false);
  });

  it('given any instant, when written and read back, then it is the same second', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }), (ms) => {
        const wire = toShanghaiIso(ms);
        expect(wire).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        expect(Date.parse(wire)).toBe(Math.floor(ms / 1000) * 1000);
        expect(fromWireTime(wire)).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
  });

  it('given year 1 written as 0001, when parsed, then it is not taken for 1901', () => {
    expect(new Date(parseIsoTime('0001-01-01T00:00:00Z')!).getUTCFullYear()).toBe(1);
  });
});
