import {
  assertNever,
  type ClientToServer,
  type Handshake,
  type ServerToClient,
  type SocketRefusal,
} from '@floodnet/domain';
import { io, type Socket } from 'socket.io-client';
import { AnswerError } from '../api/check';
import { apiUrl, request } from '../api/http';
import { translate } from '../i18n/translate';
import { setConnectionStatus, setNotice, signOut } from '../store/actions';
import { applyEvents, applySnapshot } from '../store/picture';
import { useStore } from '../store/store';
import { backToLive, LIVE } from '../store/stream-actions';
import { eventBatchOf, followAckOf, pictureOf, refusalOf, snapshotOf } from './payloads';

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

  // Payloads are checked against the contract before anything is folded; one that does not fit
  // is not applied, and the screen says which payload and where (the picture stays as it was).
  socket.on('snapshot', (payload: unknown) =>
    unlessUnfit(() => {
      const snapshot = snapshotOf(payload, 'socket snapshot');
      if (snapshot.stream === following()) applySnapshot(snapshot);
    }),
  );

  socket.on('events', (payload: unknown) =>
    unlessUnfit(() => {
      const outcome = applyEvents(eventBatchOf(payload));
      if (outcome.gapAt !== null) resync();
    }),
  );

  socket.on('disconnect', (reason) => {
    if (stopped) return;
    setConnectionStatus('reconnecting');
    // The server closed on purpose (e.g. a restart): Socket.IO will not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.on('connect_error', (error: Error) => {
    if (stopped) return;
    // The server's middleware refuses with a coded `data` (the contract's SocketRefusal); a
    // transport failure has none and is retried.
    const refusal = refusalOf(error);
    if (refusal && actOnRefusal(refusal)) return;
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
    socket.emit('follow', { stream }, (payload: unknown) =>
      unlessUnfit(() => {
        const ack = followAckOf(payload);
        if (stopped || ack.ok) return;
        if (following() === stream) refused(ack.error.code);
      }),
    );
  });

  /** True when the refusal was dealt with; false leaves it to the retries. */
  function actOnRefusal(refusal: SocketRefusal): boolean {
    switch (refusal.code) {
      case 'UNAUTHORIZED':
        signOut();
        return true;
      case 'UNKNOWN_STREAM':
      case 'NOT_ALLOWED_FOR_ROLE':
      case 'VALIDATION_FAILED':
        if (following() !== LIVE) {
          // A drill in the address that no longer exists, or is not this account's: say so
          // and go back to live.
          refused(refusal.code);
          socket.connect();
          return true;
        }
        // Live itself is not this account's to read: nothing to fall back to.
        if (refusal.code === 'NOT_ALLOWED_FOR_ROLE') signOut();
        return refusal.code === 'NOT_ALLOWED_FOR_ROLE';
      case 'ORIGIN_NOT_ALLOWED':
      case 'RATE_LIMITED':
      case 'SLOW_DOWN':
        return false;
      default:
        return assertNever(refusal.code);
    }
  }

  function unlessUnfit(apply: () => void): void {
    if (stopped) return;
    try {
      apply();
    } catch (error) {
      if (!(error instanceof AnswerError)) throw error;
      console.warn(error.message);
      setNotice(error.message);
    }
  }

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
      const path = `/api/v1/state?stream=${encodeURIComponent(stream)}`;
      const snapshot = pictureOf(await request('GET', path, 'StreamState'));
      if (!stopped && snapshot.stream === following()) applySnapshot(snapshot);
    } catch (error) {
      if (error instanceof AnswerError) setNotice(error.message);
      // else: the socket's own retries will bring the picture when the server is back
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
