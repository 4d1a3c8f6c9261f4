import { assertNever, type SocketRefusal } from '@floodnet/domain';
import { translate } from '../i18n/translate';
import { setNotice, signOut } from '../store/actions';
import { applyEvents } from '../store/picture';
import { useStore } from '../store/store';
import { backToLive, LIVE } from '../store/stream-actions';
import { followAckOf } from './payloads';
import { openStreamSocket } from './stream-socket';

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
  const following = () => useStore.getState().drills.following;
  const live = openStreamSocket({
    token: options.token,
    stream: following,
    fold(batch) {
      if (applyEvents(batch).gapAt !== null) resync();
    },
    refused: actOnRefusal,
  });
  const { socket, unlessUnfit } = live;

  const unfollow = useStore.subscribe((store, prev) => {
    const stream = store.drills.following;
    if (stream === prev.drills.following || live.stopped()) return;
    // Not connected: the next connection's handshake asks for the new stream anyway.
    if (!socket.connected) return;
    live.armFallback();
    socket.emit('follow', { stream }, (payload: unknown) =>
      unlessUnfit(() => {
        const ack = followAckOf(payload);
        if (live.stopped() || ack.ok) return;
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
      void live.refetch();
      return;
    }
    socket.disconnect();
    socket.connect();
  }

  return {
    stop() {
      unfollow();
      live.stop();
    },
  };
}
