import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import { timeOrderedId } from './event-id';
import type { RowsOp } from './sqlite-writer';

interface Waiter {
  envelopes: EventEnvelope[];
  resolve: (envelopes: EventEnvelope[]) => void;
  reject: (error: unknown) => void;
}

/** What one ticket handed to the writer thread carries, kept until the thread confirms it. */
interface InFlight {
  waiters: Waiter[];
  rows: number;
  /** The ids it adds, per stream. */
  ids: Map<string, string[]>;
}

export interface PendingSnapshot {
  ticket: number;
  seq: number;
  at: number | null;
  state: string;
}

function emptyRows(): RowsOp {
  return {
    op: 'rows',
    streams: [],
    firstSeqs: [],
    counts: [],
    ids: [],
    types: [],
    atMs: [],
    ats: [],
    datas: [],
  };
}

/**
 * Everything the SQLite log accepted and the writer thread has not confirmed yet: this tick's
 * appends (one ticket at the next flush), the tickets in flight, and what they make visible
 * before they are on disk — their ids (so `existingIds` and `append` see them) and snapshots
 * (so `latestSnapshot` does).
 */
export class PendingWrites {
  private queue = emptyRows();
  private queueWaiters: Waiter[] = [];
  private queueIds = new Map<string, string[]>();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly ids = new Map<string, Set<string>>();
  private readonly snapshots = new Map<string, PendingSnapshot[]>();
  private inFlightEvents = 0;

  /** `onId` hears every id accepted, before its commit (the log's id filter). */
  constructor(private readonly onId: (stream: string, id: string) => void) {}

  /** Ids of `stream` queued or in flight (undefined or empty when none). */
  idsOf(stream: string): Set<string> | undefined {
    return this.ids.get(stream);
  }

  get events(): number {
    return this.queue.ids.length + this.inFlightEvents;
  }

  /**
   * Queues the events (checked by the caller) with seqs from `firstSeq`; resolves with their
   * envelopes once their ticket is confirmed.
   */
  add(
    stream: string,
    firstSeq: number,
    events: readonly DomainEvent[],
    times: number[],
    texts: string[],
  ): Promise<EventEnvelope[]> {
    let known = this.ids.get(stream);
    if (!known) this.ids.set(stream, (known = new Set()));
    let tickIds = this.queueIds.get(stream);
    if (!tickIds) this.queueIds.set(stream, (tickIds = []));
    const queue = this.queue;
    const envelopes = new Array<EventEnvelope>(events.length);
    for (let i = 0; i < events.length; i += 1) {
      const { type, at, data } = events[i]!;
      const atMs = times[i]!;
      const id = events[i]!.id ?? timeOrderedId(atMs);
      known.add(id);
      this.onId(stream, id);
      tickIds.push(id);
      // Key order is the contract's; NDJSON exports rely on it for byte-identical lines.
      envelopes[i] = { seq: firstSeq + i, stream, id, type, at, data } as EventEnvelope;
      queue.ids.push(id);
      queue.types.push(type);
      queue.atMs.push(atMs);
      queue.ats.push(at);
      queue.datas.push(texts[i]!);
    }
    const last = queue.streams.length - 1;
    if (last >= 0 && queue.streams[last] === stream) queue.counts[last]! += events.length;
    else {
      queue.streams.push(stream);
      queue.firstSeqs.push(firstSeq);
      queue.counts.push(events.length);
    }
    return new Promise((resolve, reject) => this.queueWaiters.push({ envelopes, resolve, reject }));
  }

  /** Hands this tick's rows to `post` (which returns their ticket); false if there were none. */
  handOver(post: (rows: RowsOp) => number): boolean {
    const rows = this.queue;
    if (rows.ids.length === 0) return false;
    const ticket = post(rows);
    this.inFlight.set(ticket, {
      waiters: this.queueWaiters,
      rows: rows.ids.length,
      ids: this.queueIds,
    });
    this.inFlightEvents += rows.ids.length;
    this.queue = emptyRows();
    this.queueWaiters = [];
    this.queueIds = new Map();
    return true;
  }

  /** A ticket without rows (a snapshot, a drop) that must still be confirmed in order. */
  track(ticket: number, snapshot?: { stream: string } & Omit<PendingSnapshot, 'ticket'>): void {
    this.inFlight.set(ticket, { waiters: [], rows: 0, ids: new Map() });
    if (!snapshot) return;
    const { stream, seq, at, state } = snapshot;
    const queued = this.snapshots.get(stream) ?? [];
    queued.push({ ticket, seq, at, state });
    this.snapshots.set(stream, queued);
  }

  isTracked(ticket: number): boolean {
    return this.inFlight.has(ticket);
  }

  /** The newest snapshot of `stream` not yet confirmed with seq ≤ maxSeq. */
  newestSnapshot(stream: string, maxSeq: number): PendingSnapshot | undefined {
    let newest: PendingSnapshot | undefined;
    for (const pending of this.snapshots.get(stream) ?? []) {
      if (pending.seq <= maxSeq && (!newest || pending.seq >= newest.seq)) newest = pending;
    }
    return newest;
  }

  /** The writer committed `ticket`: its ids and snapshots are on disk now. Returns its rows. */
  confirm(ticket: number): number {
    const done = this.inFlight.get(ticket);
    if (!done) return 0;
    this.inFlight.delete(ticket);
    this.inFlightEvents -= done.rows;
    for (const [stream, ids] of done.ids) {
      const pending = this.ids.get(stream);
      if (pending) for (const id of ids) pending.delete(id);
    }
    for (const [stream, queued] of this.snapshots) {
      const left = queued.filter((pending) => pending.ticket !== ticket);
      if (left.length === 0) this.snapshots.delete(stream);
      else if (left.length !== queued.length) this.snapshots.set(stream, left);
    }
    for (const waiter of done.waiters) waiter.resolve(waiter.envelopes);
    return done.rows;
  }

  /** Forgets everything queued and in flight; rejects every caller with `error`. */
  failAll(error: unknown): void {
    const waiters = [...this.queueWaiters];
    for (const failed of this.inFlight.values()) waiters.push(...failed.waiters);
    this.inFlight.clear();
    this.inFlightEvents = 0;
    this.queue = emptyRows();
    this.queueWaiters = [];
    this.queueIds = new Map();
    this.ids.clear();
    this.snapshots.clear();
    for (const waiter of waiters) waiter.reject(error);
  }

  /** After a drop: nothing of `stream` is pending any more (every ticket before it confirmed). */
  forget(stream: string): void {
    this.ids.delete(stream);
    this.snapshots.delete(stream);
  }
}
