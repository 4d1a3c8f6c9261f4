import type {
  ClientToServer,
  EventEnvelope,
  Handshake,
  ServerToClient,
  SocketRefusal,
} from '@floodnet/domain';
import { io, type Socket } from 'socket.io-client';
import { AnswerError } from '../api/check';
import { apiUrl, request } from '../api/http';
import { setConnectionStatus, setNotice } from '../store/actions';
import { applySnapshot } from '../store/picture';
import { useStore } from '../store/store';
import { eventBatchOf, pictureOf, refusalOf, snapshotOf } from './payloads';

/** After this many failed attempts in a row the screen says "offline" (it keeps trying). */
const OFFLINE_AFTER_ATTEMPTS = 3;
/** If no picture has arrived this long after connecting, fetch it over HTTP. */
const SNAPSHOT_FALLBACK_MS = 5000;

export interface StreamSocketOptions {
  token: string;
  /** The stream the screen wants now; read at every (re)connection, snapshot and fallback. */
  stream(): string;
  /** Folds a batch of events that fits the contract (how holes and repeats are met is the screen's). */
  fold(batch: EventEnvelope[]): void;
  /** A refusal coded by the server's middleware: true when dealt with, false leaves it to the retries. */
  refused(refusal: SocketRefusal): boolean;
}

export interface StreamSocket {
  socket: Socket<ServerToClient, ClientToServer>;
  stopped(): boolean;
  /** Runs `apply` unless stopped; a payload that does not fit the contract becomes a notice. */
  unlessUnfit(apply: () => void): void;
  /** Fetches the picture over HTTP unless one for the wanted stream arrives soon. */
  armFallback(): void;
  /** Fetches the wanted stream's picture over HTTP now. */
  refetch(): Promise<void>;
  stop(): void;
}

/**
 * The socket under every screen's stream: it connects asking for the wanted stream after the
 * last seq applied, applies the snapshots of that stream, keeps the connection status, falls
 * back to HTTP when no picture comes, and hands each batch of events to the screen's `fold`.
 */
export function openStreamSocket(options: StreamSocketOptions): StreamSocket {
  const { token, stream } = options;
  let failures = 0;
  let stopped = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;

  const socket: Socket<ServerToClient, ClientToServer> = io(apiUrl('') || undefined, {
    transports: ['websocket'],
    // A function, so every (re)connection asks for the wanted stream from the last seq applied.
    auth: (send) => {
      const wanted = stream();
      const { picture } = useStore.getState();
      const handshake: Handshake =
        picture.stream === wanted && picture.state
          ? { token, stream: wanted, afterSeq: picture.state.seq }
          : { token, stream: wanted };
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
      if (snapshot.stream === stream()) applySnapshot(snapshot);
    }),
  );

  socket.on('events', (payload: unknown) => unlessUnfit(() => options.fold(eventBatchOf(payload))));

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
    if (refusal && options.refused(refusal)) return;
    failures += 1;
    setConnectionStatus(failures >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    // Refused by the server's middleware: Socket.IO gives up, so try again a little later.
    if (!socket.active) setTimeout(() => !stopped && socket.connect(), 2000);
  });

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

  function armFallback(): void {
    if (fallback) clearTimeout(fallback);
    fallback = setTimeout(() => {
      const { picture } = useStore.getState();
      if (!stopped && (picture.stream !== stream() || !picture.state)) void refetch();
    }, SNAPSHOT_FALLBACK_MS);
  }

  async function refetch(): Promise<void> {
    const wanted = stream();
    try {
      const path = `/api/v1/state?stream=${encodeURIComponent(wanted)}`;
      const snapshot = pictureOf(await request('GET', path, 'StreamState'));
      if (!stopped && snapshot.stream === stream()) applySnapshot(snapshot);
    } catch (error) {
      if (error instanceof AnswerError) setNotice(error.message);
      // else: the socket's own retries will bring the picture when the server is back
    }
  }

  setConnectionStatus('reconnecting');
  return {
    socket,
    stopped: () => stopped,
    unlessUnfit,
    armFallback,
    refetch,
    stop() {
      stopped = true;
      if (fallback) clearTimeout(fallback);
      socket.removeAllListeners();
      socket.disconnect();
      setConnectionStatus('offline');
    },
  };
}
