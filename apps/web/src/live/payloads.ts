import type { EventEnvelope, FollowAck, WireSnapshot } from '@floodnet/domain';

// Cheap shape checks on what arrives over the socket, before anything is folded. The server is
// trusted to send valid events (it validated them on the way in); these checks keep a confused
// proxy, an old server or a bug from putting `undefined` into the picture.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSeq(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

export function isEnvelope(value: unknown): value is EventEnvelope {
  return (
    isObject(value) &&
    isSeq(value.seq) &&
    typeof value.stream === 'string' &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    typeof value.at === 'string' &&
    isObject(value.data)
  );
}

/** A batch of envelopes, every one of them well-formed (one bad envelope rejects the batch). */
export function isEnvelopeBatch(value: unknown): value is EventEnvelope[] {
  return Array.isArray(value) && value.every(isEnvelope);
}

/** A snapshot as it travels: times still in the wire form, for `decodeSnapshot`. */
export function isStreamSnapshot(value: unknown): value is WireSnapshot {
  if (!isObject(value) || typeof value.stream !== 'string' || !isSeq(value.seq)) return false;
  const state = value.state;
  return (
    isObject(state) &&
    isObject(state.assets) &&
    isObject(state.units) &&
    isObject(state.alerts) &&
    isObject(state.incidents) &&
    isObject(state.sensors)
  );
}

export function isFollowAck(value: unknown): value is FollowAck {
  if (!isObject(value)) return false;
  if (value.ok === true) return typeof value.stream === 'string' && isSeq(value.seq);
  return value.ok === false && isObject(value.error) && typeof value.error.code === 'string';
}
