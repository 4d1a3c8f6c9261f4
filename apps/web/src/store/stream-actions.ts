import type { DrillClock, DrillDialog, DrillInfo } from './slices';
import { useStore } from './store';

// Which stream the screen follows (live or a drill) and what it knows of the drill's clock. The
// socket client hears `drills.following` change and asks the server for that stream.

export const LIVE = 'live';

export function isDrillStream(stream: string): boolean {
  return stream.startsWith('drill:');
}

/** `drill:<id>` for a drill id. */
export function drillStream(id: string): string {
  return `drill:${id}`;
}

/**
 * Follows another stream. The picture stays until the server's snapshot of the new stream
 * replaces it; selections and drafts belong to the old picture, so they go now. The address bar
 * keeps the stream, so a reload (or a second screen given the link) follows the same drill.
 */
export function followStream(stream: string): void {
  const { drills, ui } = useStore.getState();
  if (drills.following === stream) return;
  useStore.setState({
    drills: { ...drills, following: stream, current: null, clock: null },
    ui: { ...ui, selected: null, reporting: false, draft: null },
  });
  rememberInAddress(stream);
}

export function backToLive(): void {
  followStream(LIVE);
  setDrillDialog('none');
}

export function setDrillDialog(dialog: DrillDialog): void {
  useStore.setState((store) => ({ drills: { ...store.drills, dialog } }));
}

/** The server's description of the followed drill (ignored if the screen has moved on). */
export function describeDrill(info: DrillInfo): void {
  useStore.setState((store) =>
    store.drills.following === info.stream ? { drills: { ...store.drills, current: info } } : {},
  );
}

/** What the server said of the drill's clock, heard at wall time `clock.heardAt`. */
export function hearDrillClock(stream: string, clock: DrillClock): void {
  useStore.setState((store) =>
    store.drills.following === stream ? { drills: { ...store.drills, clock } } : {},
  );
}

/**
 * The drill's time now: while playing it runs `speed` times faster than the wall, from the last
 * time the server told us; never past the end of the recording.
 */
export function drillTimeAt(
  clock: DrillClock | null,
  wallNow: number,
  end: number | null = null,
): number | null {
  if (!clock) return null;
  const at = clock.playing ? clock.at + (wallNow - clock.heardAt) * clock.speed : clock.at;
  return end !== null ? Math.min(at, end) : at;
}

function rememberInAddress(stream: string): void {
  const location = globalThis.location;
  const history = globalThis.history;
  if (!location || !history?.replaceState) return;
  const url = new URL(location.href);
  if (stream === LIVE) url.searchParams.delete('stream');
  else url.searchParams.set('stream', stream);
  history.replaceState(history.state, '', url);
}
