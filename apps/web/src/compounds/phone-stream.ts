import { evolveChecked, type EventEnvelope, type SocketRefusal } from '@floodnet/domain';
import { openStreamSocket } from '../live/stream-socket';
import { signOut } from '../store/actions';
import { flushPicture } from '../store/picture';
import { useStore } from '../store/store';

const LIVE = 'live';

/**
 * The phone pages' stream. A compound or squad account is sent its own unit's view: a snapshot
 * cut to the unit, then only the events it sees — so the seqs it gets have holes by design, and
 * the command room's gap check (reconnect at a hole) would reconnect for ever. Within one
 * connection the server sends in order and loses nothing; across a drop the socket asks again
 * with `afterSeq`, so every event is still folded once: repeats (seq ≤ the last) are dropped.
 */
export function connectPhoneStream(token: string): { stop(): void } {
  const live = openStreamSocket({ token, stream: () => LIVE, fold, refused });
  return { stop: () => live.stop() };
}

function fold(batch: EventEnvelope[]): void {
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

/** An account that may not read its view is signed out; anything else is left to the retries. */
function refused(refusal: SocketRefusal): boolean {
  if (refusal.code !== 'UNAUTHORIZED' && refusal.code !== 'NOT_ALLOWED_FOR_ROLE') return false;
  signOut();
  return true;
}
