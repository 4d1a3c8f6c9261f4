import {
  evolveChecked,
  onSkippedEvent,
  upgradeState,
  type EventEnvelope,
  type StreamSnapshot,
} from '@floodnet/domain';
import { FEED_LIMIT } from './slices';
import { useStore } from './store';
import { touchedAsset } from './touched';

/** What became of a batch: how many events were folded, dropped as repeats, and where a gap is. */
export interface BatchOutcome {
  applied: number;
  duplicates: number;
  /** The first sequence number after a hole in the stream, or null if there is none. */
  gapAt: number | null;
}

let pendingFeed: EventEnvelope[] = [];
/** The assets touched since the last notification; null: any may have changed. */
let pendingTouched: Set<string> | null = new Set();

onSkippedEvent((type, reason) => {
  console.info(`floodnet: skipped an event (${reason}): ${type || '(no type)'}`);
});
let frame: ReturnType<typeof setTimeout> | number | null = null;
let lastBatchAt: number | null = null;
/** Wall times of recent batches with their reading counts, for the "readings per minute" line. */
const readingTicks: { at: number; count: number }[] = [];

/** Replaces the picture: a new client, a client too far behind, or a switch of stream. */
export function applySnapshot(snapshot: StreamSnapshot, now = Date.now()): void {
  // A server of another version may send a picture without some slices: bring it to this shape.
  const state = upgradeState(snapshot.state);
  state.seq = snapshot.seq;
  cancelFrame();
  pendingFeed = [];
  pendingTouched = new Set();
  useStore.setState((store) => ({
    picture: {
      stream: snapshot.stream,
      state,
      version: store.picture.version + 1,
      feed: [],
      touched: null,
    },
    connection: { ...store.connection, lastSeq: snapshot.seq, lastEventAt: now },
    ui: { ...store.ui, drill: snapshot.stream.startsWith('drill:') },
  }));
}

/**
 * Folds a batch of envelopes into the picture in place. Repeats (seq ≤ the last applied) are
 * dropped; at a hole (seq > last + 1) folding stops so the caller can ask again from the last seq.
 * Subscribers hear about it once per animation frame, not once per event.
 */
export function applyEvents(batch: readonly EventEnvelope[], now = Date.now()): BatchOutcome {
  const { picture } = useStore.getState();
  const state = picture.state;
  const outcome: BatchOutcome = { applied: 0, duplicates: 0, gapAt: null };
  if (!state) {
    // Events before any snapshot cannot be folded: ask for the whole picture.
    outcome.gapAt = batch[0]?.seq ?? null;
    return outcome;
  }
  let readings = 0;
  for (const envelope of batch) {
    if (envelope.stream !== picture.stream) continue;
    if (envelope.seq <= state.seq) {
      outcome.duplicates += 1;
      continue;
    }
    if (envelope.seq > state.seq + 1) {
      outcome.gapAt = envelope.seq;
      break;
    }
    // From the wire: an event this version does not know, or cannot fold, is skipped (and noted
    // in the console), never a crash in the socket handler.
    evolveChecked(state, envelope);
    outcome.applied += 1;
    if (pendingTouched) {
      const touched = touchedAsset(envelope, state);
      if (touched === null) pendingTouched = null;
      else if (touched !== false) pendingTouched.add(touched);
    }
    if (envelope.type === 'reading.recorded') readings += 1;
    else pendingFeed.push(envelope);
  }
  if (outcome.applied > 0) {
    lastBatchAt = now;
    if (readings > 0) readingTicks.push({ at: now, count: readings });
    scheduleNotify();
  }
  return outcome;
}

/** Tells subscribers now about everything folded since the last notification. */
export function flushPicture(): void {
  cancelFrame();
  const store = useStore.getState();
  const state = store.picture.state;
  if (!state) return;
  const fresh = pendingFeed.reverse();
  pendingFeed = [];
  const touched = pendingTouched;
  pendingTouched = new Set();
  const feed = fresh.length
    ? [...fresh, ...store.picture.feed].slice(0, FEED_LIMIT)
    : store.picture.feed;
  useStore.setState({
    picture: { ...store.picture, version: store.picture.version + 1, feed, touched },
    connection: {
      ...store.connection,
      lastSeq: state.seq,
      lastEventAt: lastBatchAt ?? store.connection.lastEventAt,
    },
  });
}

/** Readings received in the minute before `now` (wall time). */
export function readingsInLastMinute(now = Date.now()): number {
  while (readingTicks.length && readingTicks[0]!.at < now - 60_000) readingTicks.shift();
  return readingTicks.reduce((sum, tick) => sum + tick.count, 0);
}

function scheduleNotify(): void {
  if (frame !== null) return;
  frame =
    typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(flushPicture)
      : setTimeout(flushPicture, 16);
}

function cancelFrame(): void {
  if (frame === null) return;
  if (typeof cancelAnimationFrame === 'function' && typeof frame === 'number') {
    cancelAnimationFrame(frame);
  } else {
    clearTimeout(frame as ReturnType<typeof setTimeout>);
  }
  frame = null;
}
