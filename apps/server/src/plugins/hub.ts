import fp from 'fastify-plugin';
import { Server, type Socket } from 'socket.io';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { viewUnitOf, type EventEnvelope } from '@floodnet/domain';
import type { ResolvedOptions } from '../config.js';
import { LIVE } from './engine.js';
import { originPolicy } from './origins.js';
import { redisAdapter } from './redis-adapter.js';
import {
  FollowSchema,
  HandshakeSchema,
  type ClientToServer,
  type FollowAck,
  type ServerToClient,
  type SocketData,
} from '../hub/protocol.js';
import { frameMetrics } from '../hub/frame-metrics.js';
import { SendPacer, sendCostMs } from '../hub/send-pacer.js';
import { FollowBudget, unsentBytes } from '../hub/socket-limits.js';
import { unitViews } from '../hub/views.js';
import { wireSnapshot } from '../routes/state/wire-snapshot.js';

type HubServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type HubSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/** The live stream: Socket.IO on the same port, one room per stream. */
export interface Hub {
  io: HubServer;
  clients(): number;
}

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
  }
}

const handshake = TypeCompiler.Compile(HandshakeSchema);
const follow = TypeCompiler.Compile(FollowSchema);
/** Catch-up is sent in messages of this many events, well under a client's buffers. */
const CATCH_UP_CHUNK = 1000;
const room = (stream: string) => `stream:${stream}`;
/** How often sockets are checked for unread buffers, and for credentials that expired. */
const SWEEP_MS = 1000;
const EXPIRY_SWEEP_MS = 60_000;

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { data: { code, message } });
}

export default fp<{ options: ResolvedOptions }>(
  async function hubPlugin(app, { options }) {
    const { engine: engines, eventLog: log, metrics } = app;
    const allowedOrigin = originPolicy(app, options);
    const redis = options.redisUrl ? await redisAdapter(options.redisUrl, app.log) : null;
    const io: HubServer = new Server(app.server, {
      ...(redis ? { adapter: redis.adapter } : {}),
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
      // Browsers must come from an allowed page; programs send no Origin and rely on their token.
      allowRequest: (request, callback) => {
        const origin = request.headers.origin;
        if (origin === undefined || allowedOrigin(origin)) callback(null, true);
        else callback('ORIGIN_NOT_ALLOWED', false);
      },
      cors: { origin: (origin, callback) => callback(null, !origin || allowedOrigin(origin)) },
    });

    // Compound and squad accounts get their own unit's view in rooms of their own.
    const views = unitViews({
      io,
      live: () => engines.live,
      log,
      catchUpLimit: options.catchUpLimit,
    });
    const buffers = new Map<string, EventEnvelope[]>();
    /** Streams with a frame due, and how to call it off. */
    const due = new Map<string, () => void>();
    /** Per stream: when its next frame may go out, from what the last one cost. */
    const pacers = new Map<string, SendPacer>();
    /** When each stream's buffered events began to wait (performance.now()). */
    const waitingSince = new Map<string, number>();
    const frames = frameMetrics(metrics.registry);
    /** Sockets that joined with a catch-up or snapshot and may already hold buffered events. */
    const ahead = new Map<string, Set<string>>();
    /**
     * Per stream, the last seq sent to its room (or the seq of the room's last snapshot). A seq
     * goes to a room once: a repeat handed over again after a failover, when the engine catches
     * up from the log, is dropped here rather than by every screen.
     */
    const sentUpTo = new Map<string, number>();

    /**
     * Sends what the socket lacks and joins it to the stream's room in the same tick, so no
     * event committed in between is lost: events already buffered for the room are filtered by
     * the socket's `sentSeq` at the next flush.
     */
    function followStream(socket: HubSocket, stream: string, afterSeq?: number): FollowAck {
      const unitId = views.unitOf(socket);
      if (unitId !== null) return views.follow(socket, unitId, stream, afterSeq);
      const engine = engines.find(stream);
      if (!engine) return { ok: false, error: { code: 'UNKNOWN_STREAM', message: stream } };
      // Only what the log has committed: a crash can never take back what a screen was shown.
      const seq = engine.committedSeq;
      let sentSeq = seq;
      let mode: 'snapshot' | 'events' = 'snapshot';
      if (afterSeq !== undefined && afterSeq <= seq && seq - afterSeq <= options.catchUpLimit) {
        // Never past the picture: a drill's log runs ahead of its clock.
        const missing = log.readAfter(stream, afterSeq, seq - afterSeq);
        for (let i = 0; i < missing.length; i += CATCH_UP_CHUNK) {
          socket.emit('events', missing.slice(i, i + CATCH_UP_CHUNK));
        }
        sentSeq = missing.at(-1)?.seq ?? afterSeq;
        mode = 'events';
      } else {
        socket.emit('snapshot', wireSnapshot(stream, engine.committedState, seq));
      }
      if (socket.data.stream && socket.data.stream !== stream) {
        void socket.leave(room(socket.data.stream));
      }
      socket.data.stream = stream;
      socket.data.sentSeq = sentSeq;
      void socket.join(room(stream));
      let set = ahead.get(stream);
      if (!set) ahead.set(stream, (set = new Set()));
      set.add(socket.id);
      return { ok: true, stream, seq: sentSeq, mode };
    }

    /**
     * Sends what the stream has buffered, and times it: the next frame waits as long as this one
     * cost (see SendPacer).
     */
    function flush(stream: string): void {
      due.delete(stream);
      const batch = buffers.get(stream);
      buffers.delete(stream);
      if (!batch || batch.length === 0) return;
      const startedAt = performance.now();
      const cpuBefore = process.cpuUsage();
      send(stream, batch);
      const endedAt = performance.now();
      const cost = sendCostMs(endedAt - startedAt, cpuBefore, process.cpuUsage());
      pacers.get(stream)?.sent(endedAt, cost);
      frames.sent(startedAt - (waitingSince.get(stream) ?? startedAt), endedAt - startedAt);
    }

    /** One frame per stream, serialised once for the whole room by the adapter. */
    function send(stream: string, handed: EventEnvelope[]): void {
      const batch = unsent(stream, handed);
      if (batch.length === 0) return;
      const first = batch[0]!.seq;
      const last = batch[batch.length - 1]!.seq;
      const lagging: HubSocket[] = [];
      const set = ahead.get(stream);
      for (const id of set ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (socket && socket.data.stream === stream && socket.data.sentSeq >= first) {
          lagging.push(socket);
          if (socket.data.sentSeq <= last) set?.delete(id);
        } else {
          set?.delete(id);
        }
      }
      // `local`: every replica sends its own sockets what its log holds; relayed through Redis
      // as well, each screen would get every batch once per replica.
      if (lagging.length === 0) {
        io.local.to(room(stream)).emit('events', batch);
        return;
      }
      io.local
        .to(room(stream))
        .except(lagging.map((socket) => socket.id))
        .emit('events', batch);
      for (const socket of lagging) {
        const rest = batch.filter((event) => event.seq > socket.data.sentSeq);
        if (rest.length > 0) socket.emit('events', rest);
        socket.data.sentSeq = Math.max(socket.data.sentSeq, last);
      }
    }

    /** What of `batch` the room has not been sent, in seq order; remembers the last seq sent. */
    function unsent(stream: string, batch: EventEnvelope[]): EventEnvelope[] {
      let mark = sentUpTo.get(stream) ?? 0;
      // A mark past the stream's own picture is another life of the stream (a drill made again).
      if (mark > (engines.find(stream)?.committedSeq ?? Number.MAX_SAFE_INTEGER)) mark = 0;
      const fresh: EventEnvelope[] = [];
      for (const event of batch) {
        if (event.seq <= mark) continue;
        fresh.push(event);
        mark = event.seq;
      }
      sentUpTo.set(stream, mark);
      if (fresh.length < batch.length) {
        app.log.warn(
          { stream, repeats: batch.length - fresh.length },
          'hub dropped repeated events',
        );
      }
      return fresh.length === batch.length ? batch : fresh;
    }

    engines.listen({
      committed(stream, events) {
        views.committed(stream, events);
        if (!io.sockets.adapter.rooms.get(room(stream))?.size) {
          pacers.delete(stream);
          waitingSince.delete(stream);
          sentUpTo.delete(stream);
          return;
        }
        const buffer = buffers.get(stream);
        // Not `push(...events)`: a rebuild can hand over more events than a call takes arguments.
        if (buffer) for (const event of events) buffer.push(event);
        else {
          buffers.set(stream, [...events]);
          waitingSince.set(stream, performance.now());
        }
        if (due.has(stream)) return;
        let pacer = pacers.get(stream);
        if (!pacer) pacers.set(stream, (pacer = new SendPacer(options.batchMs)));
        const wait = pacer.waitMs(performance.now());
        if (wait === 0) {
          // At once, with whatever else commits in this turn of the loop (one group commit
          // resolves many writes together): a trickle is sent as it commits.
          const immediate = setImmediate(() => flush(stream));
          due.set(stream, () => clearImmediate(immediate));
        } else {
          const timer = setTimeout(() => flush(stream), wait);
          due.set(stream, () => clearTimeout(timer));
        }
      },
      // The picture was rebuilt from the log (or a drill sought): every follower starts again
      // from a snapshot — serialised once for the whole room, not once per screen, so a rebuild
      // with 200 screens open does not hold the event loop for seconds.
      reset(stream) {
        views.reset(stream);
        buffers.delete(stream);
        const engine = engines.find(stream);
        const members = io.sockets.adapter.rooms.get(room(stream));
        if (!engine || !members?.size) return;
        const seq = engine.state.seq;
        sentUpTo.set(stream, seq);
        // `local` too: another replica's screens follow that replica's picture, not this one's.
        io.local.to(room(stream)).emit('snapshot', wireSnapshot(stream, engine.state, seq));
        for (const id of members) {
          const socket = io.sockets.sockets.get(id);
          if (socket) socket.data.sentSeq = seq;
        }
      },
    });

    io.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      if (!handshake.Check(auth)) {
        const token = (auth as { token?: unknown } | undefined)?.token;
        return next(
          token === undefined
            ? refusal('UNAUTHORIZED', 'a token is required')
            : refusal('VALIDATION_FAILED', handshake.Errors(auth).First()?.message ?? 'bad auth'),
        );
      }
      // Keys read only with the `read` scope an admin granted.
      const actor = app.auth.reader(auth.token);
      if (!actor) return next(refusal('UNAUTHORIZED', 'invalid or expired token'));
      const stream = auth.stream ?? LIVE;
      if (stream !== LIVE && viewUnitOf(actor) !== null) {
        return next(refusal('NOT_ALLOWED_FOR_ROLE', 'a compound or squad account sees live only'));
      }
      if (!engines.find(stream)) return next(refusal('UNKNOWN_STREAM', stream));
      socket.data = { actor, stream: null, sentSeq: 0 };
      next();
    });

    const { followsPerMinute, maxBufferedBytes } = options.socketLimits;
    /** A socket holding this much unsent gets no new snapshot or catch-up until it reads. */
    const followBackPressure = Math.max(64 * 1024, maxBufferedBytes / 8);
    const stillReads = (socket: HubSocket) =>
      app.auth.reader((socket.handshake.auth as { token?: string }).token) !== null;

    // Signed out, removed, disabled, key rotated or revoked, token expired: the socket goes too.
    const dropRevoked = () => {
      for (const socket of io.sockets.sockets.values()) {
        if (!stillReads(socket)) socket.disconnect(true);
      }
    };
    // A screen that does not read is disconnected rather than buffered without end.
    const dropNonReaders = () => {
      for (const socket of io.sockets.sockets.values()) {
        if (unsentBytes(socket) <= maxBufferedBytes) continue;
        app.log.warn({ socket: socket.id, actor: socket.data.actor.name }, 'not reading: dropped');
        socket.disconnect(true);
      }
    };
    app.auth.onRevoked(dropRevoked);
    const sweepers = [
      setInterval(dropNonReaders, SWEEP_MS),
      setInterval(dropRevoked, EXPIRY_SWEEP_MS),
    ];
    for (const sweeper of sweepers) sweeper.unref();

    io.on('connection', (socket) => {
      metrics.connectedClients.inc();
      socket.on('disconnect', () => metrics.connectedClients.dec());
      const auth = socket.handshake.auth as { stream?: string; afterSeq?: number };
      followStream(socket, auth.stream ?? LIVE, auth.afterSeq);
      const budget = new FollowBudget(followsPerMinute);
      socket.on('follow', (request, ack) => {
        const allowance = budget.take(Date.now());
        if (allowance === 'abusive') return void socket.disconnect(true);
        const reply: FollowAck =
          allowance === 'refused'
            ? {
                ok: false,
                error: { code: 'RATE_LIMITED', message: `${followsPerMinute} follows per minute` },
              }
            : unsentBytes(socket) > followBackPressure
              ? { ok: false, error: { code: 'SLOW_DOWN', message: 'read what was sent first' } }
              : follow.Check(request)
                ? followStream(socket, request.stream, request.afterSeq)
                : {
                    ok: false,
                    error: {
                      code: 'VALIDATION_FAILED',
                      message: follow.Errors(request).First()?.message ?? 'bad follow request',
                    },
                  };
        if (typeof ack === 'function') ack(reply);
      });
    });

    app.decorate('hub', { io, clients: () => io.engine.clientsCount });
    app.addHook('preClose', (done) => {
      for (const sweeper of sweepers) clearInterval(sweeper);
      for (const callOff of due.values()) callOff();
      due.clear();
      views.close();
      io.local.disconnectSockets(true);
      done();
    });
    app.addHook('onClose', (_app, done) => {
      void io.close(() => void (redis?.close() ?? Promise.resolve()).then(() => done()));
    });
  },
  { name: 'hub', dependencies: ['engine', 'auth', 'metrics', 'event-log'] },
);
