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
