import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import { READ_AFTER, rowToEnvelope, STREAM_HEADS, type PgEventRow } from './pg-schema';
import { SqliteEventLog } from './sqlite-log';

const PAGE = 5_000;
const SNAPSHOT_PAGE = 20;

export interface MirrorHooks {
  /** First seq of this process's own rows being written to a stream now, if any. */
  writingFrom(stream: string): number | undefined;
  /** Another writer's events, now in the mirror. */
  foreign(stream: string, events: EventEnvelope[]): void;
}

/**
 * A local SQLite copy of exactly what PostgreSQL has committed, in seq order: the port's
 * synchronous reads are served from it. Every update runs in one lane, so the copy only ever
 * grows at its end; PostgreSQL stays the truth.
 */
export class PgMirror {
  readonly log: SqliteEventLog;
  private readonly folder = mkdtempSync(join(tmpdir(), 'floodnet-mirror-'));
  private lane: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    snapshotEvery: number,
    private readonly hooks: MirrorHooks,
  ) {
    this.log = new SqliteEventLog({
      file: join(this.folder, 'mirror.sqlite'),
      synchronous: 'NORMAL', // derived data: PostgreSQL holds the durable copy
      snapshotEvery,
    });
  }

  /** Runs `work` after every update queued before it, alone. */
  inLane<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lane.then(work);
    this.lane = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /**
   * Brings the copy up to PostgreSQL's head for every stream (or the given ones), passing what
   * other writers committed to `hooks.foreign`. Rejects if PostgreSQL cannot be read.
   */
  catchUp(streams?: string[]): Promise<void> {
    return this.inLane(async () => {
      const heads = streams
        ? streams.map((stream) => ({ stream, last: Number.MAX_SAFE_INTEGER }))
        : (await this.pool.query<{ stream: string; last: number }>(STREAM_HEADS)).rows;
      for (const { stream, last } of heads) {
        if (last > this.log.lastSeq(stream)) await this.pull(stream);
      }
    });
  }

  /** Adds this process's own committed envelopes (call inside the lane). */
  async add(stream: string, envelopes: EventEnvelope[]): Promise<void> {
    const expected = this.log.lastSeq(stream) + 1;
    if (envelopes[0]!.seq !== expected) {
      throw new Error(`mirror of ${stream} expected seq ${expected}, got ${envelopes[0]!.seq}`);
    }
    await this.log.append(
      stream,
      envelopes.map(({ id, type, at, data }) => ({ id, type, at, data }) as DomainEvent),
    );
  }

  /** Copies PostgreSQL's snapshots a few at a time (each is a whole picture). */
  async copySnapshots(): Promise<void> {
    let after: [string, number] = ['', 0];
    for (;;) {
      const { rows } = await this.pool.query<{
        stream: string;
        seq: number;
        at_ms: number | null;
        state: string;
      }>(
        `SELECT stream, seq, at_ms, state FROM snapshots WHERE (stream, seq) > ($1, $2)
          ORDER BY stream, seq LIMIT ${SNAPSHOT_PAGE}`,
        after,
      );
      for (const row of rows) {
        if (row.seq > this.log.lastSeq(row.stream)) continue;
        const snapshot = { stream: row.stream, seq: row.seq, at: row.at_ms };
        this.log.saveSnapshot({ ...snapshot, state: JSON.parse(row.state) });
      }
      if (rows.length < SNAPSHOT_PAGE) return;
      const last = rows[rows.length - 1]!;
      after = [last.stream, last.seq];
    }
  }

  async close(): Promise<void> {
    await this.lane;
    await this.log.close();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Copies another writer's commits of one stream, page by page. */
  private async pull(stream: string): Promise<void> {
    for (;;) {
      const after = this.log.lastSeq(stream);
      const before = this.hooks.writingFrom(stream) ?? Number.MAX_SAFE_INTEGER;
      const { rows } = await this.pool.query<PgEventRow>(READ_AFTER, [stream, after, before, PAGE]);
      // An append of this process may have begun, and committed, while the query ran: its rows
      // are added by the append itself, and never reported as another writer's.
      const own = this.hooks.writingFrom(stream) ?? Number.MAX_SAFE_INTEGER;
      const foreign = rows.filter((row) => row.seq < own);
      if (foreign.length === 0) return;
      const envelopes = foreign.map((row) => rowToEnvelope(stream, row));
      await this.add(stream, envelopes);
      this.hooks.foreign(stream, envelopes);
      if (rows.length < PAGE || foreign.length < rows.length) return;
    }
  }
}
