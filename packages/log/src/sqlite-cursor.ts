import Database from 'better-sqlite3';
import type { EventEnvelope } from '@floodnet/domain';
import { ITERATE_SQL, toEnvelope, type EventRow } from './sqlite-schema';

type Rows = IterableIterator<EventRow>;

/**
 * Lazy reads on a read-only connection of their own. On the writer's connection an open cursor
 * makes every commit fail ("connection is busy"); here commits go on, and each cursor keeps the
 * picture of the log it started with (WAL snapshot isolation).
 */
export class SqliteCursors {
  private readonly db: Database.Database;
  private readonly statement: Database.Statement<[string, number, number], EventRow>;
  private readonly open = new Set<Rows>();

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, timeout: 5000 });
    this.statement = this.db.prepare(ITERATE_SQL);
  }

  *events(stream: string, fromSeq: number, toSeq: number): Generator<EventEnvelope, void> {
    // A statement runs one cursor at a time; a nested iteration prepares its own.
    const statement = this.statement.busy
      ? this.db.prepare<[string, number, number], EventRow>(ITERATE_SQL)
      : this.statement;
    const rows = statement.iterate(stream, fromSeq, toSeq);
    this.open.add(rows);
    try {
      for (const row of rows) yield toEnvelope(stream, row);
    } finally {
      this.open.delete(rows);
    }
  }

  /** Ends cursors still open (an abandoned iterator) so the connection can close. */
  close(): void {
    for (const rows of this.open) rows.return?.();
    this.open.clear();
    this.db.close();
  }
}
