// The socket protocol itself lives in `@floodnet/domain` (the browser speaks it too).
export {
  HandshakeSchema,
  FollowSchema,
  type Handshake,
  type Follow,
  type StreamSnapshot,
  type FollowAck,
  type ServerToClient,
  type ClientToServer,
} from '@floodnet/domain';

export interface SocketData {
  actor: { name: string; role: string };
  stream: string | null;
  /** The highest seq this socket already has; batches at or below it are not sent again. */
  sentSeq: number;
}
