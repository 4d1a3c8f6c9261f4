import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  commandRoles,
  initialState,
  upgradeState,
  decide,
  decideInPlace,
  evolve,
  refuse,
  type Actor,
  type Command,
  type DomainEvent,
  type EventEnvelope,
  type State,
} from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import { IdConflictError, maybeSnapshot, rebuildState, SeqConflictError } from '@floodnet/log';
import type { FastifyBaseLogger } from 'fastify';
import { DiskFull, LogUnavailable, RefusedError } from '../errors.js';

/** Events folded between two turns of the event loop while a picture is rebuilt. */
const REBUILD_PAGE = 2000;

/** What a failed append was, in the words the client gets: a full disk is not "retry shortly". */
function storageFailure(error: unknown): Error {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || String(message).includes('disk is full')) {
    return new DiskFull();
  }
  if (error instanceof IdConflictError) return new LogUnavailable('an event id is already stored');
  return new LogUnavailable(typeof code === 'string' ? code : 'write failed');
}

/** How often one command is decided again after other replicas appended first. */
const MAX_ATTEMPTS = 20;

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
 *
 * With several replicas on one log (PostgreSQL), another replica may append first: the log then
 * refuses the append (`SeqConflictError`), the picture is rebuilt from the caught-up log, and the
 * command is decided again on it — so of twenty racing assignments of one squad, one wins.
 * Commits by other replicas reach `followed` and are passed on like this replica's own.
 */
export class StreamEngine {
  state: State;
  /** The picture at `committedSeq`: what reads and snapshots show. */
  committedState: State;
  /** The last seq the log has confirmed as committed. */
  committedSeq: number;
  private inFlight = 0;
  private broken = false;
  /** Why the stream is broken: what the clients are told until the picture is rebuilt. */
  private brokenBy: Error = new LogUnavailable('recovering');
  private recovering = false;
  /** Settles (never rejects) when the latest append has. */
  private lastAppend: Promise<void> = Promise.resolve();
  private failures = 0;
  /** Set while the picture is rebuilt after another replica appended first; commands wait. */
  private resync: { done: Promise<void>; resolve(): void; reject(error: unknown): void } | null =
    null;
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
  execute(command: Command, actor: Actor, attempt = 1): Promise<Outcome> {
    if (this.commandsRefused) return Promise.reject(this.commandsRefused);
    const again = () => {
      if (attempt >= MAX_ATTEMPTS) {
        return Promise.reject(new LogUnavailable('other replicas kept writing first'));
      }
      return this.execute(command, actor, attempt + 1);
    };
    // Another replica's events reached the log past this picture: decide on the newer one.
    if (!this.broken && this.log.lastSeq(this.stream) !== this.state.seq) void this.outdated();
    if (this.resync) return this.resync.done.then(again);
    if (this.broken) return Promise.reject(this.brokenBy);
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
      if (fresh.readings.length === 0) return this.afterPending({ events: [], duplicates }, again);
      command = { type: 'recordReadings', readings: fresh.readings };
    }
    if (command.type === 'recordPositions') {
      // Tracker fixes follow the readings' rule: a repeated id is acknowledged, not stored twice.
      const fresh = this.freshReadings(command.positions);
      duplicates = command.positions.length - fresh.readings.length;
      originalIndex = fresh.index;
      if (fresh.readings.length === 0) return this.afterPending({ events: [], duplicates }, again);
      command = { type: 'recordPositions', positions: fresh.readings };
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
        /^(readings|positions)\[(\d+)\]/,
        (_, list: string, i: string) => `${list}[${originalIndex[Number(i)] ?? i}]`,
      );
      return Promise.reject(new RefusedError({ ...refusal, ...(path ? { path } : {}) }));
    }
    if (decision.events.length === 0) return this.afterPending({ events: [], duplicates }, again);
    if (!inPlace) for (const event of decision.events) evolve(this.state, event);
    return this.commit(decision.events, duplicates, again);
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

  /**
   * Events another replica committed, in seq order, now in this replica's copy of the log: folded
   * and passed on when they continue the picture; otherwise the picture is rebuilt first.
   */
  followed(events: EventEnvelope[]): void {
    const last = events[events.length - 1];
    if (!last || last.seq <= this.committedSeq) return;
    const idle = this.inFlight === 0 && !this.broken && this.state.seq === this.committedSeq;
    if (!idle || events[0]!.seq !== this.state.seq + 1) {
      void this.outdated();
      return;
    }
    for (const event of events) {
      evolve(this.state, event);
      evolve(this.committedState, event);
    }
    this.committedSeq = this.state.seq;
    // Not counted as appended here: the replica that appended them counts them.
    (this.hooks.replayed ?? this.hooks.committed)(this.stream, events);
    this.maybeSnapshot();
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

  private commit(
    events: DomainEvent[],
    duplicates: number,
    again: () => Promise<Outcome>,
  ): Promise<Outcome> {
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
      if (
        (event.type === 'reading.recorded' || event.type === 'unit.positionReported') &&
        event.id
      ) {
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
          throw this.brokenBy;
        }
        this.committedInOrder(envelopes);
        this.recoverIfBroken();
        return { events: envelopes, seq: envelopes[envelopes.length - 1]!.seq, duplicates };
      },
      (error: unknown) => {
        this.inFlight -= 1;
        for (const id of readingIds) this.pendingIds.delete(id);
        if (error instanceof SeqConflictError) return this.outdated().then(again);
        this.fail(error);
        throw this.brokenBy;
      },
    );
  }

  /** A no-op answer still waits for earlier writes, so it never acknowledges uncommitted data. */
  private async afterPending(
    result: Omit<Outcome, 'seq'>,
    again: () => Promise<Outcome>,
  ): Promise<Outcome> {
    const failuresBefore = this.failures;
    await this.lastAppend;
    // What it relied on lost a race to another replica: decide it again on the newer picture.
    if (this.resync) return this.resync.done.then(again);
    // A write that failed meanwhile may have held what this answer relies on: let it retry.
    if (this.broken || this.failures !== failuresBefore) throw this.brokenBy;
    return { ...result, seq: this.state.seq };
  }

  /** Readings not already in the log, in flight, or earlier in the same batch. */
  private freshReadings<T extends { id: string }>(
    readings: T[],
  ): { readings: T[]; index: number[] } {
    const known = this.log.existingIds(
      this.stream,
      readings.map((reading) => reading.id),
    );
    const seen = new Set<string>();
    const fresh: T[] = [];
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
    if (!this.broken) this.brokenBy = storageFailure(error);
    this.broken = true;
    this.failures += 1;
    this.recoverIfBroken();
  }

  /**
   * The picture is behind the log (another replica appended) or ahead of it (an append of ours
   * lost the race). Commands wait; once this replica's writes have settled the picture is
   * rebuilt from the log, which already holds the other replica's events.
   */
  private outdated(): Promise<void> {
    if (!this.resync) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((ok, fail) => ((resolve = ok), (reject = fail)));
      done.catch(() => undefined);
      this.resync = { done, resolve, reject };
    }
    const { done } = this.resync;
    this.broken = true;
    this.recoverIfBroken();
    return done;
  }

  private recoverIfBroken(): void {
    if (!this.broken || this.inFlight > 0 || this.recovering) return;
    this.recovering = true;
    const shown = this.committedSeq;
    this.rebuildInTurns().then(
      (state) => {
        this.recovering = false;
        const resync = this.resync;
        this.resync = null;
        this.state = state;
        this.committedState = structuredClone(state);
        this.committedSeq = state.seq;
        this.waiting.clear();
        this.pendingIds.clear();
        this.broken = false;
        if (resync && state.seq >= shown) {
          // Followers saw the committed prefix, which still holds: send them only what they lack.
          const missed = this.log.readAfter(this.stream, shown);
          if (missed.length > 0) (this.hooks.replayed ?? this.hooks.committed)(this.stream, missed);
          resync.resolve();
        } else {
          this.hooks.reset(this.stream);
          resync?.resolve();
        }
        // Another replica committed while the picture was rebuilt: catch up once more.
        if (this.log.lastSeq(this.stream) !== this.state.seq) void this.outdated();
      },
      (rebuildError: unknown) => {
        this.recovering = false;
        this.hooks.logger.fatal({ err: rebuildError, stream: this.stream }, 'rebuild failed');
        const resync = this.resync;
        this.resync = null;
        resync?.reject(new LogUnavailable('the picture could not be rebuilt'));
      },
    );
  }

  /**
   * The picture from the newest snapshot and the events after it, folded a page per turn of the
   * event loop: screens and other streams are served while a broken stream recovers.
   */
  private async rebuildInTurns(): Promise<State> {
    // Always a turn of the loop first. A replica can be behind its own log's head while rows
    // another replica committed are still being copied into its SQLite copy (the writer thread
    // confirms them by a message the loop must be free to take); rebuilt in microtasks alone,
    // recovery would find the head still ahead, rebuild again, and never let the copy finish —
    // a replica at full CPU answering nothing.
    await nextTurn();
    const snapshot = this.log.latestSnapshot(this.stream);
    const state = snapshot ? upgradeState(snapshot.state) : initialState();
    for (;;) {
      const page = this.log.readAfter(this.stream, state.seq, REBUILD_PAGE);
      for (const event of page) evolve(state, event);
      if (page.length < REBUILD_PAGE) return state;
      await nextTurn();
    }
  }
}
