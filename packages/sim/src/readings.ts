import {
  sensorIntervalSec,
  sensorKindOf,
  toShanghaiIso,
  type Asset,
  type Reading,
} from '@floodnet/domain';
import { GATE_CODE } from './gates';
import { PUMP_CODE } from './pumps';
import type { World } from './world';

interface SensorPlan {
  id: string;
  kind: NonNullable<ReturnType<typeof sensorKindOf>>;
  intervalMs: number;
}

/** Deterministic and idempotent across restarts: the same reading always has the same id. */
export function readingId(sensorId: string, atMs: number): string {
  return `${sensorId}@${toShanghaiIso(atMs)}`;
}

/**
 * What the district's sensors send, read off the world: each on its own interval (rain and
 * depth 5 min, levels 10 min in the catalogue), pumps and gates also the minute they change.
 * Rain gauges tip in 0.1 mm steps; what has not tipped yet waits for the next reading.
 */
export class SensorNetwork {
  private readonly plans: SensorPlan[];
  private readonly pumps: Map<string, { status: keyof typeof PUMP_CODE }>;
  private readonly gates: Map<string, { status: keyof typeof GATE_CODE }>;
  private readonly spots: Map<string, { depthCm: number }>;

  constructor(
    assets: readonly Asset[],
    private readonly world: World,
    private readonly startMs: number,
  ) {
    this.plans = assets
      .flatMap((asset) => {
        const kind = sensorKindOf(asset);
        if (kind === null) return [];
        const intervalMs = sensorIntervalSec(asset) * 1000;
        if (intervalMs % 60_000 !== 0) {
          throw new Error(
            `${asset.id}: interval must be whole minutes, not ${intervalMs / 1000} s`,
          );
        }
        return [{ id: asset.id, kind, intervalMs }];
      })
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    this.pumps = new Map(world.pumps.map((pump) => [pump.id, pump]));
    this.gates = new Map(world.gates.map((gate) => [gate.id, gate]));
    this.spots = new Map(world.spots.map((spot) => [spot.id, spot]));
  }

  /** Readings due at the world's current minute; `changed` lists state sensors that changed. */
  readingsNow(changed: ReadonlySet<string>): Reading[] {
    const now = this.world.now;
    const at = toShanghaiIso(now);
    const readings: Reading[] = [];
    for (const plan of this.plans) {
      const due = (now - this.startMs) % plan.intervalMs === 0;
      if (!due && !changed.has(plan.id)) continue;
      const value = this.valueOf(plan);
      if (value === null) continue;
      readings.push({ id: `${plan.id}@${at}`, sensorId: plan.id, at, value });
    }
    return readings;
  }

  private valueOf(plan: SensorPlan): number | null {
    switch (plan.kind) {
      case 'rain': {
        const bucket = this.world.gaugeBuckets.get(plan.id) ?? 0;
        const tipped = Math.floor(bucket * 10 + 1e-9) / 10;
        this.world.gaugeBuckets.set(plan.id, bucket - tipped);
        return tipped;
      }
      case 'level':
        return Math.round(this.world.levelAt(plan.id) * 100) / 100;
      case 'depth': {
        const spot = this.spots.get(plan.id);
        return spot ? Math.round(spot.depthCm) : 0;
      }
      case 'pump': {
        const pump = this.pumps.get(plan.id);
        return pump ? PUMP_CODE[pump.status] : null;
      }
      case 'gate': {
        const gate = this.gates.get(plan.id);
        return gate ? GATE_CODE[gate.status] : null;
      }
      default:
        return null;
    }
  }
}
