import type { PumpStatus } from '@floodnet/domain';
import type { RiverOutlet } from './rivers';
import { hashString, Random } from './random';

/** Operating rules of the pump stations and sluices, and how often they fail (all est.). */
export const PUMPS = {
  /** Start when the river is this far above its target, or when it rains this hard. */
  startAboveTargetM: 0.12,
  startRainMmH: 6,
  /** Stop when the river is back below target by this much and the rain has eased. */
  stopBelowTargetM: 0.05,
  stopRainMmH: 2,
  minRunMinutes: 30,
  /** Gravity sluices open when the Huangpu is this much lower than the river, close at 5 cm. */
  sluiceOpenHeadM: 0.2,
  /** …and only when the river is above target by this much; they stay put at least `minRun`. */
  sluiceOpenAboveTargetM: 0.03,
  sluiceCloseHeadM: 0.05,
  /** Mean running hours between failures, and repair time in minutes. */
  pumpMtbfHours: 150,
  sluiceMtbfHours: 240,
  repairMinutes: { min: 60, max: 240 },
} as const;

/** The state codes of the contract: 0 stopped, 1 running, 2 fault. */
export const PUMP_CODE: Record<PumpStatus, number> = { stopped: 0, running: 1, fault: 2 };

/** What a station's operator sees when deciding. */
export interface PumpConditions {
  now: number;
  riverLevelM: number;
  targetM: number;
  /** Rain over the last half hour at the station, mm/h. */
  recentRainMmH: number;
  huangpuM: number;
}

export class PumpStation implements RiverOutlet {
  status: PumpStatus = 'stopped';
  private since: number;
  private repairAt: number | null = null;
  private readonly random: Random;

  constructor(
    readonly id: string,
    readonly river: string,
    readonly capacityM3s: number,
    readonly hasPump: boolean,
    seed: number,
    startMs: number,
  ) {
    // Its own stream of chance, so a station's failures do not depend on the others.
    this.random = new Random(hashString(`pump:${id}`) ^ seed);
    this.since = startMs;
  }

  get discharging(): boolean {
    return this.status === 'running';
  }

  /** One minute of operation; returns true when the status changed. */
  stepMinute(c: PumpConditions): boolean {
    const before = this.status;
    if (this.status === 'fault') {
      if (this.repairAt !== null && c.now >= this.repairAt) this.set('stopped', c.now);
    } else if (this.status === 'running' && this.random.chance(this.failureChance())) {
      const { min, max } = PUMPS.repairMinutes;
      this.repairAt = c.now + Math.round(this.random.between(min, max)) * 60_000;
      this.set('fault', c.now);
    } else if (this.hasPump) {
      this.operatePump(c);
    } else {
      this.operateSluice(c);
    }
    return this.status !== before;
  }

  private failureChance(): number {
    const mtbf = this.hasPump ? PUMPS.pumpMtbfHours : PUMPS.sluiceMtbfHours;
    return 1 / (mtbf * 60);
  }

  private operatePump(c: PumpConditions): void {
    const high = c.riverLevelM >= c.targetM + PUMPS.startAboveTargetM;
    const raining = c.recentRainMmH >= PUMPS.startRainMmH && c.riverLevelM > c.targetM;
    if (this.status === 'stopped' && (high || raining)) this.set('running', c.now);
    else if (
      this.status === 'running' &&
      c.now - this.since >= PUMPS.minRunMinutes * 60_000 &&
      c.riverLevelM < c.targetM - PUMPS.stopBelowTargetM &&
      c.recentRainMmH < PUMPS.stopRainMmH
    ) {
      this.set('stopped', c.now);
    }
  }

  private operateSluice(c: PumpConditions): void {
    const head = c.riverLevelM - c.huangpuM;
    const rested = c.now - this.since >= PUMPS.minRunMinutes * 60_000;
    if (this.status === 'stopped') {
      const wanted = c.riverLevelM > c.targetM + PUMPS.sluiceOpenAboveTargetM;
      if (rested && wanted && head >= PUMPS.sluiceOpenHeadM) this.set('running', c.now);
    } else if (head < PUMPS.sluiceCloseHeadM) {
      // The tide has come up to the river: shut at once, or the Huangpu flows in.
      this.set('stopped', c.now);
    } else if (rested && c.riverLevelM < c.targetM - PUMPS.stopBelowTargetM) {
      this.set('stopped', c.now);
    }
  }

  private set(status: PumpStatus, now: number): void {
    this.status = status;
    this.since = now;
    if (status !== 'fault') this.repairAt = null;
  }
}
