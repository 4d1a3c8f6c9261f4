import { distanceKm, type LatLng } from '@floodnet/domain';

/** One fix of the CMA best track as stored in `fixtures/xuhui/infa-2106-besttrack.json`. */
export interface BestTrackPoint {
  timeUtc: string;
  grade: string;
  lat: number;
  lon: number;
  pressureHpa: number;
  windMs2min: number;
}

export interface BestTrack {
  name: string;
  cmaId: string;
  points: BestTrackPoint[];
}

/** The storm at one moment, interpolated between best-track fixes. */
export interface StormFix {
  at: number;
  lat: number;
  lng: number;
  windMs: number;
  pressureHpa: number;
}

/**
 * The best track as a function of time. Between fixes (3- or 6-hourly) position, wind and
 * pressure are interpolated linearly; before the first and after the last fix they are held.
 */
export class StormTrack {
  private readonly times: number[];
  private readonly points: BestTrackPoint[];

  constructor(track: BestTrack) {
    this.points = [...track.points].sort((a, b) => Date.parse(a.timeUtc) - Date.parse(b.timeUtc));
    if (this.points.length === 0) throw new Error('the best track has no points');
    this.times = this.points.map((point) => Date.parse(point.timeUtc));
  }

  at(ms: number): StormFix {
    // The scenario asks for the same minute many times over (once per place).
    if (this.last?.at === ms) return this.last;
    this.last = this.interpolate(ms);
    return this.last;
  }

  private last: StormFix | null = null;

  private interpolate(ms: number): StormFix {
    const times = this.times;
    let hi = times.findIndex((time) => time >= ms);
    if (hi === -1) hi = times.length - 1;
    const lo = Math.max(0, hi - 1);
    const a = this.points[lo]!;
    const b = this.points[hi]!;
    const span = times[hi]! - times[lo]!;
    const f = span > 0 ? Math.min(1, Math.max(0, (ms - times[lo]!) / span)) : 0;
    const mix = (x: number, y: number) => x + (y - x) * f;
    return {
      at: ms,
      lat: mix(a.lat, b.lat),
      lng: mix(a.lon, b.lon),
      windMs: mix(a.windMs2min, b.windMs2min),
      pressureHpa: mix(a.pressureHpa, b.pressureHpa),
    };
  }

  /** First and last fix times. */
  span(): { fromMs: number; toMs: number } {
    return { fromMs: this.times[0]!, toMs: this.times[this.times.length - 1]! };
  }

  /** Distance from the storm centre to a place, in km. */
  distanceKm(ms: number, place: LatLng): number {
    return distanceKm(this.at(ms), place);
  }

  /** When, within [fromMs, toMs], the centre passes closest to a place (10-minute search). */
  closestApproach(place: LatLng, fromMs: number, toMs: number): { at: number; km: number } {
    let best = { at: fromMs, km: Infinity };
    for (let ms = fromMs; ms <= toMs; ms += 600_000) {
      const km = this.distanceKm(ms, place);
      if (km < best.km) best = { at: ms, km };
    }
    return best;
  }
}

/** Initial bearing from one place to another, degrees clockwise from north. */
export function bearingDeg(from: LatLng, to: LatLng): number {
  const rad = Math.PI / 180;
  const dLng = (to.lng - from.lng) * rad;
  const y = Math.sin(dLng) * Math.cos(to.lat * rad);
  const x =
    Math.cos(from.lat * rad) * Math.sin(to.lat * rad) -
    Math.sin(from.lat * rad) * Math.cos(to.lat * rad) * Math.cos(dLng);
  return (((Math.atan2(y, x) / rad) % 360) + 360) % 360;
}

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** An eight-point compass direction, for log lines. */
export function compassPoint(degrees: number): string {
  return COMPASS[Math.round(degrees / 45) % 8]!;
}
