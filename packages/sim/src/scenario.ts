import { toShanghaiIso, type Asset, type Reading, type State } from '@floodnet/domain';
import { ResponsePolicy, SIM_ACTORS, type TimedCommand } from './policy';
import { NoticeStoryline } from './notices';
import { officialCommands } from './official';
import { SensorNetwork } from './readings';
import { plannedTasks } from './tasks';
import { StormTrack, type BestTrack } from './track';
import { World } from './world';
import { Fleet, type Ring } from './fleet';

/** The scenario's window: 23 Jul 2021 08:00 – 27 Jul 08:00, Asia/Shanghai. */
export const IN_FA_START_MS = Date.parse('2021-07-23T08:00:00+08:00');
export const IN_FA_END_MS = Date.parse('2021-07-27T08:00:00+08:00');
/** The seed of the recorded log (In-Fa was storm 2106). */
export const IN_FA_SEED = 2106;
export const TYPHOON_NAME = '烟花 In-Fa';

const MINUTE_MS = 60_000;
/** floodnet's own periodic check, as the server's timer runs it. */
const CHECK_ACTOR = { name: 'floodnet', role: 'system' } as const;
const HOUR_MS = 3600_000;

export interface ScenarioOptions {
  assets: readonly Asset[];
  track: BestTrack;
  seed?: number;
  startMs?: number;
  endMs?: number;
  /** Leave out the scripted command room (sensors and typhoon feed only). */
  withoutPolicy?: boolean;
  /** The Huangpu's water polygon (outer ring, [lng, lat]): simulated vehicles keep off it. */
  river?: Ring;
}

/**
 * Typhoon In-Fa over Xuhui as a stream of commands. Incremental: `advance(until, state)` returns
 * what is due up to `until` — sensor readings (one `recordReadings` per minute that has any),
 * the hourly typhoon position, and the command room's reactions to `state` — and the caller
 * applies them before asking again. The physics never looks at `state`, so the readings do not
 * depend on how the time is cut into calls; the command room does, as a real one would.
 */
export class InFaScenario {
  readonly startMs: number;
  readonly endMs: number;
  readonly world: World;
  readonly track: StormTrack;
  private readonly sensors: SensorNetwork;
  private readonly policy: ResponsePolicy | null;
  private readonly notices: NoticeStoryline | null;
  private readonly fleet: Fleet;
  /** Last minute handed out; before the first call, one minute before the start. */
  private cursor: number;

  constructor(options: ScenarioOptions) {
    const seed = options.seed ?? IN_FA_SEED;
    this.startMs = options.startMs ?? IN_FA_START_MS;
    this.endMs = options.endMs ?? IN_FA_END_MS;
    if (this.startMs % MINUTE_MS !== 0) throw new Error('the scenario starts on a whole minute');
    this.track = new StormTrack(options.track);
    this.world = new World(options.assets, this.track, seed, this.startMs);
    this.sensors = new SensorNetwork(options.assets, this.world, this.startMs);
    this.policy = options.withoutPolicy
      ? null
      : new ResponsePolicy(seed, plannedTasks(options.assets, this.startMs, seed), this.startMs);
    this.notices = options.withoutPolicy
      ? null
      : new NoticeStoryline(options.assets, seed, SIM_ACTORS.commander);
    this.fleet = new Fleet(options.river);
    this.cursor = this.startMs - MINUTE_MS;
  }

  /** The last minute already handed out (or skipped). */
  get position(): number {
    return this.cursor;
  }

  get finished(): boolean {
    return this.cursor >= this.endMs;
  }

  /**
   * Runs the world up to `untilMs` without handing anything out: a restarted live run uses it to
   * continue where the log stops instead of sending the past again.
   */
  fastForward(untilMs: number): void {
    const until = Math.min(untilMs, this.endMs);
    while (this.cursor + MINUTE_MS <= until) this.nextMinute();
  }

  advance(untilMs: number, state: State): TimedCommand[] {
    const until = Math.min(untilMs, this.endMs);
    const out: TimedCommand[] = [];
    let last: number | null = null;
    while (this.cursor + MINUTE_MS <= until) {
      const readings = this.nextMinute();
      const at = this.cursor;
      if (readings.length > 0) {
        out.push({ at, actor: SIM_ACTORS.gauges, command: { type: 'recordReadings', readings } });
      }
      if (at % HOUR_MS === 0) out.push(this.typhoonPosition(at));
      // Official warnings as CAP, and tide forecasts, at their published times.
      out.push(...officialCommands(at, this.world.tide));
      last = at;
    }
    // The command room reacts once per call, to the picture as the caller last applied it.
    if (last !== null && this.policy) {
      // Trackers report where the squads' vehicles are, and floodnet checks for lapsed check-ins.
      const fixes = this.fleet.positions(state, last);
      if (fixes) out.push(fixes);
      out.push({ at: last, actor: CHECK_ACTOR, command: { type: 'checkCheckIns' } });
      out.push(...this.policy.decide(state, last));
    }
    if (last !== null && this.notices) out.push(...this.notices.decide(state, last));
    return out;
  }

  private nextMinute(): Reading[] {
    const at = this.cursor + MINUTE_MS;
    // The first minute is the start itself: every sensor reports its opening value.
    const changed = at === this.startMs ? [] : this.world.stepMinute();
    this.cursor = at;
    return this.sensors.readingsNow(new Set(changed));
  }

  private typhoonPosition(at: number): TimedCommand {
    const fix = this.track.at(at);
    const round = (value: number, places: number) => Number(value.toFixed(places));
    return {
      at,
      actor: SIM_ACTORS.typhoonFeed,
      command: {
        type: 'reportTyphoonPosition',
        at: toShanghaiIso(at),
        name: TYPHOON_NAME,
        lat: round(fix.lat, 2),
        lng: round(fix.lng, 2),
        windMs: round(fix.windMs, 1),
        pressureHpa: round(fix.pressureHpa, 0),
      },
    };
  }
}
