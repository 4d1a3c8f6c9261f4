import Database from 'better-sqlite3';
import type { Role } from '@floodnet/domain';

export interface UserRecord {
  username: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
  /** The compound or squad a `compound` / `squad` account is bound to, else null. */
  unitId?: string | null;
}

/**
 * Users and API keys, in their own SQLite file beside the event log: credentials are not events
 * and must never be replayed into a drill or exported with the log.
 */
export class AuthStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS users (
        username   TEXT PRIMARY KEY,
        role       TEXT NOT NULL,
        salt       BLOB NOT NULL,
        hash       BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS api_keys (
        name       TEXT PRIMARY KEY,
        key_hash   TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
    `);
    const columns = this.db.prepare('PRAGMA table_info(users)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'unit_id'))
      this.db.exec('ALTER TABLE users ADD COLUMN unit_id TEXT');
  }

  /** Adds all the users or none (a bulk upload is not half-written). False: a name is taken. */
  addUsers(users: UserRecord[]): string | null {
    const taken = users.find((user) => this.findUser(user.username));
    if (taken) return taken.username;
    this.db.transaction(() => users.forEach((user) => this.addUser(user)))();
    return null;
  }

  userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  findUser(username: string): UserRecord | undefined {
    return this.db
      .prepare('SELECT username, role, salt, hash, unit_id AS unitId FROM users WHERE username = ?')
      .get(username) as UserRecord | undefined;
  }

  /** Adds a user; false if the name is taken. */
  addUser(user: UserRecord): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO users (username, role, salt, hash, created_at, unit_id)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING`,
      )
      .run(
        user.username,
        user.role,
        user.salt,
        user.hash,
        new Date().toISOString(),
        user.unitId ?? null,
      );
    return result.changes === 1;
  }

  /** Adds the user or replaces the password and role of an existing one. */
  putUser(user: UserRecord): void {
    this.db
      .prepare(
        `INSERT INTO users (username, role, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET role = excluded.role, salt = excluded.salt,
           hash = excluded.hash`,
      )
      .run(user.username, user.role, user.salt, user.hash, new Date().toISOString());
  }

  /** Stores a key's hash under its name; a name that had a key gets the new one (rotation). */
  putKey(name: string, keyHash: string): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (name, key_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET key_hash = excluded.key_hash,
           created_at = excluded.created_at`,
      )
      .run(name, keyHash, new Date().toISOString());
  }

  keyName(keyHash: string): string | undefined {
    const row = this.db.prepare('SELECT name FROM api_keys WHERE key_hash = ?').get(keyHash) as
      { name: string } | undefined;
    return row?.name;
  }

  close(): void {
    this.db.close();
  }
}
