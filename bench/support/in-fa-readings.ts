import { initialState, toShanghaiIso, type Reading } from '@floodnet/domain';
import { IN_FA_END_MS, IN_FA_START_MS, InFaScenario, loadInFaInputs } from '@floodnet/sim';

/** What a gauge network would send: the catalogue's own sensors with the scenario's values. */
export interface ScenarioReading {
  sensorId: string;
  atMs: number;
  value: number;
}

const CYCLE_MS = IN_FA_END_MS - IN_FA_START_MS + 60_000;

/**
 * Every reading of Typhoon In-Fa over the Xuhui catalogue (≈ 76,000: rain, river and tide levels,
 * depths at waterlogging points and underpasses, pump and gate states), in time order, from the
 * scenario generator without its command room. Realistic values, so the rules run as in a storm:
 * most readings raise nothing, a few cross the alarm lines.
 */
export function inFaReadings(): ScenarioReading[] {
  const inputs = loadInFaInputs();
  const scenario = new InFaScenario({ ...inputs, withoutPolicy: true });
  const out: ScenarioReading[] = [];
  for (const timed of scenario.advance(scenario.endMs, initialState())) {
    if (timed.command.type !== 'recordReadings') continue;
    for (const { sensorId, at, value } of timed.command.readings) {
      out.push({ sensorId, atMs: Date.parse(at), value });
    }
  }
  return out;
}

/**
 * An endless feed of the storm: after the last reading it starts again four days later, so event
 * time only moves forward (never into the future: 2021 plus a few weeks) and every id is new.
 */
export class StormFeed {
  private index = 0;
  private cycle = 0;

  constructor(private readonly readings: readonly ScenarioReading[]) {}

  next(count: number, id?: (reading: ScenarioReading, at: string) => string): Reading[] {
    const out = new Array<Reading>(count);
    for (let i = 0; i < count; i += 1) {
      if (this.index === this.readings.length) {
        this.index = 0;
        this.cycle += 1;
      }
      const reading = this.readings[this.index++]!;
      const atMs = reading.atMs + this.cycle * CYCLE_MS;
      const at = toShanghaiIso(atMs);
      out[i] = {
        id: id ? id(reading, at) : `${reading.sensorId}@${at}`,
        sensorId: reading.sensorId,
        at,
        value: reading.value,
      };
    }
    return out;
  }
}
