import {
  decodeSnapshot,
  type ClientToServer,
  type FollowAck,
  type Handshake,
  type ServerToClient,
} from '@floodnet/domain';
import { io, type Socket } from 'socket.io-client';
import { request, apiUrl } from '../api/http';
import { translate } from '../i18n/translate';
import { setConnectionStatus, setNotice, signOut } from '../store/actions';
import { applyEvents, applySnapshot } from '../store/picture';
import { useStore } from '../store/store';
import { backToLive, LIVE } from '../store/stream-actions';
import { isEnvelopeBatch, isFollowAck, isStreamSnapshot } from './payloads';

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
 * The stream is the store's `drills.following` (live or a drill); when it changes the socket
 * asks the server to `follow` the other stream, which answers with a snapshot. The server sends a
 * snapshot or the missing events on connect, then batches of events. Repeats are dropped by seq;
 * a hole makes the client reconnect asking for everything after its last seq.
 */
export function connectLive(options: { token: string }): LiveConnection {
  const { token } = options;
  let failures = 0;
  let stopped = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;
  const following = () => useStore.getState().drills.following;

  const socket: Socket<ServerToClient, ClientToServer> = io(apiUrl('') || undefined, {
    transports: ['websocket'],
    // A function, so every (re)connection asks for the followed stream from the last seq applied.
    auth: (send) => {
      const stream = following();
      const { picture } = useStore.getState();
      const handshake: Handshake =
        picture.stream === stream && picture.state
          ? { token, stream, afterSeq: picture.state.seq }
          : { token, stream };
      send(handshake);
    },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });

  socket.on('connect', () => {
    failures = 0;
    setConnectionStatus('live');
    armFallback();
  });

  socket.on('snapshot', (snapshot: unknown) => {
    if (!isStreamSnapshot(snapshot) || snapshot.stream !== following()) return;
    // Times travel as `…+08:00` text; the picture holds them as epoch ms.
    applySnapshot(decodeSnapshot(snapshot));
  });

  socket.on('events', (batch: unknown) => {
    if (!isEnvelopeBatch(batch)) return;
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
    if (/UNKNOWN_STREAM/.test(error.message) && following() !== LIVE) {
      // A drill in the address that no longer exists: say so and go back to live.
      refused('UNKNOWN_STREAM');
      socket.connect();
      return;
    }
    failures += 1;
    setConnectionStatus(failures >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    // Refused by the server's middleware: Socket.IO gives up, so try again a little later.
    if (!socket.active) setTimeout(() => !stopped && socket.connect(), 2000);
  });

  const unfollow = useStore.subscribe((store, prev) => {
    const stream = store.drills.following;
    if (stream === prev.drills.following || stopped) return;
    // Not connected: the next connection's handshake asks for the new stream anyway.
    if (!socket.connected) return;
    armFallback();
    socket.emit('follow', { stream }, (ack: FollowAck) => {
      if (stopped || !isFollowAck(ack) || ack.ok) return;
      if (following() === stream) refused(ack.error.code);
    });
  });

  function refused(code: string): void {
    const language = useStore.getState().ui.language;
    setNotice(
      code === 'UNKNOWN_STREAM'
        ? translate(language, 'drill.unknownStream')
        : `${translate(language, 'error.generic')} (${code})`,
    );
    backToLive();
  }

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
      if (!stopped && (picture.stream !== following() || !picture.state)) void refetch();
    }, SNAPSHOT_FALLBACK_MS);
  }

  async function refetch(): Promise<void> {
    const stream = following();
    try {
      const snapshot = await request<unknown>(
        'GET',
        `/api/v1/state?stream=${encodeURIComponent(stream)}`,
      );
      if (!stopped && isStreamSnapshot(snapshot) && snapshot.stream === following()) {
        applySnapshot(decodeSnapshot(snapshot));
      }
    } catch {
      // the socket's own retries will bring the picture when the server is back
    }
  }

  setConnectionStatus('reconnecting');
  return {
    stop() {
      stopped = true;
      unfollow();
      if (fallback) clearTimeout(fallback);
      socket.removeAllListeners();
      socket.disconnect();
      setConnectionStatus('offline');
    },
  };
}
