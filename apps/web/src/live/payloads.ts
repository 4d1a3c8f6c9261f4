import {
  decodeSnapshot,
  upgradeState,
  type EventEnvelope,
  type FollowAckJson,
  type SocketRefusal,
  type StreamSnapshot,
  type WireSnapshot,
} from '@floodnet/domain';
import { checkAnswer, fits } from '../api/check';

// What arrives over the socket (and GET /state, the socket's fallback), checked against the
// contract's schemas with their compiled checkers before anything is folded. A payload that does
// not fit throws an AnswerError naming the payload and the path at fault.

/** `snapshot` or `GET /api/v1/state`: a stream's picture at a committed seq. */
export function snapshotOf(value: unknown, what: string): StreamSnapshot {
  return pictureOf(checkAnswer('StreamState', value, what));
}

/** A checked StreamState as the picture the store folds onto. */
export function pictureOf(wire: WireSnapshot): StreamSnapshot {
  // Times travel as `…+08:00` text; the picture holds them as epoch ms. `upgradeState` gives any
  // slice a server of another version lacks.
  const { stream, seq, state } = decodeSnapshot(wire);
  return { stream, seq, state: upgradeState(state) };
}

/**
 * `events`: a batch of envelopes, every envelope well-formed (one bad envelope refuses the
 * batch). The envelope is checked here; its `data` by `evolveChecked` as it folds, which skips
 * (and counts) a type this version does not know or data that does not fit it — so the
 * envelope's own type may stand for the union of known events.
 */
export function eventBatchOf(value: unknown): EventEnvelope[] {
  return checkAnswer('EventBatch', value, 'socket events') as EventEnvelope[];
}

/** The acknowledgement of `follow`. */
export function followAckOf(value: unknown): FollowAckJson {
  return checkAnswer('FollowAck', value, 'socket follow');
}

/** Why the server refused the connection: `connect_error`'s `data`, if it is the contract's. */
export function refusalOf(error: Error): SocketRefusal | null {
  const data: unknown = 'data' in error ? error.data : undefined;
  return fits('SocketRefusal', data) ? data : null;
}
