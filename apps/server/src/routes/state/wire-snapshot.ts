import { encodeSnapshot, type State, type WireSnapshot } from '@floodnet/domain';

interface Encoded {
  stream: string;
  seq: number;
  snapshot: WireSnapshot;
}

/** By the picture object: an engine folds in place, so the seq says whether it has moved on. */
const encoded = new WeakMap<State, Encoded>();

/**
 * A stream's picture at `seq` in the wire form (every time `…+08:00`), encoded once per seq: a
 * thousand screens connecting at the same seq, and `GET /state`, share one encoding.
 *
 * `seq` is the seq the picture stands at (an engine's committed picture is at its committed seq).
 */
export function wireSnapshot(stream: string, state: State, seq: number = state.seq): WireSnapshot {
  const known = encoded.get(state);
  if (known && known.seq === seq && known.stream === stream && state.seq === seq) {
    return known.snapshot;
  }
  const snapshot = encodeSnapshot({ stream, seq, state });
  encoded.set(state, { stream, seq, snapshot });
  return snapshot;
}
