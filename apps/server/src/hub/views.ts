import type { Server, Socket } from 'socket.io';
import {
  encodeSnapshot,
  eventAsSeenBy,
  unitsSeeing,
  unitView,
  viewUnitOf,
  type Actor,
  type EventEnvelope,
} from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';
import type { StreamEngine } from '../engine/stream-engine.js';
import type { ClientToServer, FollowAck, ServerToClient, SocketData } from './protocol.js';

type ViewServer = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type ViewSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/** Bound accounts see the live picture only: drills are the command room's. */
const VIEW_STREAM = 'live';
const unitRoom = (unitId: string) => `unit:${unitId}`;
const VIEW_CATCH_UP_LIMIT = 2000;

/** The phone pages' stream: one room per compound or squad, each sent only its own view. */
export interface UnitViews {
  /** The unit a socket's picture is cut to, or null for the command room's sockets. */
  unitOf(socket: ViewSocket): string | null;
  /** Sends a bound socket its view (or what it lacks after `afterSeq`) and joins its room. */
  follow(socket: ViewSocket, unitId: string, stream: string, afterSeq?: number): FollowAck;
  committed(stream: string, events: readonly EventEnvelope[]): void;
  /** The picture was rebuilt: every phone starts again from its view. */
  reset(stream: string): void;
  close(): void;
}

/**
 * The hub's per-unit rooms. Events are batched per tick like the stream rooms, then routed: each
 * event goes to the units that see it (`unitsSeeing`), as they see it (`eventAsSeenBy`), so a
 * compound page never gets another compound's receipt or report, and a notice to 256 compounds
 * costs 256 small messages rather than 256 × 256 receipts. The view's seqs have holes; the phone
 * client folds what it is sent and reconnects with `afterSeq` like any screen.
 */
export function unitViews(deps: {
  io: ViewServer;
  live: () => StreamEngine;
  log: EventLog;
  catchUpLimit: number;
}): UnitViews {
  const { io, log } = deps;
  // A phone far behind is sent its (small) view rather than the log's readings it would drop.
  const catchUpLimit = Math.min(deps.catchUpLimit, VIEW_CATCH_UP_LIMIT);
  let buffer: EventEnvelope[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** Bound sockets now connected: without any, the stream's events are not even looked at. */
  const bound = new Set<string>();

  const members = (unitId: string) => io.sockets.adapter.rooms.get(unitRoom(unitId));

  function sendView(socket: ViewSocket, unitId: string): void {
    const engine = deps.live();
    const seq = engine.committedSeq;
    // In the wire form, as every snapshot: times as `…+08:00` text.
    const state = { ...unitView(engine.committedState, unitId), seq };
    socket.emit('snapshot', encodeSnapshot({ stream: VIEW_STREAM, seq, state }));
    socket.data.sentSeq = seq;
  }

  /** What a unit sees of these events, or 'refresh' when it must be sent its view instead. */
  function seenBy(unitId: string, events: readonly EventEnvelope[]): EventEnvelope[] | 'refresh' {
    const state = deps.live().committedState;
    const seen: EventEnvelope[] = [];
    for (const event of events) {
      if (!unitsSeeing(event, state).includes(unitId)) continue;
      const shown = eventAsSeenBy(event, unitId);
      if (shown === 'refresh') return 'refresh';
      seen.push(shown);
    }
    return seen;
  }

  function flush(): void {
    timer = null;
    const batch = buffer;
    buffer = [];
    const state = deps.live().committedState;
    const byUnit = new Map<string, EventEnvelope[] | 'refresh'>();
    for (const event of batch) {
      for (const unitId of unitsSeeing(event, state)) {
        const pending = byUnit.get(unitId);
        if (pending === 'refresh' || !members(unitId)?.size) continue;
        const shown = eventAsSeenBy(event, unitId);
        if (shown === 'refresh') byUnit.set(unitId, 'refresh');
        else if (pending) pending.push(shown);
        else byUnit.set(unitId, [shown]);
      }
    }
    const last = batch.at(-1)?.seq ?? 0;
    for (const [unitId, events] of byUnit) {
      for (const id of members(unitId) ?? []) {
        const socket = io.sockets.sockets.get(id);
        if (!socket) continue;
        if (events === 'refresh') {
          if (socket.data.sentSeq < last) sendView(socket, unitId);
          continue;
        }
        // A socket that joined with a view or a catch-up already holds what came before it.
        const rest = events.filter((event) => event.seq > socket.data.sentSeq);
        if (rest.length > 0) socket.emit('events', rest);
        socket.data.sentSeq = Math.max(socket.data.sentSeq, last);
      }
    }
  }

  return {
    unitOf: (socket) => viewUnitOf(socket.data.actor as Actor),

    follow(socket, unitId, stream, afterSeq) {
      if (stream !== VIEW_STREAM) {
        return {
          ok: false,
          error: { code: 'NOT_ALLOWED_FOR_ROLE', message: 'a compound or squad sees live only' },
        };
      }
      const engine = deps.live();
      const seq = engine.committedSeq;
      let mode: 'snapshot' | 'events' = 'snapshot';
      const behind = afterSeq === undefined ? Infinity : seq - afterSeq;
      const missing =
        afterSeq !== undefined && behind >= 0 && behind <= catchUpLimit
          ? seenBy(unitId, log.readAfter(VIEW_STREAM, afterSeq, behind))
          : 'refresh';
      if (missing === 'refresh') {
        sendView(socket, unitId);
      } else {
        if (missing.length > 0) socket.emit('events', missing);
        socket.data.sentSeq = seq;
        mode = 'events';
      }
      socket.data.stream = VIEW_STREAM;
      void socket.join(unitRoom(unitId));
      if (!bound.has(socket.id)) {
        bound.add(socket.id);
        socket.once('disconnect', () => bound.delete(socket.id));
      }
      return { ok: true, stream: VIEW_STREAM, seq, mode };
    },

    committed(stream, events) {
      if (stream !== VIEW_STREAM || bound.size === 0) return;
      buffer.push(...events);
      timer ??= setTimeout(flush, 0);
    },

    reset(stream) {
      if (stream !== VIEW_STREAM) return;
      buffer = [];
      for (const id of bound) {
        const socket = io.sockets.sockets.get(id);
        const unitId = socket ? viewUnitOf(socket.data.actor as Actor) : null;
        if (socket && unitId !== null) sendView(socket, unitId);
      }
    },

    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
