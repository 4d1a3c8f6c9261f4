import {
  driveClock,
  drillClock,
  drillInfo,
  forkDrill,
  getDrill,
  toMs,
  type ClockAction,
} from '../api/drills';
import { ApiError } from '../api/http';
import { translate } from '../i18n/translate';
import { setNotice } from '../store/actions';
import { useStore } from '../store/store';
import {
  backToLive,
  describeDrill,
  drillStream,
  followStream,
  hearDrillClock,
  isDrillStream,
} from '../store/stream-actions';
import { seekTime } from './timeline';

// What the drill controls do: each asks the server, then tells the store what the server said.

/** The id of the drill on screen, or null on live. */
export function followedDrillId(): string | null {
  const stream = useStore.getState().drills.following;
  return isDrillStream(stream) ? stream.slice('drill:'.length) : null;
}

/**
 * Asks the server what the followed drill is and where its clock stands. A drill deleted under
 * the screen (by another trainer) sends the screen back to live, saying why.
 */
export async function refreshDrill(): Promise<void> {
  const id = followedDrillId();
  if (!id) return;
  let record;
  try {
    record = await getDrill(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && followedDrillId() === id) {
      setNotice(translate(useStore.getState().ui.language, 'drill.unknownStream'));
      backToLive();
    }
    return; // anything else: the next poll asks again
  }
  const stream = record.stream ?? drillStream(id);
  describeDrill(drillInfo({ ...record, stream }));
  const clock = drillClock(record, Date.now());
  if (clock) hearDrillClock(stream, clock);
}

/** Plays, pauses, changes speed or seeks; the clock shown follows the server's answer. */
export async function drive(action: ClockAction): Promise<void> {
  const id = followedDrillId();
  if (!id) return;
  const stream = drillStream(id);
  const before = useStore.getState().drills.clock;
  try {
    const answer = await driveClock(id, action);
    const at = toMs(answer.at) ?? before?.at ?? 0;
    hearDrillClock(stream, {
      at,
      speed: action.action === 'speed' ? action.speed : (before?.speed ?? 1),
      playing:
        action.action === 'play' ? true : action.action === 'pause' ? false : !!before?.playing,
      heardAt: Date.now(),
    });
  } catch (error) {
    complain(error);
  }
}

export function seekTo(at: number): Promise<void> {
  return drive({ action: 'seek', at: seekTime(at) });
}

/**
 * Forks the drill at its current time for trainees, and follows the fork. The original is paused
 * first, so the fork starts where the trainer stopped.
 */
export async function forkHere(name?: string): Promise<void> {
  const id = followedDrillId();
  if (!id) return;
  try {
    if (useStore.getState().drills.clock?.playing) await driveClock(id, { action: 'pause' });
    const fork = await forkDrill(id, name);
    followStream(fork.stream ?? drillStream(fork.id));
  } catch (error) {
    complain(error);
  }
}

export function complain(error: unknown): void {
  const language = useStore.getState().ui.language;
  setNotice(error instanceof ApiError ? error.message : translate(language, 'error.generic'));
}
