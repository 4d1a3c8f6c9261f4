import { evolve, initialState, upgradeState, type State } from '@floodnet/domain';
import type { EventLog } from './port';

/** How many events lie between two snapshots unless the log or the caller says otherwise. */
export const DEFAULT_SNAPSHOT_EVERY = 10_000;

export interface RebuildOptions {
  /** Fold up to this seq (inclusive); default the end of the stream. */
  toSeq?: number;
  /** Snapshot spacing; default the log's `snapshotEvery`, else 10,000. */
  every?: number;
  /**
   * Save a snapshot at each multiple of `every` the fold passes and none exists for (default
   * true): snapshots are derived data, and leaving them behind makes the next seek cheap.
   */
  saveSnapshots?: boolean;
}

/** Events read at once while folding: a few MB at most, whatever the span. */
const READ_PAGE = 2_000;

/** The snapshot seq each log is known to hold per stream, so `maybeSnapshot` needs no query. */
const knownSnapshotSeq = new WeakMap<EventLog, Map<string, number>>();

function snapshotSeqs(log: EventLog): Map<string, number> {
  let seqs = knownSnapshotSeq.get(log);
  if (!seqs) knownSnapshotSeq.set(log, (seqs = new Map()));
  return seqs;
}

function defaultEvery(log: EventLog): number {
  return 'snapshotEvery' in log && typeof log.snapshotEvery === 'number'
    ? log.snapshotEvery
    : DEFAULT_SNAPSHOT_EVERY;
}

/**
 * The picture of a stream at `toSeq` (default: its end): the newest snapshot at or before it, or
 * `initialState()`, with the events after it folded in. Costs one snapshot load plus at most
 * the events since that snapshot.
 */
export function rebuildState(
  log: EventLog,
  stream: string,
  options: RebuildOptions = {},
): { state: State; seq: number } {
  const every = options.every ?? defaultEvery(log);
  const toSeq = options.toSeq ?? Number.MAX_SAFE_INTEGER;
  const save = options.saveSnapshots ?? true;
  const snapshot = log.latestSnapshot(stream, toSeq);
  // A snapshot saved by an older version lacks the slices of newer areas: bring it up to shape.
  const state = snapshot ? upgradeState(snapshot.state) : initialState();
  let seq = snapshot ? snapshot.seq : 0;
  const known = snapshotSeqs(log);
  if (seq > (known.get(stream) ?? 0)) known.set(stream, seq);

  // Fold in spans that end on multiples of `every`, so the snapshots land exactly on them. Each
  // span is read in pages with `readAfter` (seqs have no gaps): a page of rows read at once costs
  // a third less than the same rows through a cursor one by one, and a seek is mostly reading.
  while (seq < toSeq) {
    const spanEnd = save ? Math.min(toSeq, (Math.floor(seq / every) + 1) * every) : toSeq;
    while (seq < spanEnd) {
      const limit = Math.min(READ_PAGE, spanEnd - seq);
      const page = log.readAfter(stream, seq, limit);
      for (const event of page) evolve(state, event);
      if (page.length > 0) seq = page[page.length - 1]!.seq;
      if (page.length < limit) break; // the stream ends here
    }
    if (seq < spanEnd) break; // the stream ends before toSeq
    if (save && seq % every === 0) {
      log.saveSnapshot({ stream, seq, at: state.clock, state });
      known.set(stream, seq);
    }
  }
  return { state, seq };
}

/**
 * The picture of a stream right after event `seq`: the seek primitive of drills and reviews.
 * `every` is the stream's snapshot spacing (default the log's): a multiple of it the fold passes
 * without a snapshot gets one, so a stream snapshotted more sparsely before is filled in by seeks.
 */
export function stateAtSeq(log: EventLog, stream: string, seq: number, every?: number): State {
  return rebuildState(log, stream, { toSeq: seq, every }).state;
}

/**
 * Saves a snapshot of `state` (the picture of `stream` at `state.seq`) when `state.seq` has
 * crossed a multiple of `every` since the last snapshot. Call it after each commit; it returns
 * whether it saved. Snapshots so land within one append batch after each multiple.
 */
export function maybeSnapshot(
  log: EventLog,
  stream: string,
  state: State,
  every: number = defaultEvery(log),
): boolean {
  const known = snapshotSeqs(log);
  let last = known.get(stream);
  // Unknown, or the stream was dropped and has begun again: ask the log once.
  if (last === undefined || state.seq < last) {
    last = log.latestSnapshot(stream, state.seq)?.seq ?? 0;
    known.set(stream, last);
  }
  if (Math.floor(state.seq / every) <= Math.floor(last / every)) return false;
  log.saveSnapshot({ stream, seq: state.seq, at: state.clock, state });
  known.set(stream, state.seq);
  return true;
}
