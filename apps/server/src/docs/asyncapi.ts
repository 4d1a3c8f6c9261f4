import { CloneType, type TSchema } from '@sinclair/typebox';
import {
  EventEnvelopeSchema,
  FollowAckSchema,
  FollowSchema,
  HandshakeSchema,
  SnapshotMessageSchema,
  SocketRefusalSchema,
} from '@floodnet/domain';

/** A schema as plain JSON (TypeBox's symbols dropped), for the document. */
const plain = (schema: TSchema): unknown => JSON.parse(JSON.stringify(CloneType(schema)));

/**
 * AsyncAPI 3.0 description of the Socket.IO stream, built from the same schemas the hub checks
 * and the browser folds with. Served at `/docs/asyncapi.json`.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const message = (ref: string) => ({ $ref: `#/channels/stream/messages/${ref}` });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'floodnet stream (防汛防台一张网)',
      version: '1.0.0',
      description:
        'The live picture over Socket.IO 4 on the HTTP port (path `/socket.io/`). Connect with ' +
        '`io(url, {auth: {token, stream, afterSeq}})`. The server answers with a `snapshot` ' +
        '(new or far-behind client) or the missing `events`, then `events` batches as the log ' +
        'commits them: only committed events, in seq order. Keep the last `seq` applied, drop ' +
        'duplicates, and reconnect with `afterSeq`: no gap, no double-apply. A refused ' +
        'connection is a `connect_error` whose `data` is a refusal `{code, message}`; act on ' +
        '`code`. Browsers must come from an allowed Origin (`FLOODNET_ORIGINS`); programs that ' +
        'send no Origin are admitted by their token. Times are ISO 8601 in +08:00 to the ' +
        'second, in snapshots and events alike. A `compound` or `squad` account follows `live` ' +
        'only and is sent its own unit’s view: a snapshot cut to its unit, then only the ' +
        'events its unit sees (other recipients removed), so the seqs it gets have holes by ' +
        'design — fold them in order, drop repeats (seq ≤ the last) and reconnect with ' +
        '`afterSeq` as any client. HTTP API: OpenAPI at `/docs/json`.',
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      floodnet: {
        host: 'localhost:8080',
        protocol: 'ws',
        pathname: '/socket.io',
        description: 'Socket.IO 4 (engine.io over WebSocket, or long-polling first)',
        security: [{ $ref: '#/components/securitySchemes/token' }],
      },
    },
    channels: {
      stream: {
        address: '/',
        title: 'One stream: live or a drill',
        description:
          'The default namespace. A socket follows one stream at a time (`live` or ' +
          '`drill:<id>`), chosen at the handshake and switched with `follow`.',
        servers: [{ $ref: '#/servers/floodnet' }],
        messages: {
          handshake: { $ref: '#/components/messages/handshake' },
          refusal: { $ref: '#/components/messages/refusal' },
          snapshot: { $ref: '#/components/messages/snapshot' },
          events: { $ref: '#/components/messages/events' },
          follow: { $ref: '#/components/messages/follow' },
          followAck: { $ref: '#/components/messages/followAck' },
        },
      },
    },
    operations: {
      connect: {
        action: 'send',
        title: 'Connect',
        summary: 'The Socket.IO CONNECT packet, carrying `auth`',
        channel: { $ref: '#/channels/stream' },
        messages: [message('handshake')],
        reply: {
          channel: { $ref: '#/channels/stream' },
          messages: [message('snapshot'), message('events'), message('refusal')],
        },
      },
      receiveSnapshot: {
        action: 'receive',
        summary: 'A whole picture: replace yours, then fold the events after its seq',
        channel: { $ref: '#/channels/stream' },
        messages: [message('snapshot')],
      },
      receiveEvents: {
        action: 'receive',
        summary: 'Committed events, a batch per tick, oldest first',
        channel: { $ref: '#/channels/stream' },
        messages: [message('events')],
      },
      follow: {
        action: 'send',
        summary: 'Switch to another stream (`socket.emit("follow", request, ack)`)',
        channel: { $ref: '#/channels/stream' },
        messages: [message('follow')],
        reply: {
          channel: { $ref: '#/channels/stream' },
          messages: [message('followAck')],
        },
      },
    },
    components: {
      securitySchemes: {
        token: {
          type: 'httpApiKey',
          name: 'auth.token',
          in: 'query',
          description:
            'A session token (POST /api/v1/session) or an API key, sent as `auth.token` in ' +
            'the Socket.IO handshake (not in the URL)',
        },
      },
      messages: {
        handshake: {
          name: 'handshake',
          title: 'Handshake auth',
          summary: '`auth` of the CONNECT packet',
          payload: { $ref: '#/components/schemas/Handshake' },
        },
        refusal: {
          name: 'connect_error',
          title: 'Refusal',
          summary:
            'The connection is refused: `connect_error` with `data` {code, message}. ' +
            'UNAUTHORIZED (no, bad or revoked token: sign in again), VALIDATION_FAILED (bad ' +
            'auth), UNKNOWN_STREAM, ORIGIN_NOT_ALLOWED (the page’s Origin, at the transport), ' +
            'NOT_ALLOWED_FOR_ROLE (a bound account asking for a drill), RATE_LIMITED, ' +
            'SLOW_DOWN (a follow while the socket has not read what was sent).',
          payload: { $ref: '#/components/schemas/SocketRefusal' },
        },
        snapshot: {
          name: 'snapshot',
          title: 'Snapshot',
          summary: 'The stream’s picture at a committed seq',
          payload: { $ref: '#/components/schemas/StreamState' },
        },
        events: {
          name: 'events',
          title: 'Events',
          summary: 'An array of event envelopes, contiguous in seq',
          payload: {
            type: 'array',
            minItems: 1,
            items: { $ref: '#/components/schemas/EventEnvelope' },
          },
        },
        follow: {
          name: 'follow',
          title: 'Follow a stream',
          summary: 'With `afterSeq`, only the missing events are sent when few are missing',
          payload: { $ref: '#/components/schemas/Follow' },
        },
        followAck: {
          name: 'follow ack',
          title: 'Follow acknowledgement',
          summary: '`{ok: true, stream, seq, mode}` or `{ok: false, error: {code, message}}`',
          payload: { $ref: '#/components/schemas/FollowAck' },
        },
      },
      schemas: {
        Handshake: plain(HandshakeSchema),
        Follow: plain(FollowSchema),
        FollowAck: plain(FollowAckSchema),
        SocketRefusal: plain(SocketRefusalSchema),
        StreamState: plain(SnapshotMessageSchema),
        EventEnvelope: plain(EventEnvelopeSchema),
      },
    },
  };
}
