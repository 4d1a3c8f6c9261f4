import type { EventEnvelope } from '@floodnet/domain';
import { io, type Socket } from 'socket.io-client';
import { request, apiUrl } from '../api/http';
import { setConnectionStatus, signOut } from '../store/actions';
import { applyEvents, applySnapshot, type StateSnapshot } from '../store/picture';
import { useStore } from '../store/store';

/** After this many failed attempts in a row the screen says "offline" (it keeps trying). */
const OFFLINE_AFTER_ATTEMPTS = 3;
/** If no picture has arrived this long after connecting, fetch it over HTTP. */
const SNAPSHOT_FALLBACK_MS = 5000;

export interface LiveConnection {
  stop(): void;
}

/**
 * Keeps the store's picture in step with the server's stream. Lives outside React: it writes to
 * the store, and the store tells the map and panels (once per animation frame).
 *
 * The server sends a snapshot or the missing events on connect, then batches of events. Repeats
 * are dropped by seq; a hole makes the client reconnect asking for everything after its last seq.
 */
export function connectLive(options: { token: string; stream: string }): LiveConnection {
  const { token, stream } = options;
  let failures = 0;
  let stopped = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;

  const socket: Socket = io(apiUrl('') || undefined, {
    transports: ['websocket'],
    // A function, so every (re)connection asks from the last seq actually applied.
    auth: (send) => {
      const { picture } = useStore.getState();
      const afterSeq = picture.stream === stream && picture.state ? picture.state.seq : undefined;
      send(afterSeq === undefined ? { token, stream } : { token, stream, afterSeq });
    },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });

  socket.on('connect', () => {
    failures = 0;
    setConnectionStatus('live');
    armFallback();
  });

  socket.on('snapshot', (snapshot: StateSnapshot) => {
    if (snapshot?.stream !== stream || !snapshot.state) return;
    applySnapshot(snapshot);
  });

  socket.on('events', (batch: EventEnvelope[]) => {
    if (!Array.isArray(batch)) return;
    const outcome = applyEvents(batch);
    if (outcome.gapAt !== null) resync();
  });

  socket.on('disconnect', (reason) => {
    if (stopped) return;
    setConnectionStatus('reconnecting');
    // The server closed on purpose (e.g. a restart): Socket.IO will not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.on('connect_error', (error: Error) => {
    if (stopped) return;
    if (/unauthori[sz]ed|token|forbidden|not allowed/i.test(error.message)) {
      signOut();
      return;
    }
    failures += 1;
    setConnectionStatus(failures >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    // Refused by the server's middleware: Socket.IO gives up, so try again a little later.
    if (!socket.active) setTimeout(() => !stopped && socket.connect(), 2000);
  });

  /** A hole in the stream: reconnect so the server sends what is missing after our last seq. */
  function resync(): void {
    if (!useStore.getState().picture.state) {
      void refetch();
      return;
    }
    socket.disconnect();
    socket.connect();
  }

  function armFallback(): void {
    if (fallback) clearTimeout(fallback);
    fallback = setTimeout(() => {
      const { picture } = useStore.getState();
      if (!stopped && (picture.stream !== stream || !picture.state)) void refetch();
    }, SNAPSHOT_FALLBACK_MS);
  }

  async function refetch(): Promise<void> {
    try {
      const snapshot = await request<StateSnapshot>(
        'GET',
        `/api/v1/state?stream=${encodeURIComponent(stream)}`,
      );
      if (!stopped) applySnapshot(snapshot);
    } catch {
      // the socket's own retries will bring the picture when the server is back
    }
  }

  setConnectionStatus('reconnecting');
  return {
    stop() {
      stopped = true;
      if (fallback) clearTimeout(fallback);
      socket.removeAllListeners();
      socket.disconnect();
      setConnectionStatus('offline');
    },
  };
}
