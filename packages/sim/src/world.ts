import { defaultRuleConfig, distanceKm, type Asset, type LatLng } from '@floodnet/domain';
import { TideGate } from './gates';
import { PumpStation } from './pumps';
import { RainField, type RainPlace } from './rain';
import { InnerRiver } from './rivers';
import { HuangpuTide } from './tide';
import type { StormTrack } from './track';
import { WaterloggingSpot } from './waterlogging';

const MINUTE_MS = 60_000;
/** A waterlogging spot feels the pump station nearest to it within this distance (est.). */
const PUMP_REACH_KM = 3;
/** The district's reference point: the domain's centre for typhoon distances. */
export const XUHUI: LatLng = defaultRuleConfig.typhoon.centre;

/** Rain remembered at a place: the last 6 hours, minute by minute, with running sums. */
class RainMemory {
  private readonly minutes = new Float64Array(360);
  private index = 0;
  sixHourMm = 0;
  halfHourMm = 0;

  push(mm: number): void {
    const drop6 = this.minutes[this.index]!;
    const drop30 = this.minutes[(this.index + 330) % 360]!;
    this.minutes[this.index] = mm;
    this.index = (this.index + 1) % 360;
    this.sixHourMm = Math.max(0, this.sixHourMm + mm - drop6);
    this.halfHourMm = Math.max(0, this.halfHourMm + mm - drop30);
  }
}

interface Watched {
  place: RainPlace;
  memory: RainMemory;
  rateMmH: number;
}

function placeOf(asset: Asset): RainPlace {
  return { id: asset.id, lat: asset.lat, lng: asset.lng, jiezhen: asset.jiezhen };
}

function isHuangpu(river: string): boolean {
  return river === '黄浦江' || /huangpu/i.test(river);
}

/**
 * The physical side of the scenario, stepped one minute at a time: rain over every place, the
 * Huangpu, the inner rivers, the pumps, sluices and tide gates, and the water on the roads. It
 * knows nothing of alerts or squads; those follow from its readings.
 */
export class World {
  /** Time of the last completed minute. */
  now: number;
  readonly tide: HuangpuTide;
  readonly rain: RainField;
  readonly rivers = new Map<string, InnerRiver>();
  readonly pumps: PumpStation[] = [];
  readonly gates: TideGate[] = [];
  readonly spots: WaterloggingSpot[] = [];
  /** Rain fallen at each gauge since its last reading, mm. */
  readonly gaugeBuckets = new Map<string, number>();
  private readonly watched = new Map<string, Watched>();
  private readonly riverPlaces = new Map<string, RainPlace>();
  private readonly spotPumps = new Map<string, PumpStation | null>();
  private readonly levelGauges = new Map<string, string | null>();

  constructor(
    assets: readonly Asset[],
    private readonly track: StormTrack,
    seed: number,
    startMs: number,
  ) {
    this.now = startMs;
    this.tide = new HuangpuTide(track);
    const sorted = [...assets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.rain = new RainField(track, seed, new Set(sorted.map((a) => a.jiezhen)));
    const watch = (place: RainPlace) =>
      this.watched.set(place.id, { place, memory: new RainMemory(), rateMmH: 0 });

    for (const asset of sorted) {
      switch (asset.kind) {
        case 'rain-gauge':
          watch(placeOf(asset));
          this.gaugeBuckets.set(asset.id, 0);
          break;
        case 'pump-station':
        case 'sluice':
          this.pumps.push(
            new PumpStation(asset.id, asset.river, asset.capacityM3s, asset.hasPump, seed, startMs),
          );
          watch(placeOf(asset));
          break;
        case 'tide-gate':
          this.gates.push(new TideGate(asset.id, seed));
          break;
        case 'waterlogging-point':
        case 'underpass':
          this.spots.push(
            new WaterloggingSpot(
              asset.id,
              asset.kind === 'underpass' ? 'underpass' : 'point',
              seed,
            ),
          );
          watch(placeOf(asset));
          break;
        case 'water-level-gauge':
          if (asset.tideStation || isHuangpu(asset.river)) {
            this.levelGauges.set(asset.id, null);
          } else {
            this.levelGauges.set(asset.id, asset.river);
            if (!this.riverPlaces.has(asset.river)) {
              this.riverPlaces.set(asset.river, { ...placeOf(asset), id: `river:${asset.river}` });
            }
          }
          break;
        default:
          break;
      }
    }
    const rivers = new Set([...this.pumps.map((p) => p.river), ...this.riverPlaces.keys()]);
    for (const river of [...rivers].sort()) {
      const outlets = this.pumps.filter((p) => p.river === river);
      this.rivers.set(river, new InnerRiver(river, outlets));
      if (!this.riverPlaces.has(river)) {
        const first = sorted.find((a) => a.id === outlets[0]!.id)!;
        this.riverPlaces.set(river, { ...placeOf(first), id: `river:${river}` });
      }
      watch(this.riverPlaces.get(river)!);
    }
    const pumpAssets = sorted.filter(
      (a) => (a.kind === 'pump-station' || a.kind === 'sluice') && a.hasPump,
    );
    for (const spot of this.spots) {
      const at = sorted.find((a) => a.id === spot.id)!;
      this.spotPumps.set(spot.id, this.nearestPump(at, pumpAssets));
    }
  }

  /** Advances one minute. Returns the ids of pumps, sluices and gates whose state changed. */
  stepMinute(): string[] {
    const next = this.now + MINUTE_MS;
    const middle = next - MINUTE_MS / 2;
    this.rain.stepMinute();
    for (const entry of this.watched.values()) {
      entry.rateMmH = this.rain.rateAt(entry.place, middle);
      entry.memory.push(entry.rateMmH / 60);
    }
    for (const [id, bucket] of this.gaugeBuckets) {
      this.gaugeBuckets.set(id, bucket + this.watched.get(id)!.rateMmH / 60);
    }
    const huangpu = this.tide.level(next);
    const stormKm = this.track.distanceKm(next, XUHUI);
    const changed: string[] = [];
    for (const pump of this.pumps) {
      const river = this.rivers.get(pump.river)!;
      const didChange = pump.stepMinute({
        now: next,
        riverLevelM: river.level,
        targetM: river.target(stormKm),
        recentRainMmH: this.watched.get(pump.id)!.memory.halfHourMm * 2,
        huangpuM: huangpu,
      });
      if (didChange) changed.push(pump.id);
    }
    for (const [name, river] of this.rivers) {
      river.stepMinute(this.watched.get(`river:${name}`)!.rateMmH, huangpu);
    }
    for (const gate of this.gates) {
      if (gate.stepMinute(next, (ms) => this.tide.level(ms))) changed.push(gate.id);
    }
    for (const spot of this.spots) {
      const pump = this.spotPumps.get(spot.id) ?? null;
      const watched = this.watched.get(spot.id)!;
      spot.stepMinute({
        rainMmH: watched.rateMmH,
        sixHourMm: watched.memory.sixHourMm,
        pump: pump?.status ?? null,
        riverLevelM: pump ? this.rivers.get(pump.river)!.level : null,
      });
    }
    this.now = next;
    return changed;
  }

  /** The level a water-level gauge reads now, m. */
  levelAt(gaugeId: string): number {
    const river = this.levelGauges.get(gaugeId);
    if (river === undefined) throw new Error(`not a water-level gauge: ${gaugeId}`);
    return river === null ? this.tide.level(this.now) : this.rivers.get(river)!.level;
  }

  /** Rain rate at a watched place over the last minute, mm/h. */
  rainRateAt(placeId: string): number {
    return this.watched.get(placeId)?.rateMmH ?? 0;
  }

  private nearestPump(at: LatLng, pumps: Asset[]): PumpStation | null {
    let best: { id: string; km: number } | null = null;
    for (const pump of pumps) {
      const km = distanceKm(at, pump);
      if (km <= PUMP_REACH_KM && (!best || km < best.km)) best = { id: pump.id, km };
    }
    return best ? (this.pumps.find((p) => p.id === best.id) ?? null) : null;
  }
}
