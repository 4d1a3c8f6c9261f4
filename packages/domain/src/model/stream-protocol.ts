import { Type, type Static } from '@sinclair/typebox';
import { StreamNameSchema } from './primitives.js';
import type { EventEnvelope } from './events.js';
import type { State } from './state.js';
import type { FollowAckJson } from '../contract/socket-schema.js';
import type { StreamStateJson } from '../contract/state-schema.js';

/** The Socket.IO protocol, spoken by the server and the browser alike. */

/** `io(url, { auth })` on connect. */
export const HandshakeSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 4096 }),
  stream: Type.Optional(StreamNameSchema),
  afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type Handshake = Static<typeof HandshakeSchema>;

/** `socket.emit('follow', {stream, afterSeq?}, ack)`: switch to another stream. */
export const FollowSchema = Type.Object(
  {
    stream: StreamNameSchema,
    afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type Follow = Static<typeof FollowSchema>;

/** A stream's picture at a seq, as the fold holds it (times in epoch ms). */
export interface StreamSnapshot {
  stream: string;
  seq: number;
  state: State;
}

/** The acknowledgement of `follow`: the contract's `FollowAckSchema`, coded refusals and all. */
export type FollowAck = FollowAckJson;

export interface ServerToClient {
  /** The picture with every time in the wire form (`encodeSnapshot` / `decodeSnapshot`). */
  snapshot(snapshot: StreamStateJson): void;
  events(events: EventEnvelope[]): void;
}

export interface ClientToServer {
  follow(request: unknown, ack?: (reply: FollowAck) => void): void;
}
