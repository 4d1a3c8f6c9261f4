import type { LatLng } from '@floodnet/domain';
import type { StormTrack } from './track';

const HOUR_MS = 3600_000;
const SURGE_STEP_MS = 600_000;

/** 黄浦公园 tide station (the catalogue's `tide-huangpu-park`). */
export const HUANGPU_PARK: LatLng = { lat: 31.2418, lng: 121.4905 };

/**
 * The Huangpu's level at 黄浦公园 (m, 吴淞 datum) = astronomical tide + storm surge. The numbers
 * below are invented but tuned (see README) to the public record (DOMAIN.md, "Water and rain";
 * The Paper, 2021-07-23 16:53): a few harmonic terms give two high waters a day, and the
 * **early-morning (子潮) high water is the higher one**, between 00:00 and 03:00 local on 24–26
 * July, as the city's forecast said; the surge builds as In-Fa comes closer. Early-morning highs
 * on the 10-minute grid: 4.68 / 4.89 / 5.00 m on 24 / 25 / 26 July against the forecasts of
 * 4.65 / 4.90 / 5.00 m; the daytime highs stay under 4.40 m. The 27th's early tide (≈ 4.85 m,
 * the surge not yet gone) is plausible, not sourced.
 */
export const TIDE = {
  /** Mean level (est.). */
  meanM: 2.16,
  /** Principal lunar semi-diurnal tide, M2 (amplitude est.). */
  m2: { periodH: 12.4206, amplitudeM: 1.31 },
  /** Solar semi-diurnal S2: adds at springs, subtracts at neaps (period 14.77 days). */
  s2: { amplitudeM: 0.44, springNeapDays: 14.7653 },
  /** Springs around the full moon of 24 Jul 2021 02:37 UTC (lag est., tuned). */
  springAtMs: Date.parse('2021-07-24T12:00:00+08:00'),
  /**
   * The higher (early-morning) high water the harmonics are phased on: 25 Jul ≈ 01:30, so the
   * higher high waters fall at ≈ 00:20 / 01:20 / 02:00 on 24 / 25 / 26 Jul (est., tuned).
   */
  highWaterAtMs: Date.parse('2021-07-25T01:30:00+08:00'),
  /** Diurnal inequality locked to M2: the early-morning high water is the higher one (est.). */
  diurnalM: 0.32,
  /** Shallow-water overtide M4: the flood rises faster than the ebb falls (est.). */
  m4M: 0.12,
  /**
   * Surge: equilibrium `peakM · exp(−(d / halfDistanceKm)^exponent)` for a centre d km from
   * 黄浦公园, followed with a `relaxH` time constant (all est., tuned to the forecasts).
   */
  surge: { peakM: 0.9, halfDistanceKm: 1000, exponent: 1.5, relaxH: 6 },
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
