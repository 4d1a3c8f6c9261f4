import {
  commandRoles,
  decide,
  decideInPlace,
  evolve,
  refuse,
  type Actor,
  type Command,
  type DomainEvent,
  type EventEnvelope,
  type Reading,
  type State,
} from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import { maybeSnapshot, rebuildState } from '@floodnet/log';
import type { FastifyBaseLogger } from 'fastify';
import { LogUnavailable, RefusedError } from '../errors.js';

export interface Clock {
  now(): number;
}

/** What a committed command produced: its envelopes, the stream's seq, readings already held. */
export interface Outcome {
  events: EventEnvelope[];
  seq: number;
  duplicates: number;
}

export interface StreamEngineHooks {
  /** Committed events, contiguous and in seq order. */
  committed(stream: string, events: EventEnvelope[]): void;
  /** The picture was rebuilt from the log: anything sent before may be wrong. */
  reset(stream: string): void;
  logger: FastifyBaseLogger;
  snapshotEvery: number;
  /**
   * Events already in the log that a replaying drill folded (nothing was appended): followers
   * get them like committed ones, but they are not counted as appended. Default `committed`.
   */
  replayed?(stream: string, events: EventEnvelope[]): void;
}

/**
 * One stream's authoritative picture and its command pipeline. Commands run one at a time to
 * the append: decide against the current picture, fold, hand the events to the log (which gives
 * them their seq at once), all in one synchronous step — so two commanders racing for one squad
 * are decided one after the other. The caller is answered only once the log has committed.
 *
 * Two pictures: `state` is the one commands are decided against, and runs ahead of the log by the
 * appends in flight; `committedState` folds only what the log has confirmed, and is the only one
 * shown to anyone (GET /state, state.geojson, socket snapshots), so a crash can never take back
 * something a screen has shown.
 */
export class StreamEngine {
  state: State;
  /** The picture at `committedSeq`: what reads and snapshots show. */
  committedState: State;
  /** The last seq the log has confirmed as committed. */
  committedSeq: number;
  private inFlight = 0;
  private broken = false;
  /** Settles (never rejects) when the latest append has. */
  private lastAppend: Promise<void> = Promise.resolve();
  private failures = 0;
  /** Reading ids handed to the log but not yet committed (invisible to `existingIds`). */
  private readonly pendingIds = new Set<string>();
  /** Committed batches waiting for an earlier one, keyed by first seq. */
  private readonly waiting = new Map<number, EventEnvelope[]>();
  /**
   * Why this stream takes no commands, or null. A recorded drill is a recording: writing into it
   * would change what happened, so trainees command a fork of it instead.
   */
  commandsRefused: Error | null = null;

  constructor(
    readonly stream: string,
    private readonly log: EventLog,
    /** The stream's time; a drill's engine gets the drill's clock. */
    public clock: Clock,
    private readonly hooks: StreamEngineHooks,
    /** The picture to start from (a drill at its clock) instead of the end of the stream. */
    start?: State,
  ) {
    this.state = start ?? rebuildState(log, stream).state;
    this.committedState = structuredClone(this.state);
    this.committedSeq = this.state.seq;
  }

  /**
   * Decides and commits a command. Rejects with a `RefusedError` (nothing changed) or
   * `LOG_UNAVAILABLE` while the picture is being rebuilt after a failed write.
   */
  execute(command: Command, actor: Actor): Promise<Outcome> {
    if (this.commandsRefused) return Promise.reject(this.commandsRefused);
    if (this.broken) return Promise.reject(new LogUnavailable());
    const allowed = commandRoles[command.type] ?? [];
    if (!allowed.includes(actor.role)) {
      const refusal = refuse(
        'NOT_ALLOWED_FOR_ROLE',
        `${command.type} needs ${allowed.join(' or ')}`,
      );
      return Promise.reject(new RefusedError(refusal));
    }
    let duplicates = 0;
    let originalIndex: number[] = [];
    if (command.type === 'recordReadings') {
      const fresh = this.freshReadings(command.readings);
      duplicates = command.readings.length - fresh.readings.length;
      originalIndex = fresh.index;
      if (fresh.readings.length === 0) return this.afterPending({ events: [], duplicates });
      command = { type: 'recordReadings', readings: fresh.readings };
    }
    const context = { now: this.clock.now(), actor };
    // Readings and sensor checks fold into the picture as they decide (no copy of the state);
    // a refusal always comes before any change.
    const inPlace = command.type === 'recordReadings' || command.type === 'checkSensors';
    const decision = inPlace
      ? decideInPlace(command, this.state, context)
      : decide(command, this.state, context);
    if (!decision.ok) {
      const { refusal } = decision;
      const path = refusal.path?.replace(
        /^readings\[(\d+)\]/,
        (_, i: string) => `readings[${originalIndex[Number(i)] ?? i}]`,
      );
      return Promise.reject(new RefusedError({ ...refusal, ...(path ? { path } : {}) }));
    }
    if (decision.events.length === 0) return this.afterPending({ events: [], duplicates });
    if (!inPlace) for (const event of decision.events) evolve(this.state, event);
    return this.commit(decision.events, duplicates);
  }

  /**
   * A replaying drill moves on: folds events the log already holds (the next ones after the
   * picture, in order) and passes them to followers. Never for a stream that takes commands.
   */
  replay(events: EventEnvelope[]): void {
    if (events.length === 0) return;
    for (const event of events) {
      evolve(this.state, event);
      evolve(this.committedState, event);
    }
    this.committedSeq = this.state.seq;
    (this.hooks.replayed ?? this.hooks.committed)(this.stream, events);
  }

  /** A drill seeks: its picture is replaced, and followers start again from a snapshot. */
  reposition(state: State): void {
    this.state = state;
    this.committedState = structuredClone(state);
    this.committedSeq = state.seq;
    this.hooks.reset(this.stream);
  }

  /** Resolves once nothing is waiting for the log (used on close). */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await this.lastAppend;
  }

  private commit(events: DomainEvent[], duplicates: number): Promise<Outcome> {
    const firstSeq = this.state.seq + 1;
    let appended: Promise<EventEnvelope[]>;
    try {
      appended = this.log.append(this.stream, events);
    } catch (error) {
      appended = Promise.reject(error);
    }
    this.state.seq += events.length;
    const readingIds: string[] = [];
    for (const event of events) {
      if (event.type === 'reading.recorded' && event.id) {
        readingIds.push(event.id);
        this.pendingIds.add(event.id);
      }
    }
    this.inFlight += 1;
    this.lastAppend = appended.then(
      () => undefined,
      () => undefined,
    );
    return appended.then(
      (envelopes) => {
        this.inFlight -= 1;
        for (const id of readingIds) this.pendingIds.delete(id);
        if (envelopes[0]?.seq !== firstSeq || envelopes.length !== events.length) {
          this.fail(new Error(`log gave seq ${envelopes[0]?.seq}, expected ${firstSeq}`));
          throw new LogUnavailable();
        }
        this.committedInOrder(envelopes);
        this.recoverIfBroken();
        return { events: envelopes, seq: envelopes[envelopes.length - 1]!.seq, duplicates };
      },
      (error: unknown) => {
        this.inFlight -= 1;
        for (const id of readingIds) this.pendingIds.delete(id);
        this.fail(error);
        throw new LogUnavailable();
      },
    );
  }

  /** A no-op answer still waits for earlier writes, so it never acknowledges uncommitted data. */
  private async afterPending(result: Omit<Outcome, 'seq'>): Promise<Outcome> {
    const failuresBefore = this.failures;
    await this.lastAppend;
    // A write that failed meanwhile may have held what this answer relies on: let it retry.
    if (this.broken || this.failures !== failuresBefore) throw new LogUnavailable();
    return { ...result, seq: this.state.seq };
  }

  /** Readings not already in the log, in flight, or earlier in the same batch. */
  private freshReadings(readings: Reading[]): { readings: Reading[]; index: number[] } {
    const known = this.log.existingIds(
      this.stream,
      readings.map((reading) => reading.id),
    );
    const seen = new Set<string>();
    const fresh: Reading[] = [];
    const index: number[] = [];
    readings.forEach((reading, i) => {
      if (known.has(reading.id) || this.pendingIds.has(reading.id) || seen.has(reading.id)) return;
      seen.add(reading.id);
      fresh.push(reading);
      index.push(i);
    });
    return { readings: fresh, index };
  }

  private committedInOrder(envelopes: EventEnvelope[]): void {
    this.waiting.set(envelopes[0]!.seq, envelopes);
    let next = this.waiting.get(this.committedSeq + 1);
    while (next) {
      this.waiting.delete(this.committedSeq + 1);
      for (const event of next) evolve(this.committedState, event);
      this.committedSeq = next[next.length - 1]!.seq;
      this.hooks.committed(this.stream, next);
      next = this.waiting.get(this.committedSeq + 1);
    }
    this.maybeSnapshot();
  }

  /** Snapshots the committed picture, so a snapshot never runs ahead of the log. */
  private maybeSnapshot(): void {
    try {
      maybeSnapshot(this.log, this.stream, this.committedState, this.hooks.snapshotEvery);
    } catch (error) {
      this.hooks.logger.warn({ err: error, stream: this.stream }, 'snapshot failed');
    }
  }

  /**
   * A write the log refused leaves the picture ahead of the log. Stop taking commands, let the
   * other writes settle, then rebuild from the log: never serve a picture the log does not hold.
   */
  private fail(error: unknown): void {
    this.hooks.logger.fatal({ err: error, stream: this.stream }, 'event log append failed');
    this.broken = true;
    this.failures += 1;
    this.recoverIfBroken();
  }

  private recoverIfBroken(): void {
    if (!this.broken || this.inFlight > 0) return;
    try {
      this.state = rebuildState(this.log, this.stream).state;
      this.committedState = structuredClone(this.state);
      this.committedSeq = this.state.seq;
      this.waiting.clear();
      this.pendingIds.clear();
      this.broken = false;
      this.hooks.reset(this.stream);
    } catch (rebuildError) {
      this.hooks.logger.fatal({ err: rebuildError, stream: this.stream }, 'rebuild failed');
    }
  }
}
