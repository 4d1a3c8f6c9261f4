import { sensorKindOf, type Asset, type EventEnvelope } from '@floodnet/domain';
import { OfflineEngine, playScenario } from './engine';
import { Random } from './random';
import { IN_FA_END_MS, IN_FA_SEED, IN_FA_START_MS, InFaScenario } from './scenario';
import type { BestTrack } from './track';

/** The district's bounding box (OSM relation 1278188), where synthetic sensors are scattered. */
const XUHUI_BOX = { west: 121.3869, east: 121.4719, south: 31.1026, north: 31.222 };
const MINUTES = (IN_FA_END_MS - IN_FA_START_MS) / 60_000 + 1;

export interface LargeLogOptions {
  /** Exactly this many events are produced. */
  events: number;
  seed?: number;
  /** Reporting interval of the synthetic sensors, seconds (default 60). */
  intervalSec?: number;
}

/**
 * Extra rain gauges and waterlogging sensors for load tests, marked as synthetic. Each takes the
 * 街镇 of the nearest catalogue rain gauge, so it rains on it like on its neighbours.
 */
export function syntheticSensors(
  assets: readonly Asset[],
  count: number,
  intervalSec: number,
  seed: number,
): Asset[] {
  const random = new Random(seed ^ 0x5eed);
  const gauges = assets.filter((asset) => asset.kind === 'rain-gauge');
  const provenance = { kind: 'plausible' as const, note: 'synthetic benchmark sensor, not real' };
  const out: Asset[] = [];
  for (let i = 0; i < count; i += 1) {
    const lat = random.between(XUHUI_BOX.south, XUHUI_BOX.north);
    const lng = random.between(XUHUI_BOX.west, XUHUI_BOX.east);
    let jiezhen: string | null = null;
    let best = Infinity;
    for (const gauge of gauges) {
      const d = (gauge.lat - lat) ** 2 + (gauge.lng - lng) ** 2;
      if (d < best) [best, jiezhen] = [d, gauge.jiezhen];
    }
    const n = String(Math.floor(i / 2) + 1).padStart(5, '0');
    const common = { lat, lng, jiezhen, provenance, intervalSec };
    out.push(
      i % 2 === 0
        ? {
            ...common,
            id: `bench-rain-${n}`,
            kind: 'rain-gauge',
            name: `基准雨量计${n}`,
            nameEn: `Benchmark rain gauge ${n}`,
          }
        : {
            ...common,
            id: `bench-depth-${n}`,
            kind: 'waterlogging-point',
            name: `基准积水监测点${n}`,
            nameEn: `Benchmark depth sensor ${n}`,
            thresholdCm: 15,
          },
    );
  }
  return out;
}

/** How many synthetic sensors a log of `events` needs, with a margin for the alerts it raises. */
export function syntheticCountFor(
  assets: readonly Asset[],
  events: number,
  intervalSec: number,
): number {
  const perMinute = assets.reduce((sum, asset) => {
    const kind = sensorKindOf(asset);
    if (kind === null) return sum;
    return sum + 60 / ('intervalSec' in asset ? asset.intervalSec : 600);
  }, 0);
  const base = perMinute * MINUTES;
  const perSensor = (MINUTES * 60) / intervalSec;
  return Math.max(0, Math.ceil(((events - base) / perSensor) * 1.05));
}

/**
 * A much larger In-Fa log for benchmarks: the same scenario and engine over the catalogue plus
 * synthetic sensors at a higher rate, produced lazily and cut at exactly `events` envelopes.
 */
export function* largeLog(
  inputs: { assets: readonly Asset[]; track: BestTrack },
  options: LargeLogOptions,
): Generator<EventEnvelope> {
  const seed = options.seed ?? IN_FA_SEED;
  const intervalSec = options.intervalSec ?? 60;
  const count = syntheticCountFor(inputs.assets, options.events, intervalSec);
  const assets = [...inputs.assets, ...syntheticSensors(inputs.assets, count, intervalSec, seed)];
  const scenario = new InFaScenario({ assets, track: inputs.track, seed });
  let produced = 0;
  for (const envelope of playScenario(scenario, assets, new OfflineEngine())) {
    if (produced >= options.events) return;
    produced += 1;
    yield envelope;
  }
  if (produced < options.events) {
    throw new Error(`the scenario ended after ${produced} of ${options.events} events`);
  }
}
