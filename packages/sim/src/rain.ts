import { distanceKm, type LatLng } from '@floodnet/domain';
import { hashString, Random, unitHash } from './random';
import { bearingDeg, type StormTrack } from './track';

/** A place the rain falls on: a gauge, a waterlogging point, a river's catchment. */
export interface RainPlace extends LatLng {
  id: string;
  /** GB/T 2260 code of its 街镇; null groups it with the district as a whole. */
  jiezhen: string | null;
}

/**
 * The rain model's numbers, all invented and tuned (see README) so that most gauges collect
 * 100–250 mm over the four days with peaks of 40–80 mm/h, as In-Fa brought Shanghai.
 */
export const RAIN = {
  /** Rain falls off with the centre's distance: `1 / (1 + (d / km)^power)`. */
  envelope: { km: 220, power: 2.5 },
  /** Outer rain bands far ahead of the storm: a ring of weaker bands around `km` (est.). */
  outerBands: { share: 0.2, km: 820, widthKm: 260 },
  /** Wind at which the storm rains at full strength; weaker storms rain less (m/s). */
  fullWindMs: 30,
  /** Steady (stratiform) rain under the envelope, mm/h. */
  stratiformMmH: 0.8,
  /** Convective rain bands at their core, mm/h, before each band's own strength. */
  bandCoreMmH: 55,
  /** Band sharpness: profile cos^(2·sharpness)(ψ/2). */
  sharpness: 9,
  /** Spiral arms, radial spacing of bands, and the pattern's rotation. */
  arms: 2,
  bandSpacingKm: 90,
  rotationPeriodH: 7,
  /** Each band's strength: min + (max − min) · u^skew for a uniform u. */
  bandStrength: { min: 0.1, max: 1.5, skew: 2.5 },
  /** 街镇 differ by this factor; each place again by this one. */
  jiezhenFactor: { min: 0.82, max: 1.22 },
  placeFactor: { min: 0.93, max: 1.07 },
  /** Small-scale showers: log-normal, correlated over `minutes`. */
  showers: { sigma: 0.35, minutes: 40 },
} as const;

const HOUR_MS = 3600_000;

/**
 * Rain over Xuhui from In-Fa's position: a steady shield plus spiral rain bands rotating about
 * the centre, both weakening with distance; bands sweep across the 街镇 because each place sits
 * at its own distance and bearing from the centre. Showers vary per 街镇 from the seed.
 */
export class RainField {
  private readonly showers = new Map<string, { random: Random; log: number }>();
  private readonly keep = Math.exp(-1 / RAIN.showers.minutes);

  /** `jiezhens`: every 街镇 code a place may carry (null for the district as a whole). */
  constructor(
    private readonly track: StormTrack,
    private readonly seed: number,
    jiezhens: Iterable<string | null>,
  ) {
    // Each 街镇 draws its showers from its own stream, so adding places never changes the others.
    for (const jiezhen of new Set([null, ...jiezhens])) {
      const key = jiezhen ?? 'district';
      this.showers.set(key, { random: new Random(hashString(`showers:${key}`) ^ seed), log: 0 });
    }
  }

  /** Moves the 街镇 showers on by one minute; call once per simulated minute. */
  stepMinute(): void {
    const { sigma } = RAIN.showers;
    const fresh = Math.sqrt(1 - this.keep * this.keep) * sigma;
    for (const shower of this.showers.values()) {
      shower.log = shower.log * this.keep + fresh * shower.random.normal();
    }
  }

  /** Rain rate at a place and time, mm/h. */
  rateAt(place: RainPlace, ms: number): number {
    const storm = this.track.at(ms);
    const distance = distanceKm(storm, place);
    const envelope = 1 / (1 + (distance / RAIN.envelope.km) ** RAIN.envelope.power);
    const strength = Math.min(1.3, storm.windMs / RAIN.fullWindMs);
    // Signed bearing from the centre, so a place due north does not jump from 359° to 0°.
    const bearing = ((bearingDeg(storm, place) + 180) % 360) - 180;
    const phase =
      RAIN.arms * ((bearing * Math.PI) / 180) -
      (2 * Math.PI * distance) / RAIN.bandSpacingKm +
      (2 * Math.PI * (ms / HOUR_MS)) / RAIN.rotationPeriodH;
    const band = Math.round(phase / (2 * Math.PI));
    const profile = Math.cos((phase - band * 2 * Math.PI) / 2) ** (2 * RAIN.sharpness);
    const bandRain = RAIN.bandCoreMmH * this.bandStrength(band) * profile;
    const { share, km, widthKm } = RAIN.outerBands;
    const outer = share * Math.exp(-(((distance - km) / widthKm) ** 2));
    const local = this.jiezhenFactor(place.jiezhen) * this.placeFactor(place.id);
    const rain = envelope * (RAIN.stratiformMmH + bandRain) + outer * bandRain;
    return strength * local * this.shower(place.jiezhen) * rain;
  }

  private bandStrength(band: number): number {
    return this.remember(`band:${band}`, () => {
      const { min, max, skew } = RAIN.bandStrength;
      // Skewed: most bands are modest, a few carry the downpours.
      return min + (max - min) * unitHash(this.seed, `band:${band}`) ** skew;
    });
  }

  private jiezhenFactor(jiezhen: string | null): number {
    const key = `jiezhen:${jiezhen ?? 'district'}`;
    const { min, max } = RAIN.jiezhenFactor;
    return this.remember(key, () => min + (max - min) * unitHash(this.seed, key));
  }

  private placeFactor(id: string): number {
    const key = `place:${id}`;
    const { min, max } = RAIN.placeFactor;
    return this.remember(key, () => min + (max - min) * unitHash(this.seed, key));
  }

  private readonly factors = new Map<string, number>();

  private remember(key: string, draw: () => number): number {
    let value = this.factors.get(key);
    if (value === undefined) {
      value = draw();
      this.factors.set(key, value);
    }
    return value;
  }

  private shower(jiezhen: string | null): number {
    const shower = this.showers.get(jiezhen ?? 'district') ?? this.showers.get('district')!;
    const { sigma } = RAIN.showers;
    return Math.exp(shower.log - (sigma * sigma) / 2);
  }
}
