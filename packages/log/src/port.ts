import type { DomainEvent, EventEnvelope, State } from '@floodnet/domain';

/** A saved picture of a stream after `seq` events, so a rebuild or a seek folds only the tail. */
export interface Snapshot {
  stream: string;
  seq: number;
  /** Event time of the newest event in the snapshot (epoch ms), or null for an empty stream. */
  at: number | null;
  state: State;
}

export interface StreamInfo {
  stream: string;
  lastSeq: number;
  firstAt: number | null;
  lastAt: number | null;
}

/**
 * The append-only event log: several streams (`live`, `drill:<id>`), each with its own gap-free
 * `seq` starting at 1. Implementations: SQLite (default) and PostgreSQL (scale-out).
 */
export interface EventLog {
  /**
   * Appends events to a stream and resolves once they are durably committed. Appends that arrive
   * in the same tick share one transaction (group commit). `seq` is assigned here, synchronously
   * at call time (so callers can order their picture by it), and an `id` is generated for events
   * that carry none. An event whose `id` is already in the stream is rejected (IdConflictError),
   * which fails the whole call. Where several writers share the log (PostgreSQL), another
   * writer may have committed the seq (or the id) first: the call then fails with
   * `SeqConflictError`, nothing of it stored, once this log has caught up — decide again.
   */
  append(stream: string, events: readonly DomainEvent[]): Promise<EventEnvelope[]>;
  /** Of the given ids, those already in the stream (idempotent ingest). */
  existingIds(stream: string, ids: readonly string[]): Set<string>;
  /** Events with seq > afterSeq, in order, at most `limit`. */
  readAfter(stream: string, afterSeq: number, limit?: number): EventEnvelope[];
  /** Events with fromSeq < seq ≤ toSeq, lazily, in order (for long folds without holding them all). */
  iterate(stream: string, fromSeq: number, toSeq?: number): IterableIterator<EventEnvelope>;
  /**
   * The seq of the newest event, in event time, at or before atMs (0 if none); of events with
   * the same time, the last. Where event time never goes back in a stream (floodnet's streams,
   * recordings) this is the last event at or before atMs.
   */
  seqAtTime(stream: string, atMs: number): number;
  lastSeq(stream: string): number;
  streams(): StreamInfo[];
  saveSnapshot(snapshot: Snapshot): void;
  /** The newest snapshot with seq ≤ maxSeq (default: any). */
  latestSnapshot(stream: string, maxSeq?: number): Snapshot | null;
  /** Removes a stream and its snapshots (a failed or deleted drill import). */
  dropStream(stream: string): void;
  /** Waits for pending commits, then closes the file. */
  close(): Promise<void>;
}
