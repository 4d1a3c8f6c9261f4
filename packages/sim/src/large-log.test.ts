import { describe, expect, it } from 'vitest';
import { loadInFaInputs } from './fixtures';
import { largeLog, syntheticCountFor, syntheticSensors } from './large-log';

const inputs = loadInFaInputs();

describe('the large benchmark log', () => {
  it('adds synthetic sensors, marked as such, inside the district', () => {
    const sensors = syntheticSensors(inputs.assets, 10, 60, 2106);
    expect(sensors.map((s) => s.kind)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'rain-gauge' : 'waterlogging-point')),
    );
    for (const sensor of sensors) {
      expect(sensor.provenance).toMatchObject({ kind: 'plausible' });
      expect(sensor.lat).toBeGreaterThan(31.1);
      expect(sensor.lat).toBeLessThan(31.23);
      expect('intervalSec' in sensor && sensor.intervalSec).toBe(60);
    }
    expect(new Set(sensors.map((s) => s.id)).size).toBe(10);
    expect(syntheticCountFor(inputs.assets, 1_000_000, 60)).toBeGreaterThan(100);
    expect(syntheticCountFor(inputs.assets, 1_000, 60)).toBe(0);
  });

  it('stops at exactly the number of events asked for, with gap-free seq', () => {
    let count = 0;
    let lastSeq = 0;
    for (const envelope of largeLog(inputs, { events: 20_000 })) {
      count += 1;
      expect(envelope.seq).toBe(lastSeq + 1);
      lastSeq = envelope.seq;
    }
    expect(count).toBe(20_000);
  });
});
