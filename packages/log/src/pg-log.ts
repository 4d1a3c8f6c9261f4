import pg from 'pg';
import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import type { EventLog, Snapshot, StreamInfo } from './port';
import { IdConflictError, SeqConflictError } from './errors';
import { timeOrderedId } from './event-id';
import { PgFollower } from './pg-follower';
import { PgLease } from './pg-lease';
import { PgMirror } from './pg-mirror';
import {
  connectionConfig,
  DROP_STREAM,
  INSERT_EVENTS,
  isUniqueViolation,
  migrate,
  SAVE_SNAPSHOT,
} from './pg-schema';
import type { SqliteEventLog } from './sqlite-log';

export interface PgLogOptions {
  /** `postgres://user:password@host:port/database` (FLOODNET_DATABASE_URL). */
  url: string;
  snapshotEvery?: number;
  /** How often the mirror checks PostgreSQL for commits it was not told of (ms). Default 2,000. */
  pollMs?: number;
  /** Errors of background work (snapshot upload, a lost LISTEN connection). Default: ignored. */
  onError?: (error: unknown, what: string) => void;
}

/** Events committed by another writer, contiguous and in seq order, once the mirror holds them. */
export type CommitListener = (stream: string, events: EventEnvelope[]) => void;

interface PendingRow {
  stream: string;
  seq: number;
  id: string;
  type: string;
  atMs: number;
  at: string;
  data: string;
  event: DomainEvent;
}

interface Waiter {
  envelopes: EventEnvelope[];
  resolve: (envelopes: EventEnvelope[]) => void;
  reject: (error: unknown) => void;
}

/** Opens the log: applies migrations, then copies PostgreSQL into the local mirror. */
export async function openPgLog(options: PgLogOptions): Promise<PgEventLog> {
  const log = new PgEventLog(options);
  try {
    await log.start();
  } catch (error) {
    await log.close().catch(() => undefined);
    throw error;
  }
  return log;
}

/**
 * The `EventLog` on PostgreSQL, for several replicas sharing one log. PostgreSQL is the truth:
 * `(stream, seq)` and `(stream, id)` are unique there, so of two replicas that give the same seq
 * to different events exactly one commits; the other's append fails with `SeqConflictError` after
 * this log has caught up, and its caller decides again. The port's reads are synchronous, so they
 * are served by a local SQLite mirror holding exactly what PostgreSQL has committed, in order; it
 * follows other writers' commits through LISTEN/NOTIFY, with a periodic poll as a safety net.
 */
export class PgEventLog implements EventLog {
  readonly snapshotEvery: number;
  private readonly pool: pg.Pool;
  private readonly copy: PgMirror;
  /** The copy's reads (what PostgreSQL has committed). */
  private readonly mirror: SqliteEventLog;
  private readonly follower: PgFollower;
  private readonly listeners: CommitListener[] = [];
  private readonly ownSessions = new Set<number>();
  private readonly leases: PgLease[] = [];
  /** Last seq handed out per stream (committed, or on its way to PostgreSQL). */
  private readonly seqs = new Map<string, number>();
  private queue: PendingRow[] = [];
  private waiters: Waiter[] = [];
  private pendingIds = new Map<string, Set<string>>();
  /** First seq per stream of the rows being written now: catch-up stops short of them. */
  private readonly writing = new Map<string, number>();
  /** PostgreSQL writes, one at a time (appends, snapshots, drops) in the order they were made. */
  private writes: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private closed = false;
  private lastCaughtUp = 0;
  private reachable = false;

  constructor(private readonly options: PgLogOptions) {
    this.snapshotEvery = options.snapshotEvery ?? 10_000;
    this.pool = new pg.Pool({ ...connectionConfig(options.url), max: 8 });
    // An idle connection dropped by a restarting server must not crash the process.
    this.pool.on('error', (error) => this.report(error, 'idle connection lost'));
    // Backend pids of this log's own sessions: their notifications are commits it already has.
    const pidOf = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID;
    this.pool.on('connect', (client) => this.ownSessions.add(pidOf(client)));
    this.pool.on('remove', (client) => this.ownSessions.delete(pidOf(client)));
    this.copy = new PgMirror(this.pool, this.snapshotEvery, {
      writingFrom: (stream) => this.writing.get(stream),
      foreign: (stream, events) => {
        const last = events[events.length - 1]!.seq;
        if (this.lastSeq(stream) < last) this.seqs.set(stream, last);
        for (const listener of this.listeners) listener(stream, events);
      },
    });
    this.mirror = this.copy.log;
    const catchUp = (streams?: string[]) =>
      void this.catchUp(streams).catch((error) => this.report(error, 'catch-up'));
    this.follower = new PgFollower(
      options.url,
      {
        committed: (streams) => catchUp(streams),
        // Another replica dropped it; it may already be filling again, so read it afresh.
        dropped: (stream) => {
          void this.copy.inLane(async () => this.forget(stream));
          catchUp([stream]);
        },
        reconnected: () => catchUp(),
        error: (error) => this.report(error, 'follower'),
      },
      () => this.ownSessions,
    );
  }

  /** Migrates, starts following, and copies the log and its snapshots into the mirror. */
  async start(): Promise<void> {
    await migrate(this.pool);
    await this.follower.start();
    await this.catchUp();
    await this.copy.copySnapshots();
    const poll = setInterval(
      () => void this.catchUp().catch((error) => this.report(error, 'poll')),
      this.options.pollMs ?? 2_000,
    );
    poll.unref();
    this.stopPolling = () => clearInterval(poll);
  }

  /** Called with every batch another writer committed (after the mirror holds it). */
  follow(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Whether PostgreSQL answered the last check, and when the mirror last matched its head. */
  health(): { reachable: boolean; caughtUpAt: number } {
    return { reachable: this.reachable, caughtUpAt: this.lastCaughtUp };
  }

  /**
   * A lease held by one replica at a time (timers that must run once across the cluster);
   * released on close, and lost within seconds when this process dies.
   */
  lease(name: string, onChange?: (held: boolean) => void): PgLease {
    const lease = new PgLease(this.options.url, name, 1_000, onChange);
    this.leases.push(lease);
    lease.start();
    return lease;
  }

  append(stream: string, events: readonly DomainEvent[]): Promise<EventEnvelope[]> {
    if (this.closed) return Promise.reject(new Error('The event log is closed'));
    if (events.length === 0) return Promise.resolve([]);
    const rows: PendingRow[] = [];
    const pending = this.pendingIds.get(stream) ?? new Set<string>();
    let seq = this.lastSeq(stream);
    try {
      const given = events.flatMap((event) => (event.id === undefined ? [] : [event.id]));
      const taken = this.mirror.existingIds(stream, given);
      const seen = new Set<string>();
      for (const event of events) {
        const atMs = Date.parse(event.at);
        if (!Number.isFinite(atMs)) throw new RangeError(`Event time is not ISO-8601: ${event.at}`);
        const id = event.id ?? timeOrderedId(atMs);
        if (taken.has(id) || pending.has(id) || seen.has(id)) throw new IdConflictError(stream, id);
        seen.add(id);
        seq += 1;
        const data = JSON.stringify(event.data);
        rows.push({ stream, seq, id, type: event.type, atMs, at: event.at, data, event });
      }
    } catch (error) {
      return Promise.reject(error);
    }
    for (const id of rows.map((row) => row.id)) pending.add(id);
    this.pendingIds.set(stream, pending);
    this.seqs.set(stream, seq);
    this.queue.push(...rows);
    // Key order is the contract's.
    const envelopes = rows.map(
      ({ seq, id, event }) =>
        ({ seq, stream, id, type: event.type, at: event.at, data: event.data }) as EventEnvelope,
    );
    this.scheduleFlush();
    return new Promise((resolve, reject) => this.waiters.push({ envelopes, resolve, reject }));
  }

  existingIds(stream: string, ids: readonly string[]): Set<string> {
    const found = this.mirror.existingIds(stream, ids);
    const pending = this.pendingIds.get(stream);
    if (pending) for (const id of ids) if (pending.has(id)) found.add(id);
    return found;
  }

  readAfter(stream: string, afterSeq: number, limit?: number): EventEnvelope[] {
    return this.mirror.readAfter(stream, afterSeq, limit);
  }

  iterate(stream: string, fromSeq: number, toSeq?: number): IterableIterator<EventEnvelope> {
    return this.mirror.iterate(stream, fromSeq, toSeq);
  }

  seqAtTime(stream: string, atMs: number): number {
    return this.mirror.seqAtTime(stream, atMs);
  }

  lastSeq(stream: string): number {
    return Math.max(this.seqs.get(stream) ?? 0, this.mirror.lastSeq(stream));
  }

  streams(): StreamInfo[] {
    return this.mirror.streams();
  }

  /** Saved in the mirror now (so it must not be past what is committed) and in PostgreSQL next. */
  saveSnapshot(snapshot: Snapshot): void {
    this.mirror.saveSnapshot(snapshot);
    const { stream, seq, at, state } = snapshot;
    const text = JSON.stringify(state);
    this.inWriteLane(async () => {
      await this.pool.query(SAVE_SNAPSHOT, [stream, seq, at, text]);
    }, 'snapshot upload');
  }

  latestSnapshot(stream: string, maxSeq?: number): Snapshot | null {
    return this.mirror.latestSnapshot(stream, maxSeq);
  }

  /** Gone from the mirror now, from PostgreSQL (and the other replicas' mirrors) next. */
  dropStream(stream: string): void {
    this.forget(stream);
    this.inWriteLane(async () => {
      await this.pool.query(DROP_STREAM, [stream]);
    }, 'drop stream');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopPolling();
    await Promise.all(this.leases.map((lease) => lease.stop()));
    this.startFlush();
    await this.writes;
    await this.follower.stop();
    await this.copy.close();
    await this.pool.end().catch(() => undefined);
  }

  /**
   * Brings the mirror up to PostgreSQL's head for every stream (or the given ones), passing what
   * other writers committed to the followers. Rejects if PostgreSQL cannot be read.
   */
  async catchUp(streams?: string[]): Promise<void> {
    try {
      await this.copy.catchUp(streams);
    } catch (error) {
      this.reachable = false;
      throw error;
    }
    this.reachable = true;
    this.lastCaughtUp = Date.now();
  }

  private stopPolling: () => void = () => undefined;

  private forget(stream: string): void {
    this.mirror.dropStream(stream);
    this.seqs.delete(stream);
    this.pendingIds.delete(stream);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.startFlush());
  }

  private startFlush(): void {
    this.writes = this.writes
      .then(() => {
        this.flushScheduled = false;
        return this.flush();
      })
      .catch((error) => this.report(error, 'flush'));
  }

  /** Writes everything queued, from every stream, in one statement, then settles the callers. */
  private async flush(): Promise<void> {
    const rows = this.queue;
    const waiters = this.waiters;
    if (rows.length === 0) return;
    this.queue = [];
    this.waiters = [];
    const streams = [...new Set(rows.map((row) => row.stream))];
    for (const stream of streams)
      this.writing.set(stream, rows.find((r) => r.stream === stream)!.seq);
    try {
      await this.pool.query(INSERT_EVENTS, [
        rows.map((row) => row.stream),
        rows.map((row) => row.seq),
        rows.map((row) => row.id),
        rows.map((row) => row.type),
        rows.map((row) => row.atMs),
        rows.map((row) => row.at),
        rows.map((row) => row.data),
        JSON.stringify(streams),
      ]);
    } catch (error) {
      await this.failed(streams, waiters, error);
      return;
    }
    this.reachable = true;
    try {
      await this.copy.inLane(async () => {
        for (const stream of streams) {
          this.writing.delete(stream);
          const own = waiters.flatMap((waiter) =>
            waiter.envelopes.filter((e) => e.stream === stream),
          );
          await this.copy.add(stream, own);
        }
      });
    } catch (error) {
      // Committed in PostgreSQL, but not in the mirror: the caller hears of a failure (never a
      // false acknowledgement), and the next catch-up brings the rows in as they are.
      this.report(error, 'mirror update');
      this.seqs.clear();
      this.pendingIds = new Map();
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    // Only these rows' ids: appends queued since hold theirs until their own commit.
    for (const row of rows) this.pendingIds.get(row.stream)?.delete(row.id);
    for (const waiter of waiters) waiter.resolve(waiter.envelopes);
  }

  /**
   * Nothing of the statement is stored. Appends queued after it were given seqs that follow its
   * own, so they fail with it. On a unique violation the mirror catches up before the callers
   * hear of it, so that deciding again sees what the other writer committed.
   */
  private async failed(streams: string[], waiters: Waiter[], error: unknown): Promise<void> {
    const later = this.waiters;
    this.queue = [];
    this.waiters = [];
    for (const stream of this.writing.keys()) this.writing.delete(stream);
    this.pendingIds = new Map();
    this.seqs.clear();
    let reason = error;
    if (isUniqueViolation(error)) {
      reason = new SeqConflictError(streams[0]!);
      await this.catchUp(streams).catch((catchUpError) => (reason = catchUpError));
    } else {
      this.reachable = false;
    }
    for (const waiter of [...waiters, ...later]) waiter.reject(reason);
  }

  private inWriteLane(work: () => Promise<void>, what: string): void {
    this.writes = this.writes.then(work).catch((error) => this.report(error, what));
  }

  private report(error: unknown, what: string): void {
    this.options.onError?.(error, what);
  }
}
