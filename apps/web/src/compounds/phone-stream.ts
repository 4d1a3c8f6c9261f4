import { evolveChecked, type Handshake } from '@floodnet/domain';
import { io } from 'socket.io-client';
import { apiUrl, request } from '../api/http';
import { AnswerError } from '../api/check';
import { eventBatchOf, pictureOf, refusalOf, snapshotOf } from '../live/payloads';
import { setConnectionStatus, setNotice, signOut } from '../store/actions';
import { applySnapshot, flushPicture } from '../store/picture';
import { useStore } from '../store/store';

const LIVE = 'live';
/** After this many failed attempts in a row the page says "offline" (it keeps trying). */
const OFFLINE_AFTER_ATTEMPTS = 3;
/** If no picture has arrived this long after connecting, fetch it over HTTP. */
const SNAPSHOT_FALLBACK_MS = 5000;

/**
 * The phone pages' stream. A compound or squad account is sent its own unit's view: a snapshot
 * cut to the unit, then only the events it sees — so the seqs it gets have holes by design, and
 * the command room's gap check (reconnect at a hole) would reconnect for ever. Within one
 * connection the server sends in order and loses nothing; across a drop the socket asks again
 * with `afterSeq`, so every event is still folded once: repeats (seq ≤ the last) are dropped.
 */
export function connectPhoneStream(token: string): { stop(): void } {
  let failures = 0;
  let stopped = false;
  let fallback: ReturnType<typeof setTimeout> | null = null;

  const socket = io(apiUrl('') || undefined, {
    transports: ['websocket'],
    auth: (send) => {
      const { picture } = useStore.getState();
      const handshake: Handshake =
        picture.stream === LIVE && picture.state
          ? { token, stream: LIVE, afterSeq: picture.state.seq }
          : { token, stream: LIVE };
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
  // Checked against the contract before anything is folded; a payload that does not fit is not
  // applied, and the page says which one and where.
  socket.on('snapshot', (payload: unknown) =>
    unlessUnfit(() => {
      const snapshot = snapshotOf(payload, 'socket snapshot');
      if (snapshot.stream === LIVE) applySnapshot(snapshot);
    }),
  );
  socket.on('events', (payload: unknown) => unlessUnfit(() => fold(eventBatchOf(payload))));

  function fold(batch: ReturnType<typeof eventBatchOf>): void {
    const state = useStore.getState().picture.state;
    if (!state) return;
    let applied = 0;
    for (const envelope of batch) {
      if (envelope.stream !== LIVE || envelope.seq <= state.seq) continue;
      evolveChecked(state, envelope);
      applied += 1;
    }
    // A phone gets a handful of events a minute: tell the page at once.
    if (applied > 0) flushPicture();
  }

  function unlessUnfit(apply: () => void): void {
    try {
      apply();
    } catch (error) {
      if (!(error instanceof AnswerError)) throw error;
      setNotice(error.message);
    }
  }
  socket.on('disconnect', (reason) => {
    if (stopped) return;
    setConnectionStatus('reconnecting');
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error) => {
    if (stopped) return;
    // Refused by the server with a coded `data`: an account that may not read is signed out.
    const refusal = refusalOf(error);
    if (refusal?.code === 'UNAUTHORIZED' || refusal?.code === 'NOT_ALLOWED_FOR_ROLE') {
      return signOut();
    }
    failures += 1;
    setConnectionStatus(failures >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting');
    if (!socket.active) setTimeout(() => !stopped && socket.connect(), 2000);
  });

  function armFallback(): void {
    if (fallback) clearTimeout(fallback);
    fallback = setTimeout(() => {
      if (!stopped && !useStore.getState().picture.state) void refetch();
    }, SNAPSHOT_FALLBACK_MS);
  }

  async function refetch(): Promise<void> {
    try {
      const answer = await request('GET', `/api/v1/state?stream=${LIVE}`, 'StreamState');
      if (!stopped) applySnapshot(pictureOf(answer));
    } catch {
      // the socket's own retries bring the picture when the server is back
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
