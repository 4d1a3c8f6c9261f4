import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import type { EventLog, Snapshot, StreamInfo } from './port';
import { WalCheckpointer } from './checkpointer';
import { IdConflictError } from './errors';
import { timeOrderedId } from './event-id';
import { snapshotText } from './snapshot-text';
import { SqliteCursors } from './sqlite-cursor';
import {
  configureWriter,
  prepareStatements,
  type Statements,
  type Synchronous,
} from './sqlite-schema';

export interface SqliteLogOptions {
  /** Path of the database file; its folder and the file are created on first open. */
  file: string;
  /**
   * `FULL` (default): a commit is on disk before `append` resolves, so an acknowledged write
   * survives a power cut. `NORMAL`: with WAL, commits are not synced one by one; a power cut (not a
   * process crash) can lose the last transactions, but never corrupts the file or leaves a gap.
   */
  synchronous?: Synchronous;
  /** How often the snapshot helpers save a picture of a stream (events). Default 10,000. */
  snapshotEvery?: number;
}

/** Opens (creating if needed) the SQLite event log at `options.file`. */
export function openSqliteLog(options: SqliteLogOptions): SqliteEventLog {
  return new SqliteEventLog(options);
}

interface PendingRow {
  stream: string;
  seq: number;
  id: string;
  type: string;
  atMs: number;
  at: string;
  data: string;
}

interface Waiter {
  envelopes: EventEnvelope[];
  resolve: (envelopes: EventEnvelope[]) => void;
  reject: (error: unknown) => void;
}

/** Counters for /metrics and tests: how well group commit is batching. */
export interface CommitStats {
  commits: number;
  committedEvents: number;
  pendingEvents: number;
}

const LARGEST_SEQ = Number.MAX_SAFE_INTEGER;
/** Lookups without a following append (a client probing) must not grow memory without bound. */
const KNOWN_ABSENT_LIMIT = 50_000;

/**
 * The default `EventLog`: one SQLite file in WAL mode, written by this process alone (the
 * per-stream counters live in memory). Appends made in the same tick share one transaction.
 */
export class SqliteEventLog implements EventLog {
  readonly file: string;
  readonly snapshotEvery: number;
  private readonly db: Database.Database;
  private readonly cursors: SqliteCursors;
  private readonly sql: Statements;
  private readonly insertRows: (rows: PendingRow[]) => void;
  /** Last seq handed out per stream, committed or still queued. */
  private readonly seqs = new Map<string, number>();
  private queue: PendingRow[] = [];
  private waiters: Waiter[] = [];
  private pendingIds = new Map<string, Set<string>>();
  /**
   * Ids `existingIds` just found absent. As this process is the only writer, such an id can only
   * enter the stream through `append`, so the append that usually follows need not look it up
   * again. Forgotten at each commit to bound the memory.
   */
  private knownAbsent = new Map<string, Set<string>>();
  private flushTimer: NodeJS.Immediate | null = null;
  private readonly checkpointer: WalCheckpointer;
  private closed = false;
  private commits = 0;
  private committedEvents = 0;

  constructor(options: SqliteLogOptions) {
    this.file = resolve(options.file);
    this.snapshotEvery = options.snapshotEvery ?? 10_000;
    mkdirSync(dirname(this.file), { recursive: true });
    this.db = new Database(this.file, { timeout: 5000 });
    configureWriter(this.db, options.synchronous ?? 'FULL');
    this.sql = prepareStatements(this.db);
    this.cursors = new SqliteCursors(this.file);
    this.insertRows = this.db.transaction((rows: PendingRow[]) => {
      const insert = this.sql.insertEvent;
      for (const row of rows) {
        insert.run(row.stream, row.seq, row.id, row.type, row.atMs, row.at, row.data);
      }
    });
    for (const stream of this.sql.streamNames.all()) this.syncSeq(stream);
    this.checkpointer = new WalCheckpointer(this.file);
  }

  /**
   * Assigns seqs now and resolves once the events are committed. Refusals never consume a seq:
   * an id already in the stream (committed or queued), or repeated within the call, rejects with
   * `IdConflictError`; an unreadable `at` or data that cannot be JSON rejects with a
   * `RangeError`/`TypeError`. Never throws — every failure is a rejected promise. If the commit
   * itself fails (disk full, I/O error), every append of that transaction rejects with the error.
   */
  append(stream: string, events: readonly DomainEvent[]): Promise<EventEnvelope[]> {
    if (this.closed) return Promise.reject(new Error('The event log is closed'));
    if (events.length === 0) return Promise.resolve([]);
    const times = new Array<number>(events.length);
    const texts = new Array<string>(events.length);
    const givenIds = new Set<string>();
    const pending = this.pendingIds.get(stream);
    try {
      for (let i = 0; i < events.length; i += 1) {
        const event = events[i]!;
        const atMs = Date.parse(event.at);
        if (!Number.isFinite(atMs)) throw new RangeError(`Event time is not ISO-8601: ${event.at}`);
        times[i] = atMs;
        texts[i] = JSON.stringify(event.data);
        const id = event.id;
        if (id === undefined) continue;
        if (givenIds.has(id) || pending?.has(id)) throw new IdConflictError(stream, id);
        givenIds.add(id);
      }
      const absent = this.knownAbsent.get(stream);
      const unchecked = absent ? [...givenIds].filter((id) => !absent.has(id)) : [...givenIds];
      if (unchecked.length > 0) {
        const [taken] = this.sql.idsIn.all(stream, JSON.stringify(unchecked));
        if (taken !== undefined) throw new IdConflictError(stream, taken);
      }
    } catch (error) {
      return Promise.reject(error);
    }

    let seq = this.seqs.get(stream) ?? 0;
    const ids = pending ?? new Set<string>();
    const envelopes = new Array<EventEnvelope>(events.length);
    for (let i = 0; i < events.length; i += 1) {
      const { type, at, data } = events[i]!;
      const atMs = times[i]!;
      const id = events[i]!.id ?? timeOrderedId(atMs);
      seq += 1;
      ids.add(id);
      // Key order is the contract's; NDJSON exports rely on it for byte-identical lines.
      envelopes[i] = { seq, stream, id, type, at, data } as EventEnvelope;
      this.queue.push({ stream, seq, id, type, atMs, at, data: texts[i]! });
    }
    this.seqs.set(stream, seq);
    if (!pending) this.pendingIds.set(stream, ids);
    this.flushTimer ??= setImmediate(() => this.flush());
    return new Promise((resolve, reject) => this.waiters.push({ envelopes, resolve, reject }));
  }

  existingIds(stream: string, ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    if (ids.length === 0) return found;
    const pending = this.pendingIds.get(stream);
    let toLookUp = ids;
    if (pending) {
      toLookUp = ids.filter((id) => !pending.has(id));
      for (const id of ids) if (pending.has(id)) found.add(id);
    }
    if (toLookUp.length === 0) return found;
    const stored = this.sql.idsIn.all(stream, JSON.stringify(toLookUp));
    for (const id of stored) found.add(id);
    let absent = this.knownAbsent.get(stream);
    if (!absent || absent.size > KNOWN_ABSENT_LIMIT) {
      this.knownAbsent.set(stream, (absent = new Set()));
    }
    for (const id of toLookUp) if (!found.has(id)) absent.add(id);
    return found;
  }

  readAfter(stream: string, afterSeq: number, limit = -1): EventEnvelope[] {
    return this.sql.readAfter
      .all(stream, afterSeq, limit)
      .map((json) => JSON.parse(json) as EventEnvelope);
  }

  /**
   * Reads on a connection of its own, so commits go on while the iterator is open; it sees the log
   * as it was at the first `next()`. Finish or `return()` it: an open cursor pins that snapshot.
   */
  iterate(stream: string, fromSeq: number, toSeq = LARGEST_SEQ): IterableIterator<EventEnvelope> {
    return this.cursors.events(stream, fromSeq, toSeq);
  }

  /** Scans the time index up to `atMs`: cost grows with the events before that time. */
  seqAtTime(stream: string, atMs: number): number {
    return this.sql.seqAtTime.get(stream, atMs) ?? 0;
  }

  /** The last seq handed out, including appends accepted in this tick and not yet committed. */
  lastSeq(stream: string): number {
    return this.seqs.get(stream) ?? 0;
  }

  /** The streams on disk (committed events only). */
  streams(): StreamInfo[] {
    return this.sql.streamNames.all().map((stream) => {
      const { firstAt, lastAt } = this.sql.timeRange.get(stream, stream)!;
      return { stream, lastSeq: this.sql.lastSeq.get(stream) ?? 0, firstAt, lastAt };
    });
  }

  /**
   * Commits queued appends first, so a snapshot is never ahead of the events it folds; throws a
   * RangeError if `snapshot.seq` is beyond the committed end of the stream.
   */
  saveSnapshot(snapshot: Snapshot): void {
    this.flush();
    const last = this.lastSeq(snapshot.stream);
    if (snapshot.seq > last) {
      throw new RangeError(`Snapshot at seq ${snapshot.seq} is past ${snapshot.stream}'s ${last}`);
    }
    const state = snapshotText(snapshot.state);
    this.sql.saveSnapshot.run(snapshot.stream, snapshot.seq, snapshot.at, state);
  }

  latestSnapshot(stream: string, maxSeq: number = LARGEST_SEQ): Snapshot | null {
    const row = this.sql.latestSnapshot.get(stream, maxSeq);
    if (!row) return null;
    return { stream, seq: row.seq, at: row.at_ms, state: JSON.parse(row.state) };
  }

  /** Commits queued appends (of every stream), then deletes the stream's events and snapshots. */
  dropStream(stream: string): void {
    this.flush();
    this.db.transaction(() => {
      this.sql.dropEvents.run(stream);
      this.sql.dropSnapshots.run(stream);
    })();
    this.seqs.delete(stream);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await this.checkpointer.stop();
    this.cursors.close();
    // Leave the file whole and the WAL empty for whoever opens it next.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader still holds the WAL: SQLite checkpoints on the next open.
    }
    this.db.close();
  }

  stats(): CommitStats {
    const { commits, committedEvents } = this;
    return { commits, committedEvents, pendingEvents: this.queue.length };
  }

  /** Writes everything queued, from every stream, in one transaction, then settles the callers. */
  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    if (this.queue.length === 0) return;
    const rows = this.queue;
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    this.pendingIds = new Map();
    this.knownAbsent = new Map();
    try {
      this.insertRows(rows);
    } catch (error) {
      // Nothing of this transaction is stored: hand out its seqs again so no gap follows.
      for (const stream of new Set(rows.map((row) => row.stream))) this.syncSeq(stream);
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    this.commits += 1;
    this.committedEvents += rows.length;
    for (const waiter of waiters) waiter.resolve(waiter.envelopes);
  }

  private syncSeq(stream: string): void {
    const last = this.sql.lastSeq.get(stream) ?? 0;
    if (last > 0) this.seqs.set(stream, last);
    else this.seqs.delete(stream);
  }
}
