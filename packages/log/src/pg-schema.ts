import pg from 'pg';
import type { EventEnvelope } from '@floodnet/domain';

/**
 * Versioned migrations, applied in order at start and recorded in `schema_migrations`. Append
 * new ones at the end; never edit one that has shipped. `data` and `state` are `text`, not
 * `jsonb`: jsonb reorders keys, and envelopes must read back byte for byte.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'events and snapshots',
    sql: `
      CREATE TABLE events (
        stream text NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        id text NOT NULL,
        type text NOT NULL,
        at_ms bigint NOT NULL,
        at text NOT NULL,
        data text NOT NULL,
        CONSTRAINT events_stream_seq PRIMARY KEY (stream, seq),
        CONSTRAINT events_stream_id UNIQUE (stream, id)
      );
      CREATE INDEX events_by_time ON events (stream, at_ms, seq);
      CREATE TABLE snapshots (
        stream text NOT NULL,
        seq bigint NOT NULL,
        at_ms bigint,
        state text NOT NULL,
        PRIMARY KEY (stream, seq)
      );`,
  },
];

/** Channels: a commit names its streams on one, a dropped stream is named on the other. */
export const COMMITS_CHANNEL = 'floodnet_commits';
export const DROPS_CHANNEL = 'floodnet_drops';
/** Key of the advisory lock that serialises migrations between replicas starting together. */
const MIGRATION_LOCK = 4_711_001;

/** bigint columns as numbers: seqs and epoch ms stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function connectionConfig(url: string): pg.ClientConfig {
  // Fail fast while PostgreSQL is down: writes must answer 503, not hang.
  return { connectionString: url, types, connectionTimeoutMillis: 3000 };
}

/** Applies the migrations this database lacks; refuses a database newer than this build. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    );
    const applied = new Set(rows.map((row) => row.version));
    const newest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
    const unknown = [...applied].filter((version) => version > newest);
    if (unknown.length > 0) {
      throw new Error(`database has schema ${Math.max(...unknown)}; this build knows ${newest}`);
    }
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      done.push(migration.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface PgEventRow {
  seq: number;
  id: string;
  type: string;
  at: string;
  data: string;
}

/**
 * One statement, so one implicit transaction: the rows and the notification commit together, and
 * listeners hear of a commit only once it is visible.
 */
export const INSERT_EVENTS = `
  WITH inserted AS (
    INSERT INTO events (stream, seq, id, type, at_ms, at, data)
    SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[],
                         $6::text[], $7::text[])
    RETURNING 1
  )
  SELECT pg_notify('${COMMITS_CHANNEL}', $8) FROM (SELECT count(*) FROM inserted) AS counted`;

export const READ_AFTER = `SELECT seq, id, type, at, data FROM events
  WHERE stream = $1 AND seq > $2 AND seq < $3 ORDER BY seq LIMIT $4`;

/** Skip-scan of the primary key: one probe per stream rather than a pass over every event. */
export const STREAM_HEADS = `
  WITH RECURSIVE names(stream) AS (
    SELECT min(stream) FROM events
    UNION ALL
    SELECT (SELECT min(stream) FROM events WHERE stream > names.stream)
      FROM names WHERE names.stream IS NOT NULL
  )
  SELECT stream, (SELECT max(seq) FROM events WHERE events.stream = names.stream) AS last
    FROM names WHERE stream IS NOT NULL`;

export const SAVE_SNAPSHOT = `INSERT INTO snapshots (stream, seq, at_ms, state)
  VALUES ($1, $2, $3, $4) ON CONFLICT (stream, seq) DO NOTHING`;

export const DROP_STREAM = `
  WITH gone_events AS (DELETE FROM events WHERE stream = $1 RETURNING 1),
       gone_snapshots AS (DELETE FROM snapshots WHERE stream = $1 RETURNING 1)
  SELECT pg_notify('${DROPS_CHANNEL}', $1)
    FROM (SELECT (SELECT count(*) FROM gone_events) + (SELECT count(*) FROM gone_snapshots)) AS n`;

/** A unique violation on either key: another writer took the seq, or already holds the id. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === '23505' &&
    ['events_stream_seq', 'events_stream_id'].includes(
      (error as { constraint?: string }).constraint ?? '',
    )
  );
}

export function rowToEnvelope(stream: string, row: PgEventRow): EventEnvelope {
  const { seq, id, type, at, data } = row;
  return { seq, stream, id, type, at, data: JSON.parse(data) } as EventEnvelope;
}
