import type { PumpStatus } from '@floodnet/domain';
import { unitHash } from './random';

/** How water gathers on roads and in underpasses (invented unless noted; see README). */
export const PONDING = {
  /** Central Shanghai drains are built for ≈ 36 mm/h, a 1-year storm (DOMAIN.md). */
  drainCapacityMmH: 36,
  /** Each spot drains a little better or worse than the design (est.). */
  capacityFactor: {
    point: { min: 0.8, max: 1.1 },
    underpass: { min: 0.85, max: 1.15 },
  },
  /** Rain beyond capacity gathers: cm of depth per mm of excess rain (catchment / low spot). */
  gatherCmPerMm: {
    point: { min: 0.8, max: 1.5 },
    underpass: { min: 1.6, max: 2.6 },
  },
  /** How fast water goes down once the drains have room again, cm/h (est.). */
  recedeCmH: { point: 24, underpass: 16 },
  /** The nearby pump station helps: fault and stopped both slow the drains (est.). */
  pumpFactor: { running: 1, stopped: 0.85, fault: 0.55 } satisfies Record<PumpStatus, number>,
  /** Drains that empty into a swollen river flow less: from 2.8 m, down to half at 3.8 m. */
  backwater: { fromM: 2.8, halfAtM: 3.8 },
  /** Saturated ground and full pipes after long rain: up to −30 % at 120 mm in 6 h. */
  saturation: { fullAtMm: 120, loss: 0.3 },
} as const;

export type SpotKind = 'point' | 'underpass';

/** What a spot's drains face in one minute. */
export interface DrainConditions {
  rainMmH: number;
  /** Rain at this spot over the last six hours, mm. */
  sixHourMm: number;
  /** State of the nearest pump station, if any within reach. */
  pump: PumpStatus | null;
  /** Level of the river the drains empty into, if known. */
  riverLevelM: number | null;
}

/** Water depth at one waterlogging point or underpass, in cm. */
export class WaterloggingSpot {
  depthCm = 0;
  private readonly capacityMmH: number;
  private readonly gatherCmPerMm: number;

  constructor(
    readonly id: string,
    readonly kind: SpotKind,
    seed: number,
  ) {
    const capacity = PONDING.capacityFactor[kind];
    const gather = PONDING.gatherCmPerMm[kind];
    const u = unitHash(seed, `drain:${id}`);
    const v = unitHash(seed, `gather:${id}`);
    this.capacityMmH =
      PONDING.drainCapacityMmH * (capacity.min + (capacity.max - capacity.min) * u);
    this.gatherCmPerMm = gather.min + (gather.max - gather.min) * v;
  }

  /** Effective drainage now, mm/h. */
  capacity(c: DrainConditions): number {
    const pump = c.pump === null ? 1 : PONDING.pumpFactor[c.pump];
    const { fromM, halfAtM } = PONDING.backwater;
    const swollen = c.riverLevelM === null ? 0 : Math.max(0, c.riverLevelM - fromM);
    const backwater = Math.max(0.3, 1 - (0.5 * swollen) / (halfAtM - fromM));
    const { fullAtMm, loss } = PONDING.saturation;
    const saturation = 1 - loss * Math.min(1, c.sixHourMm / fullAtMm);
    return this.capacityMmH * pump * backwater * saturation;
  }

  stepMinute(c: DrainConditions): void {
    const capacity = this.capacity(c);
    const excess = c.rainMmH - capacity;
    if (excess > 0) {
      this.depthCm += (excess / 60) * this.gatherCmPerMm;
    } else if (this.depthCm > 0) {
      const room = Math.min(1, -excess / capacity);
      this.depthCm = Math.max(0, this.depthCm - (PONDING.recedeCmH[this.kind] / 60) * room);
    }
  }
}
