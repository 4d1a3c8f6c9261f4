import {
  hourlySummary,
  IN_FA_SEED,
  IN_FA_START_MS,
  InFaScenario,
  loadBestTrack,
  loadRiver,
  VirtualClock,
  type TimedCommand,
} from '@floodnet/sim';
import type { State } from '@floodnet/domain';
import { send, toRequests, type ApiRequest, type SimulationCredentials } from './client.js';
import { LiveMirror } from './mirror.js';

/** Where log lines go: a function, or a logger with `info` (and maybe `warn`), e.g. pino. */
export type SimulationLog =
  ((line: string) => void) | { info: (message: string) => void; warn?: (message: string) => void };

export interface SimulationOptions extends SimulationCredentials {
  /** The server's own address, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /**
   * The live stream's clock (the same one the server decides with). If it can `pause`, it is
   * paused when the storm has passed, so the sensors do not all go stale in a running clock.
   */
  clock: { now(): number; pause?: () => void };
  /**
   * The live picture, read-only. The server passes its engine's state getter; without it the
   * simulation keeps its own copy from `GET /api/v1/state` and `GET /api/v1/events`.
   */
  state?: () => State;
  log?: SimulationLog;
  /** Wall milliseconds between steps (default 250). */
  tickMs?: number;
  seed?: number;
  /** Folder of the fixtures (the best track); default the repository's. */
  fixturesDir?: string;
  fetch?: typeof fetch;
  /** Accepted for the server's call site; the clock already carries the speed. */
  speed?: number;
}

export interface RunningSimulation {
  stop(): Promise<void>;
}

const HOUR_MS = 3600_000;

/**
 * The clock for a live run: In-Fa's start, or where `live` stopped if that is later, so a
 * restart carries on instead of rewinding event time.
 */
export function createSimulationClock(
  lastEventMs: number | null,
  speed: number,
  wallNow: () => number,
): VirtualClock {
  const startMs =
    lastEventMs !== null && lastEventMs > IN_FA_START_MS ? lastEventMs : IN_FA_START_MS;
  return new VirtualClock({ startMs, speed, wallNow });
}

/** The newest reading in the picture: what a restarted run has already sent. */
function lastReadingAt(state: State): number | null {
  let last: number | null = null;
  for (const sensor of Object.values(state.sensors)) {
    if (sensor.lastAt !== null && (last === null || sensor.lastAt > last)) last = sensor.lastAt;
  }
  return last;
}

/**
 * Plays Typhoon In-Fa into `live` through the public API, as a gauge network, a typhoon feed and
 * a command room would: every `tickMs` of wall time the scenario advances to the clock, and what
 * is due is sent over HTTP in order — readings with the API key, decisions with the duty
 * officer's and the commander's tokens. Nothing reaches the log by any other way.
 */
export function startSimulation(options: SimulationOptions): RunningSimulation {
  const log = (line: string, warn = false) => {
    const sink = options.log;
    if (!sink) return;
    if (typeof sink === 'function') sink(line);
    else if (warn && sink.warn) sink.warn(line);
    else sink.info(line);
  };
  const fetchImpl = options.fetch ?? fetch;
  const mirror = options.state
    ? null
    : new LiveMirror(options.baseUrl, options.commanderToken, fetchImpl);
  const picture = async () => (options.state ? options.state() : mirror!.refresh());
  const track = loadBestTrack(options.fixturesDir);
  const river = loadRiver(options.fixturesDir);

  let scenario: InFaScenario | null = null;
  /** Requests due but not yet delivered (the server was unreachable): sent first next time. */
  let backlog: ApiRequest[] = [];
  let failing = false;
  let lastHour: number | null = null;
  let finishedLogged = false;

  const begin = (state: State): InFaScenario | null => {
    const assets = Object.values(state.assets);
    if (assets.length === 0) return null; // the server registers its catalogue first
    const created = new InFaScenario({ assets, track, river, seed: options.seed ?? IN_FA_SEED });
    const resume = lastReadingAt(state);
    if (resume !== null) {
      created.fastForward(resume);
      log(`simulation: continuing In-Fa after ${new Date(resume).toISOString()}`);
    } else {
      log('simulation: starting Typhoon In-Fa (23 Jul 2021 08:00 +08:00)');
    }
    return created;
  };

  const deliver = async (requests: ApiRequest[]): Promise<void> => {
    for (let i = 0; i < requests.length; i += 1) {
      const request = requests[i]!;
      const sent = await send(options.baseUrl, request, fetchImpl);
      if (sent.kind === 'failed') {
        backlog = requests.slice(i);
        if (!failing)
          log(`simulation: ${request.label} not delivered (${sent.reason}); will retry`, true);
        failing = true;
        return;
      }
      if (failing) log('simulation: the server answers again');
      failing = false;
      // A refusal is an answer: the scripted room reads the picture again and tries anew.
      if (sent.kind === 'refused')
        log(`simulation: ${request.label} refused: ${sent.code} ${sent.message}`);
    }
    backlog = [];
  };

  const step = async (): Promise<void> => {
    if (backlog.length > 0) {
      await deliver(backlog);
      if (backlog.length > 0) return;
    }
    const state = await picture();
    scenario ??= begin(state);
    if (!scenario) return;
    if (scenario.finished) {
      if (!finishedLogged)
        log('simulation: In-Fa has passed (27 Jul 2021 08:00); live stays as it is');
      finishedLogged = true;
      return;
    }
    const due: TimedCommand[] = scenario.advance(options.clock.now(), state);
    await deliver(toRequests(due, options));
    const hour = Math.floor(scenario.position / HOUR_MS);
    if (lastHour !== null && hour !== lastHour) {
      log(`simulation: ${hourlySummary(await picture(), hour * HOUR_MS)}`);
    }
    lastHour = hour;
  };

  let stopped = false;
  let busy: Promise<void> | null = null;
  const timer = setInterval(() => {
    // One step at a time: after a slow answer the scenario catches up, never overlaps.
    if (stopped || busy) return;
    busy = step()
      .catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        log(`simulation: step failed: ${reason}`, true);
      })
      .finally(() => {
        busy = null;
      });
  }, options.tickMs ?? 250);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await busy;
    },
  };
}
