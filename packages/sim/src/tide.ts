import type { LatLng } from '@floodnet/domain';
import type { StormTrack } from './track';

const HOUR_MS = 3600_000;
const SURGE_STEP_MS = 600_000;

/** 黄浦公园 tide station (the catalogue's `tide-huangpu-park`). */
export const HUANGPU_PARK: LatLng = { lat: 31.2418, lng: 121.4905 };

/**
 * The Huangpu's level at 黄浦公园 (m, 吴淞 datum) = astronomical tide + storm surge. Every number
 * here is invented but tuned (see README): a few harmonic terms put the high waters around
 * 11:00–14:00 and 23:00–02:00 local, the daytime one higher, with springs on the 25th; the surge
 * builds as In-Fa comes closer. Daytime highs: 4.46 / 4.65 / 4.89 / 5.03 m on 23–26 July, close to
 * the public forecasts of 4.65 / 4.90 / 5.00 m for 24 / 25 / 26 July; night highs stay < 4.40 m.
 */
export const TIDE = {
  /** Mean level (est.). */
  meanM: 2.09,
  /** Principal lunar semi-diurnal tide, M2 (amplitude est.). */
  m2: { periodH: 12.4206, amplitudeM: 1.31 },
  /** Solar semi-diurnal S2: adds at springs, subtracts at neaps (period 14.77 days). */
  s2: { amplitudeM: 0.44, springNeapDays: 14.7653 },
  /** Springs about a day after the full moon of 24 Jul 2021 02:37 UTC (lag est.). */
  springAtMs: Date.parse('2021-07-25T08:00:00+08:00'),
  /** A daytime high water the harmonics are phased on (est.). */
  highWaterAtMs: Date.parse('2021-07-25T12:40:00+08:00'),
  /** Diurnal inequality locked to M2: the daytime high water is the higher one (est.). */
  diurnalM: 0.32,
  /** Shallow-water overtide M4: the flood rises faster than the ebb falls (est.). */
  m4M: 0.12,
  /**
   * Surge: equilibrium `peakM · exp(−(d / halfDistanceKm)^exponent)` for a centre d km from
   * 黄浦公园, followed with a `relaxH` time constant (all est., tuned to the forecasts).
   */
  surge: { peakM: 1.06, halfDistanceKm: 1000, exponent: 0.95, relaxH: 14 },
};
export type TideParams = typeof TIDE;

export class HuangpuTide {
  constructor(
    private readonly track: StormTrack,
    private readonly p: TideParams = TIDE,
  ) {}

  /** Level at 黄浦公园 in metres (吴淞 datum). */
  level(ms: number): number {
    return this.astronomical(ms) + this.surge(ms);
  }

  astronomical(ms: number): number {
    const hours = (ms - this.p.highWaterAtMs) / HOUR_MS;
    const theta = (2 * Math.PI * hours) / this.p.m2.periodH;
    const springPhase =
      (2 * Math.PI * (ms - this.p.springAtMs)) / (this.p.s2.springNeapDays * 24 * HOUR_MS);
    // S2 beats against M2: written as an M2 amplitude that swells at springs.
    const semiDiurnal = this.p.m2.amplitudeM + this.p.s2.amplitudeM * Math.cos(springPhase);
    return (
      this.p.meanM +
      semiDiurnal * Math.cos(theta) +
      this.p.diurnalM * Math.cos(theta / 2) -
      this.p.m4M * Math.sin(2 * theta)
    );
  }

  /**
   * Storm surge. Its equilibrium grows as the centre nears the estuary, and the water follows
   * that equilibrium with a delay (wind set-up builds over hours of fetch), so the surge keeps
   * rising for a while after the storm stops getting closer.
   */
  surge(ms: number): number {
    const series = (this.surgeSeries ??= this.computeSurge());
    const position = (ms - series.fromMs) / SURGE_STEP_MS;
    if (position <= 0) return series.values[0]!;
    const i = Math.floor(position);
    if (i >= series.values.length - 1) return series.values[series.values.length - 1]!;
    const f = position - i;
    return series.values[i]! * (1 - f) + series.values[i + 1]! * f;
  }

  private surgeSeries: { fromMs: number; values: number[] } | null = null;

  private computeSurge(): { fromMs: number; values: number[] } {
    const { fromMs, toMs } = this.track.span();
    const { peakM, halfDistanceKm, exponent, relaxH } = this.p.surge;
    const equilibrium = (ms: number) =>
      peakM * Math.exp(-((this.track.distanceKm(ms, HUANGPU_PARK) / halfDistanceKm) ** exponent));
    const keep = Math.exp(-SURGE_STEP_MS / (relaxH * HOUR_MS));
    let level = equilibrium(fromMs);
    const values = [level];
    for (let ms = fromMs + SURGE_STEP_MS; ms <= toMs; ms += SURGE_STEP_MS) {
      level = equilibrium(ms) + (level - equilibrium(ms)) * keep;
      values.push(level);
    }
    return { fromMs, values };
  }
}
