import type { GateStatus } from '@floodnet/domain';
import { unitHash } from './random';

/** Tide gates in the flood wall: shut ahead of each high water, opened once it has passed (est.). */
export const GATES = {
  /** A gate is shut while the Huangpu is, or will be within its lead time, above this level. */
  closeAboveM: 3.8,
  /** …and reopened once it is this much below and falling. */
  reopenBelowM: 3.6,
  /** Each gate's crew works to its own lead time. */
  leadMinutes: { min: 45, max: 90 },
} as const;

export const GATE_CODE: Record<GateStatus, number> = { open: 0, closed: 1 };

export class TideGate {
  status: GateStatus = 'open';
  private readonly leadMs: number;

  constructor(
    readonly id: string,
    seed: number,
  ) {
    const { min, max } = GATES.leadMinutes;
    this.leadMs = Math.round(min + (max - min) * unitHash(seed, `gate:${id}`)) * 60_000;
  }

  /** `huangpuAt` forecasts the river (the tide table plus the surge forecast); true on change. */
  stepMinute(now: number, huangpuAt: (ms: number) => number): boolean {
    const level = huangpuAt(now);
    const ahead = huangpuAt(now + this.leadMs);
    const before = this.status;
    if (this.status === 'open' && Math.max(level, ahead) >= GATES.closeAboveM) {
      this.status = 'closed';
    } else if (
      this.status === 'closed' &&
      level < GATES.reopenBelowM &&
      ahead < GATES.closeAboveM &&
      ahead < level
    ) {
      this.status = 'open';
    }
    return this.status !== before;
  }
}
