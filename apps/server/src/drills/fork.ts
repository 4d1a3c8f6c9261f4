import {
  toShanghaiIso,
  type Actor,
  type Command,
  type DomainEvent,
  type EventEnvelope,
  type Reading,
  type State,
} from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import type { StreamEngine } from '../engine/stream-engine.js';
import { ForkCannotRewind } from './errors.js';
import { DrillPlayer, type PlayerOptions } from './player.js';
import type { DrillRecord } from './registry.js';
import type { Timeline } from './timeline.js';

/** Who the recorded readings and storm positions come from inside a fork. */
export const DRILL_REPLAY: Actor = { name: 'drill-replay', role: 'source' };

/** Recorded events read and turned into commands per step of a fork's feed. */
const FEED_PAGE = 5000;
/** Readings per command, as the readings API allows. */
const MAX_BATCH = 5000;

/**
 * The recorded events after a fork's time that still happen in the fork: the sensors and the
 * storm do not care what the trainees decide. Consecutive readings with the same time become one
 * `recordReadings` (as the gauges sent them); every other recorded event — the original
 * commands and the alerts and signals derived from them — is withheld, so the fork's own rules
 * derive its alerts from its own picture.
 */
export function feedCommands(events: readonly EventEnvelope[]): Command[] {
  const commands: Command[] = [];
  let batch: Reading[] = [];
  const flush = () => {
    if (batch.length > 0) commands.push({ type: 'recordReadings', readings: batch });
    batch = [];
  };
  for (const event of events) {
    if (event.type === 'reading.recorded') {
      if (batch.length >= MAX_BATCH || (batch.length > 0 && batch[0]!.at !== event.at)) flush();
      const { sensorId, value } = event.data;
      batch.push({ id: event.id, sensorId, at: event.at, value });
    } else if (event.type === 'typhoon.positionReported') {
      flush();
      commands.push({ type: 'reportTyphoonPosition', at: event.at, ...event.data });
    }
  }
  flush();
  return commands;
}

/**
 * A fork: a live-like stream whose time is the drill clock. Its engine decides the trainees'
 * commands (through the ordinary API) and the recorded readings fed to it as the clock moves,
 * so its picture is the end of its own stream. It is written as it plays, so it never rewinds.
 */
export class ForkPlayer extends DrillPlayer {
  /** The drill time fed so far: the fork's `now` for every command it decides. */
  private fedAt: number;
  /** The last recorded event (in the root recording) already considered. */
  private feedSeq: number;

  constructor(
    drill: DrillRecord,
    engine: StreamEngine,
    options: PlayerOptions,
    /** The root recording, where the readings after the fork time come from. */
    private readonly feed: Timeline,
  ) {
    const forkAt = drill.forkAt ?? drill.from;
    super(drill, engine, options, forkAt);
    // After a restart the stream may hold readings fed after the clock was last saved.
    this.fedAt = Math.max(this.at, engine.state.clock ?? forkAt);
    this.feedSeq = feed.seqAt(this.fedAt);
    engine.clock = { now: () => this.fedAt };
  }

  protected async advanceTo(at: number): Promise<void> {
    if (at <= this.fedAt) return;
    // Readings up to `at` are due now: deciding them "later" than their time is the point.
    this.fedAt = at;
    for (;;) {
      const { events, complete } = this.feed.eventsUntil(this.feedSeq, at, FEED_PAGE);
      if (events.length === 0) break;
      const outcomes = feedCommands(events).map((command) =>
        this.engine.execute(command, DRILL_REPLAY),
      );
      this.feedSeq = events[events.length - 1]!.seq;
      for (const outcome of await Promise.allSettled(outcomes)) {
        if (outcome.status === 'rejected') {
          this.options.logger.warn(
            { err: outcome.reason, drill: this.drill.id },
            'a recorded reading was refused in the fork',
          );
        }
      }
      if (complete) break;
    }
  }

  protected async seekTo(at: number): Promise<void> {
    if (at < this.fedAt) throw new ForkCannotRewind(toShanghaiIso(this.fedAt));
    await this.advanceTo(at);
  }
}

/**
 * Starts a fork's stream: the parent's envelopes 1..`toSeq`, unchanged (same ids, times, data,
 * hence the same seqs), then the parent's picture at `toSeq` as a snapshot so the fork's engine
 * opens without folding the copy again.
 */
export async function copyForFork(
  log: EventLog,
  from: string,
  to: string,
  toSeq: number,
  picture: State,
): Promise<void> {
  let after = 0;
  while (after < toSeq) {
    const page = log.readAfter(from, after, Math.min(FEED_PAGE, toSeq - after));
    if (page.length === 0) break;
    const events = page.map(({ id, type, at, data }) => ({ id, type, at, data }) as DomainEvent);
    await log.append(to, events);
    after = page[page.length - 1]!.seq;
  }
  if (after !== toSeq) throw new Error(`${from} ended at ${after}, before ${toSeq}`);
  if (toSeq > 0) log.saveSnapshot({ stream: to, seq: toSeq, at: picture.clock, state: picture });
}
