import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import type { EventLog, Snapshot, StreamInfo } from './port';
import { WalCheckpointer } from './checkpointer';
import { IdConflictError } from './errors';
import { IdFilter } from './id-filter';
import { snapshotText } from './snapshot-text';
import { SqliteCursors } from './sqlite-cursor';
import {
  configureWriter,
  prepareStatements,
  type Statements,
  type Synchronous,
} from './sqlite-schema';
import { PendingWrites } from './sqlite-pending';
import { SqliteWriter } from './sqlite-writer';

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
 * per-stream counters live in memory). Appends made in the same tick share one transaction,
 * committed on a writer thread (`SqliteWriter`) so parsing and deciding go on meanwhile; reads
 * run here on a connection of their own and see what is committed.
 */
/** SQLite's largest `max_page_count`. */
const MAX_PAGES = 4294967294;

export class SqliteEventLog implements EventLog {
  readonly file: string;
  readonly snapshotEvery: number;
  /** The reading connection (it also created the schema); the writer thread has its own. */
  private readonly db: Database.Database;
  private readonly cursors: SqliteCursors;
  private readonly sql: Statements;
  private readonly writer: SqliteWriter;
  /** Last seq handed out per stream, committed or still queued. */
  private readonly seqs = new Map<string, number>();
  private readonly pending: PendingWrites;
  private readonly idFilter: IdFilter;
  /**
   * Ids `existingIds` just found absent. As this process is the only writer, such an id can only
   * enter the stream through `append`, so the append that usually follows need not look it up
   * again. Forgotten at each flush to bound the memory.
   */
  private knownAbsent = new Map<string, Set<string>>();
  /** Bumped when a commit fails: the writer refuses the failed epoch's later tickets. */
  private epoch = 0;
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
    const synchronous = options.synchronous ?? 'FULL';
    configureWriter(this.db, synchronous);
    // From here on this connection only reads; the writer thread holds the other one.
    this.db.pragma('query_only = ON');
    this.sql = prepareStatements(this.db);
    this.cursors = new SqliteCursors(this.file);
    for (const stream of this.sql.streamNames.all()) this.syncSeq(stream);
    let idsOnDisk = 0;
    for (const last of this.seqs.values()) idsOnDisk += last;
    this.idFilter = new IdFilter(this.file, [...this.seqs.keys()], idsOnDisk);
    this.pending = new PendingWrites((stream, id) => this.idFilter.add(stream, id));
    this.writer = new SqliteWriter(this.file, synchronous, (tickets, error) =>
      this.confirmed(tickets, error),
    );
    this.checkpointer = new WalCheckpointer(this.file);
  }

  /**
   * Assigns seqs now and resolves once the events are committed. Refusals never consume a seq:
   * an id already in the stream (committed or queued), or repeated within the call, rejects with
   * `IdConflictError`; an unreadable `at` or data that cannot be JSON rejects with a
   * `RangeError`/`TypeError`. Never throws — every failure is a rejected promise. If a commit
   * fails (disk full, I/O error), every append of it, and every append queued behind it, rejects
   * with the error.
   */
  append(stream: string, events: readonly DomainEvent[]): Promise<EventEnvelope[]> {
    if (this.closed) return Promise.reject(new Error('The event log is closed'));
    if (events.length === 0) return Promise.resolve([]);
    const times = new Array<number>(events.length);
    const texts = new Array<string>(events.length);
    const givenIds = new Set<string>();
    const pending = this.pending.idsOf(stream);
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
        const [taken] = this.storedAmong(stream, unchecked);
        if (taken !== undefined) throw new IdConflictError(stream, taken);
      }
    } catch (error) {
      return Promise.reject(error);
    }

    const firstSeq = (this.seqs.get(stream) ?? 0) + 1;
    const committed = this.pending.add(stream, firstSeq, events, times, texts);
    this.seqs.set(stream, firstSeq + events.length - 1);
    this.flushTimer ??= setImmediate(() => this.flush());
    return committed;
  }

  existingIds(stream: string, ids: readonly string[]): Set<string> {
    const found = new Set<string>();
    if (ids.length === 0) return found;
    const pending = this.pending.idsOf(stream);
    let toLookUp = ids;
    if (pending && pending.size > 0) {
      toLookUp = ids.filter((id) => !pending.has(id));
      for (const id of ids) if (pending.has(id)) found.add(id);
    }
    if (toLookUp.length === 0) return found;
    const stored = this.storedAmong(stream, toLookUp);
    for (const id of stored) found.add(id);
    let absent = this.knownAbsent.get(stream);
    if (!absent || absent.size > KNOWN_ABSENT_LIMIT) {
      this.knownAbsent.set(stream, (absent = new Set()));
    }
    for (const id of toLookUp) if (!found.has(id)) absent.add(id);
    return found;
  }

  /** Resolves once the id filter holds every id that was on disk at open (tests, benchmarks). */
  idFilterFilled(): Promise<void> {
    return this.idFilter.filled;
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

  /** One probe of the time index from its far end. */
  seqAtTime(stream: string, atMs: number): number {
    return this.sql.seqAtTime.get(stream, atMs) ?? 0;
  }

  /** The last seq handed out, including appends accepted and not yet committed. */
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
   * Queues the snapshot on the writer behind every append made so far, so it is never on disk
   * ahead of the events it folds; `latestSnapshot` sees it at once. Throws a RangeError if
   * `snapshot.seq` is beyond the end of the stream.
   */
  saveSnapshot(snapshot: Snapshot): void {
    const { stream, seq, at } = snapshot;
    const last = this.lastSeq(stream);
    if (seq > last) throw new RangeError(`Snapshot at seq ${seq} is past ${stream}'s ${last}`);
    const state = snapshotText(snapshot.state);
    this.flush();
    const ticket = this.writer.post({ op: 'snapshot', epoch: this.epoch, stream, seq, at, state });
    this.pending.track(ticket, { stream, seq, at, state });
  }

  latestSnapshot(stream: string, maxSeq: number = LARGEST_SEQ): Snapshot | null {
    const newest = this.pending.newestSnapshot(stream, maxSeq);
    const row = this.sql.latestSnapshot.get(stream, maxSeq);
    if (newest && (!row || newest.seq >= row.seq)) {
      return { stream, seq: newest.seq, at: newest.at, state: JSON.parse(newest.state) };
    }
    if (!row) return null;
    return { stream, seq: row.seq, at: row.at_ms, state: JSON.parse(row.state) };
  }

  /**
   * Commits queued appends (of every stream), then deletes the stream's events and snapshots;
   * waits for the writer, so reads right after it no longer see the stream.
   */
  dropStream(stream: string): void {
    this.flush();
    const ticket = this.writer.post({ op: 'drop', epoch: this.epoch, stream });
    this.pending.track(ticket);
    const error = this.writer.waitFor(ticket);
    if (error) throw error;
    this.seqs.delete(stream);
    this.pending.forget(stream);
    this.knownAbsent.delete(stream);
  }

  /**
   * A ceiling on the file's size in pages (`null`: SQLite's own), from the next commit on: past
   * it a commit fails whole with SQLITE_FULL, as on a full disk. Waits for the writer.
   */
  capPages(pages: number | null): void {
    this.flush();
    const ticket = this.writer.post({
      op: 'maxPages',
      epoch: this.epoch,
      pages: pages ?? MAX_PAGES,
    });
    this.pending.track(ticket);
    const error = this.writer.waitFor(ticket);
    if (error) throw error;
  }

  /** The file's size in pages now. */
  pageCount(): number {
    return this.db.pragma('page_count', { simple: true }) as number;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    await Promise.all([this.checkpointer.stop(), this.idFilter.stop()]);
    this.cursors.close();
    // Commits what is in flight, leaves the file whole and the WAL empty for the next open.
    await this.writer.close();
    this.db.close();
  }

  stats(): CommitStats {
    const { commits, committedEvents } = this;
    return { commits, committedEvents, pendingEvents: this.pending.events };
  }

  /** Hands everything queued, from every stream, to the writer as one ticket. */
  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    this.knownAbsent = new Map();
    this.pending.handOver((rows) => this.writer.post({ ...rows, epoch: this.epoch }));
  }

  /** The writer's reply for `tickets`: settle their callers, or fail everything after them. */
  private confirmed(tickets: number[], error: Error | null): void {
    if (error) {
      if (tickets.some((ticket) => this.pending.isTracked(ticket))) this.failAll(error);
      return;
    }
    let rows = 0;
    for (const ticket of tickets) rows += this.pending.confirm(ticket);
    if (rows === 0) return;
    this.commits += 1;
    this.committedEvents += rows;
  }

  /**
   * A commit failed: nothing of it is stored, and everything handed out after it follows seqs
   * that will not exist. Reject all of it, re-read the counters so no gap follows, and start a
   * new epoch (the writer refuses what is still on its way from the old one).
   */
  private failAll(error: Error): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    this.knownAbsent = new Map();
    this.epoch += 1;
    for (const stream of [...this.seqs.keys()]) this.syncSeq(stream);
    this.pending.failAll(error);
  }

  /** Of `ids`, those stored in `stream`: the filter rules most out, the index answers the rest. */
  private storedAmong(stream: string, ids: readonly string[]): string[] {
    let ask = ids;
    if (this.idFilter.ready) ask = ids.filter((id) => this.idFilter.mightHave(stream, id));
    if (ask.length === 0) return [];
    return this.sql.idsIn.all(stream, JSON.stringify(ask));
  }

  private syncSeq(stream: string): void {
    const last = this.sql.lastSeq.get(stream) ?? 0;
    if (last > 0) this.seqs.set(stream, last);
    else this.seqs.delete(stream);
  }
}
