import { Type, type Static } from '@sinclair/typebox';
import { errorCodeSchema } from './errors.js';
import { StreamStateSchema } from './state-schema.js';

/**
 * The socket's answers as schemas (the handshake and `follow` requests are in the stream
 * protocol): a client checks each payload with them before it folds anything.
 */

/** `snapshot`: the stream's picture at a committed seq; fold `events` after `seq` onto it. */
export const SnapshotMessageSchema = StreamStateSchema;

/** Why the server refused a connection (`connect_error`'s `data`) or a `follow`. */
export const SocketRefusalCodeSchema = errorCodeSchema([
  'UNAUTHORIZED',
  'VALIDATION_FAILED',
  'UNKNOWN_STREAM',
  'ORIGIN_NOT_ALLOWED',
  'NOT_ALLOWED_FOR_ROLE',
  'RATE_LIMITED',
  'SLOW_DOWN',
]);
export const SocketRefusalSchema = Type.Object({
  code: SocketRefusalCodeSchema,
  message: Type.String(),
});
export type SocketRefusal = Static<typeof SocketRefusalSchema>;

/** The acknowledgement of `follow`. */
export const FollowAckSchema = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    stream: Type.String(),
    seq: Type.Integer({ minimum: 0, description: 'the seq the follower now has' }),
    mode: Type.Union([Type.Literal('snapshot'), Type.Literal('events')], {
      description: 'a `snapshot` was sent, or the missing `events`',
    }),
  }),
  Type.Object({ ok: Type.Literal(false), error: SocketRefusalSchema }),
]);
export type FollowAckJson = Static<typeof FollowAckSchema>;

/**
 * An envelope as a client of any version takes it off the stream: the envelope itself is checked,
 * its `data` only by `evolveChecked` as it folds, so a type this version does not know is skipped
 * (and counted) rather than refusing the whole batch.
 */
export const WireEnvelopeSchema = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  stream: Type.String(),
  id: Type.String(),
  type: Type.String(),
  at: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
});
/** `events`: one batch of envelopes, in seq order. */
export const EventBatchSchema = Type.Array(WireEnvelopeSchema);
