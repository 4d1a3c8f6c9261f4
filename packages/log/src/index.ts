/**
 * floodnet's event log: the `EventLog` port, its SQLite adapter, snapshot helpers and the
 * NDJSON export. Node-only (it opens files); imports only `@floodnet/domain`, better-sqlite3
 * and Node built-ins.
 */
export type { EventLog, Snapshot, StreamInfo } from './port';
export { IdConflictError } from './errors';
export {
  openSqliteLog,
  SqliteEventLog,
  type SqliteLogOptions,
  type CommitStats,
} from './sqlite-log';
export type { Synchronous } from './sqlite-schema';
export {
  DEFAULT_SNAPSHOT_EVERY,
  maybeSnapshot,
  rebuildState,
  stateAtSeq,
  type RebuildOptions,
} from './snapshots';
export { exportNdjson } from './ndjson';
export { timeOrderedId } from './event-id';
export { SeqConflictError } from './errors';
export { openPgLog, PgEventLog, type PgLogOptions, type CommitListener } from './pg-log';
export { freePort, startLocalPostgres, type LocalPostgres } from './local-postgres';
export { PgLease } from './pg-lease';
export { exportAll, importAll, openLogAt } from './transfer';
