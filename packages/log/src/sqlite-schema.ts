import type BetterSqlite3 from 'better-sqlite3';
import type { EventEnvelope } from '@floodnet/domain';

type Db = BetterSqlite3.Database;

/** Bumped when the tables change; a file with a newer version is refused rather than misread. */
export const SCHEMA_VERSION = 1;

/**
 * `at_ms` is the event time as epoch ms, next to `at` kept verbatim so an envelope reads back
 * byte for byte. The time index also carries `seq`, so `seqAtTime` is one probe of the index
 * from its far end: ≈ 0.1 ms at any depth, where `MAX(seq) … at_ms <= ?` scanned every entry
 * before the time (≈ 65 ms at the end of a million events).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
  );
  CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (stream, id);
  CREATE INDEX IF NOT EXISTS events_by_time ON events (stream, at_ms, seq);
  CREATE TABLE IF NOT EXISTS snapshots (
    stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at_ms INTEGER,
    state TEXT NOT NULL,
    PRIMARY KEY (stream, seq)
  );
`;

export type Synchronous = 'FULL' | 'NORMAL';

/**
 * WAL lets readers run beside the single writer. Automatic checkpoints are off: they ran inside
 * the commit that crossed the threshold, on the event loop. `WalCheckpointer` checkpoints from a
 * thread of its own instead (see checkpointer.ts).
 */
export function configureWriter(db: Db, synchronous: Synchronous): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('cache_size = -65536'); // 64 MiB: keeps the indexes of a long typhoon log in memory
  db.pragma('temp_store = MEMORY');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${db.name} has schema version ${version}; this build reads ${SCHEMA_VERSION}`);
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

export interface EventRow {
  seq: number;
  id: string;
  type: string;
  at: string;
  data: string;
}

export interface SnapshotRow {
  seq: number;
  at_ms: number | null;
  state: string;
}

const EVENT_COLUMNS = 'seq, id, type, at, data';

/** What the writer thread runs (`sqlite-writer-thread.ts` prepares these on its connection). */
export const WRITE_SQL = {
  insertEvent:
    'INSERT INTO events (stream, seq, id, type, at_ms, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  saveSnapshot: 'INSERT OR REPLACE INTO snapshots (stream, seq, at_ms, state) VALUES (?, ?, ?, ?)',
  dropEvents: 'DELETE FROM events WHERE stream = ?',
  dropSnapshots: 'DELETE FROM snapshots WHERE stream = ?',
} as const;
export const ITERATE_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream = ? AND seq > ? AND seq <= ? ORDER BY seq`;

/**
 * A row as the contract's envelope in JSON, keys in the contract's order, written by SQLite: one
 * string per row and one `JSON.parse`, where five columns made an object and four strings in
 * better-sqlite3 before the data was parsed (10,000 rows: 40-47 → 22-33 ms of CPU). `data` is
 * stored as JSON text already; `json_quote` escapes the strings as JSON does.
 */
const ENVELOPE_JSON = `'{"seq":' || seq || ',"stream":' || json_quote(stream) || ',"id":' ||
  json_quote(id) || ',"type":' || json_quote(type) || ',"at":' || json_quote(at) ||
  ',"data":' || data || '}'`;

type Statement<Params extends unknown[], Result = unknown> = BetterSqlite3.Statement<
  Params,
  Result
>;

/** Every statement the log runs, prepared once per connection. */
export interface Statements {
  insertEvent: Statement<[string, number, string, string, number, string, string]>;
  idsIn: Statement<[string, string], string>;
  /** Each row as its envelope's JSON text (`ENVELOPE_JSON`). */
  readAfter: Statement<[string, number, number], string>;
  lastSeq: Statement<[string], number | null>;
  seqAtTime: Statement<[string, number], number | null>;
  streamNames: Statement<[], string>;
  timeRange: Statement<[string, string], { firstAt: number | null; lastAt: number | null }>;
  saveSnapshot: Statement<[string, number, number | null, string]>;
  latestSnapshot: Statement<[string, number], SnapshotRow>;
  dropEvents: Statement<[string]>;
  dropSnapshots: Statement<[string]>;
}

export function prepareStatements(db: Db): Statements {
  return {
    insertEvent: db.prepare<[string, number, string, string, number, string, string]>(
      WRITE_SQL.insertEvent,
    ),
    // json_each takes the whole id list as one parameter: no chunking, one plan, index lookups.
    idsIn: db
      .prepare<[string, string], string>(
        'SELECT id FROM events WHERE stream = ? AND id IN (SELECT value FROM json_each(?))',
      )
      .pluck(),
    readAfter: db
      .prepare<[string, number, number], string>(
        `SELECT ${ENVELOPE_JSON} FROM events WHERE stream = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .pluck(),
    lastSeq: db
      .prepare<[string], number | null>('SELECT MAX(seq) FROM events WHERE stream = ?')
      .pluck(),
    seqAtTime: db
      .prepare<[string, number], number | null>(
        'SELECT seq FROM events WHERE stream = ? AND at_ms <= ? ORDER BY at_ms DESC, seq DESC LIMIT 1',
      )
      .pluck(),
    // Skip-scan of the primary key: one index probe per stream, not a pass over every event.
    streamNames: db
      .prepare<[], string>(
        `WITH RECURSIVE names(stream) AS (
           SELECT MIN(stream) FROM events
           UNION ALL
           SELECT (SELECT MIN(stream) FROM events WHERE stream > names.stream)
             FROM names WHERE names.stream IS NOT NULL
         )
         SELECT stream FROM names WHERE stream IS NOT NULL`,
      )
      .pluck(),
    timeRange: db.prepare<[string, string], { firstAt: number | null; lastAt: number | null }>(
      `SELECT (SELECT MIN(at_ms) FROM events WHERE stream = ?) AS firstAt,
              (SELECT MAX(at_ms) FROM events WHERE stream = ?) AS lastAt`,
    ),
    saveSnapshot: db.prepare<[string, number, number | null, string]>(WRITE_SQL.saveSnapshot),
    latestSnapshot: db.prepare<[string, number], SnapshotRow>(
      `SELECT seq, at_ms, state FROM snapshots WHERE stream = ? AND seq <= ?
       ORDER BY seq DESC LIMIT 1`,
    ),
    dropEvents: db.prepare<[string]>(WRITE_SQL.dropEvents),
    dropSnapshots: db.prepare<[string]>(WRITE_SQL.dropSnapshots),
  };
}

/** A stored row as the contract's envelope, keys in the contract's order. */
export function toEnvelope(stream: string, row: EventRow): EventEnvelope {
  const { seq, id, type, at, data } = row;
  return { seq, stream, id, type, at, data: JSON.parse(data) } as EventEnvelope;
}
