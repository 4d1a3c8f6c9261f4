/**
 * An inner river (内河) between its pumps and sluices: rain runs off the catchment into it
 * slowly, pumps lift it out over the flood wall, and gravity sluices let it out only while the
 * Huangpu is lower. Levels in m (吴淞 datum). Numbers are invented unless noted (see README).
 */
export const RIVER = {
  /** Normal control level before the storm (est.). */
  normalLevelM: 2.55,
  /** Pre-storm lowering target: "inner rivers pre-lowered to 2.2 m" (DOMAIN.md, 2018). */
  preLoweredM: 2.2,
  /** Pre-lowering is ordered when the storm comes within this distance (est.). */
  preLowerWithinKm: 650,
  /** Share of rain that runs off the city into the rivers, and how slowly (est.). */
  runoffShare: 0.6,
  runoffHours: 2,
  /** Inflow from upstream without rain, mm/h of catchment (est.). */
  baseflowMmH: 0.4,
  /** Pumps are sized to lift this much runoff, mm/h of their catchment (est.). */
  designPumpingMmH: 3.5,
  /** Catchment area per area of water: 1 mm of net runoff raises the river 4 cm (est.). */
  catchmentPerWater: 40,
  /** Lowest level a river is drawn down to. */
  floorM: 1.9,
} as const;

export interface RiverOutlet {
  capacityM3s: number;
  hasPump: boolean;
  /** True while it discharges: a pump running or a sluice open with water falling out. */
  discharging: boolean;
}

export class InnerRiver {
  level: number = RIVER.normalLevelM;
  private runoffStore = 0;
  /** Catchment area implied by the pumps' size, m². */
  private readonly catchmentM2: number;

  constructor(
    readonly name: string,
    private readonly outlets: RiverOutlet[],
  ) {
    const pumping = outlets.filter((o) => o.hasPump).reduce((sum, o) => sum + o.capacityM3s, 0);
    const anyCapacity = outlets.reduce((sum, o) => sum + o.capacityM3s, 0) || 10;
    this.catchmentM2 = ((pumping || anyCapacity) * 3.6e6) / RIVER.designPumpingMmH;
  }

  target(stormKm: number): number {
    return stormKm <= RIVER.preLowerWithinKm ? RIVER.preLoweredM : RIVER.normalLevelM;
  }

  /** One minute: `rainMmH` on the catchment, `outsideM` the Huangpu at the outfalls. */
  stepMinute(rainMmH: number, outsideM: number): void {
    const dtH = 1 / 60;
    this.runoffStore += (RIVER.runoffShare * rainMmH - this.runoffStore / RIVER.runoffHours) * dtH;
    const inflowMmH = this.runoffStore / RIVER.runoffHours + RIVER.baseflowMmH;
    let outflowM3s = 0;
    for (const outlet of this.outlets) {
      if (!outlet.discharging) continue;
      if (outlet.hasPump) outflowM3s += outlet.capacityM3s;
      else outflowM3s += outlet.capacityM3s * Math.min(1, Math.max(0, this.level - outsideM) / 0.5);
    }
    if (this.outlets.length === 0) {
      // A river with no outlet on file drains back towards its control level on its own.
      outflowM3s = ((this.level - RIVER.preLoweredM) * 0.5 * this.catchmentM2) / 3.6e6;
    }
    const outflowMmH = (outflowM3s * 3.6e6) / this.catchmentM2;
    const riseM = ((inflowMmH - outflowMmH) / 1000) * RIVER.catchmentPerWater * dtH;
    this.level = Math.max(RIVER.floorM, this.level + riseM);
  }
}
