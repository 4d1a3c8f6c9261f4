import Database from 'better-sqlite3';

/** A drill as kept across restarts: its stream, where it came from, and its clock. */
export interface DrillRecord {
  id: string;
  /** `drill:<id>`. */
  stream: string;
  name: string;
  /** `recording:<name>`, `upload`, or `fork`. */
  source: string;
  /** Wall time of the import or fork (epoch ms). */
  createdAt: number;
  /** The drill this one was forked from, and the drill time it was forked at (epoch ms). */
  parentId: string | null;
  forkAt: number | null;
  /** The drill clock (event time, epoch ms). */
  clockAt: number;
  /** Drill seconds per wall second, 1–3600. */
  speed: number;
  playing: boolean;
  /** Events imported (or, for a fork, copied from its parent). */
  events: number;
  /** Event time of the recording's first and last event: the clock stays between them. */
  from: number;
  to: number;
  /** The recording's `at` never goes back, so playback may scan forward instead of querying. */
  monotonic: boolean;
}

interface Row {
  id: string;
  stream: string;
  name: string;
  source: string;
  created_at: number;
  parent_id: string | null;
  fork_at: number | null;
  clock_at: number;
  speed: number;
  playing: number;
  events: number;
  from_ms: number;
  to_ms: number;
  monotonic: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS drills (
    id TEXT PRIMARY KEY,
    stream TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    parent_id TEXT,
    fork_at INTEGER,
    clock_at INTEGER NOT NULL,
    speed REAL NOT NULL,
    playing INTEGER NOT NULL,
    events INTEGER NOT NULL,
    from_ms INTEGER NOT NULL,
    to_ms INTEGER NOT NULL,
    monotonic INTEGER NOT NULL
  )
`;

const fromRow = (row: Row): DrillRecord => ({
  id: row.id,
  stream: row.stream,
  name: row.name,
  source: row.source,
  createdAt: row.created_at,
  parentId: row.parent_id,
  forkAt: row.fork_at,
  clockAt: row.clock_at,
  speed: row.speed,
  playing: row.playing === 1,
  events: row.events,
  from: row.from_ms,
  to: row.to_ms,
  monotonic: row.monotonic === 1,
});

function prepare(db: Database.Database) {
  return {
    all: db.prepare<[], Row>('SELECT * FROM drills ORDER BY created_at, id'),
    get: db.prepare<[string], Row>('SELECT * FROM drills WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO drills (id, stream, name, source, created_at, parent_id, fork_at, clock_at,
         speed, playing, events, from_ms, to_ms, monotonic)
       VALUES (@id, @stream, @name, @source, @createdAt, @parentId, @forkAt, @clockAt,
         @speed, @playing, @events, @from, @to, @monotonic)`,
    ),
    clock: db.prepare<[number, number, number, string]>(
      'UPDATE drills SET clock_at = ?, speed = ?, playing = ? WHERE id = ?',
    ),
    remove: db.prepare<[string]>('DELETE FROM drills WHERE id = ?'),
  };
}

/**
 * The drills, in a small table beside the events they replay (the event log's SQLite file), so
 * deleting the log deletes its drills too. Every start pauses every clock: nobody should come
 * back to a drill that played on alone.
 */
export class DrillRegistry {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof prepare>;

  constructor(file: string) {
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec(SCHEMA);
    this.db.exec('UPDATE drills SET playing = 0');
    this.sql = prepare(this.db);
  }

  all(): DrillRecord[] {
    return this.sql.all.all().map(fromRow);
  }

  get(id: string): DrillRecord | undefined {
    const row = this.sql.get.get(id);
    return row ? fromRow(row) : undefined;
  }

  add(drill: DrillRecord): void {
    this.sql.insert.run({
      ...drill,
      playing: drill.playing ? 1 : 0,
      monotonic: drill.monotonic ? 1 : 0,
    });
  }

  saveClock(id: string, clock: { clockAt: number; speed: number; playing: boolean }): void {
    this.sql.clock.run(Math.round(clock.clockAt), clock.speed, clock.playing ? 1 : 0, id);
  }

  remove(id: string): void {
    this.sql.remove.run(id);
  }

  close(): void {
    this.db.close();
  }
}
