import Database from 'better-sqlite3';
import { KEY_SCOPES, type Role } from '@floodnet/domain';

export interface UserRecord {
  username: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
  disabled: boolean;
  /** The compound or squad a `compound` / `squad` account is bound to, else null. */
  unitId?: string | null;
}

/** What an API key may do: push readings and positions, and (granted by an admin) read the log. */
export { KEY_SCOPES };
export type KeyScope = (typeof KEY_SCOPES)[number];

export interface KeyRecord {
  name: string;
  scopes: KeyScope[];
}

interface UserRow {
  username: string;
  role: Role;
  salt: Buffer;
  hash: Buffer;
  disabled: number;
  unitId?: string | null;
}

/**
 * Users, API keys and revocations, in their own SQLite file beside the event log: credentials are
 * not events and must never be replayed into a drill or exported with the log.
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
      -- A username's token generation: tokens carry it, and raising it revokes them all. Kept
      -- after the user is removed, so a removed user's tokens never come back to life.
      CREATE TABLE IF NOT EXISTS token_generations (
        username   TEXT PRIMARY KEY,
        generation INTEGER NOT NULL
      );
      -- Signed-out tokens until they would have expired anyway.
      CREATE TABLE IF NOT EXISTS revoked_tokens (
        token_id   TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
    `);
    // Files from before accounts could be disabled and keys scoped.
    const userColumns = this.columns('users');
    if (!userColumns.has('disabled')) {
      this.db.exec('ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0');
    }
    if (!userColumns.has('unit_id')) this.db.exec('ALTER TABLE users ADD COLUMN unit_id TEXT');
    if (!this.columns('api_keys').has('scopes')) {
      this.db.exec(`ALTER TABLE api_keys ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest'`);
    }
  }

  private columns(table: string): Set<string> {
    const rows = this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
    return new Set(rows.map((row) => row.name));
  }

  /** Adds all the users or none (a bulk upload is not half-written); else the first name taken. */
  addUsers(users: Omit<UserRecord, 'disabled'>[]): string | null {
    const taken = users.find((user) => this.findUser(user.username));
    if (taken) return taken.username;
    this.db.transaction(() => users.forEach((user) => this.addUser(user)))();
    return null;
  }

  userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  findUser(username: string): UserRecord | undefined {
    const row = this.db
      .prepare(
        'SELECT username, role, salt, hash, disabled, unit_id AS unitId FROM users WHERE username = ?',
      )
      .get(username) as UserRow | undefined;
    return row && { ...row, disabled: row.disabled === 1 };
  }

  listUsers(): { username: string; role: Role; disabled: boolean }[] {
    const rows = this.db
      .prepare('SELECT username, role, disabled FROM users ORDER BY username')
      .all() as UserRow[];
    return rows.map(({ username, role, disabled }) => ({
      username,
      role,
      disabled: disabled === 1,
    }));
  }

  /** Enabled admins other than `except`: the last one may not be removed, disabled or demoted. */
  otherActiveAdmins(except: string): number {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND username != ?`,
      )
      .get(except) as { n: number };
    return row.n;
  }

  /** Adds a user; false if the name is taken. */
  addUser(user: Omit<UserRecord, 'disabled'>): boolean {
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
  putUser(user: Omit<UserRecord, 'disabled'>): void {
    this.db
      .prepare(
        `INSERT INTO users (username, role, salt, hash, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET role = excluded.role, salt = excluded.salt,
           hash = excluded.hash`,
      )
      .run(user.username, user.role, user.salt, user.hash, new Date().toISOString());
  }

  /** Changes what is given and raises the token generation, in one transaction. */
  updateUser(
    username: string,
    change: { role?: Role; disabled?: boolean; salt?: Buffer; hash?: Buffer },
  ): number {
    return this.db.transaction(() => {
      const set = (column: string, value: unknown) =>
        this.db.prepare(`UPDATE users SET ${column} = ? WHERE username = ?`).run(value, username);
      if (change.role !== undefined) set('role', change.role);
      if (change.disabled !== undefined) set('disabled', change.disabled ? 1 : 0);
      if (change.salt && change.hash) {
        set('salt', change.salt);
        set('hash', change.hash);
      }
      return this.bumpGeneration(username);
    })();
  }

  removeUser(username: string): number {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM users WHERE username = ?').run(username);
      return this.bumpGeneration(username);
    })();
  }

  generation(username: string): number {
    const row = this.db
      .prepare('SELECT generation FROM token_generations WHERE username = ?')
      .get(username) as { generation: number } | undefined;
    return row?.generation ?? 0;
  }

  private bumpGeneration(username: string): number {
    this.db
      .prepare(
        `INSERT INTO token_generations (username, generation) VALUES (?, 1)
         ON CONFLICT(username) DO UPDATE SET generation = generation + 1`,
      )
      .run(username);
    return this.generation(username);
  }

  revokeToken(tokenId: string, expiresAtSec: number, nowSec: number): void {
    this.db.prepare('DELETE FROM revoked_tokens WHERE expires_at < ?').run(nowSec);
    this.db
      .prepare('INSERT OR IGNORE INTO revoked_tokens (token_id, expires_at) VALUES (?, ?)')
      .run(tokenId, expiresAtSec);
  }

  revokedTokenIds(nowSec: number): string[] {
    const rows = this.db
      .prepare('SELECT token_id FROM revoked_tokens WHERE expires_at >= ?')
      .all(nowSec) as { token_id: string }[];
    return rows.map((row) => row.token_id);
  }

  /** Stores a key's hash under its name; a name that had a key gets the new one (rotation). */
  putKey(name: string, keyHash: string, scopes: readonly KeyScope[]): void {
    this.db
      .prepare(
        `INSERT INTO api_keys (name, key_hash, created_at, scopes) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET key_hash = excluded.key_hash,
           created_at = excluded.created_at, scopes = excluded.scopes`,
      )
      .run(name, keyHash, new Date().toISOString(), scopes.join(','));
  }

  removeKey(name: string): boolean {
    return this.db.prepare('DELETE FROM api_keys WHERE name = ?').run(name).changes === 1;
  }

  findKey(keyHash: string): KeyRecord | undefined {
    const row = this.db
      .prepare('SELECT name, scopes FROM api_keys WHERE key_hash = ?')
      .get(keyHash) as { name: string; scopes: string } | undefined;
    if (!row) return undefined;
    const scopes = row.scopes
      .split(',')
      .filter((scope): scope is KeyScope => (KEY_SCOPES as readonly string[]).includes(scope));
    return { name: row.name, scopes };
  }

  listKeys(): (KeyRecord & { createdAt: string })[] {
    const rows = this.db
      .prepare('SELECT name, scopes, created_at FROM api_keys ORDER BY name')
      .all() as { name: string; scopes: string; created_at: string }[];
    return rows.map((row) => ({
      name: row.name,
      scopes: row.scopes.split(',') as KeyScope[],
      createdAt: row.created_at,
    }));
  }

  close(): void {
    this.db.close();
  }
}
