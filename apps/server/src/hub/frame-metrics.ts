import { Histogram, type Registry } from 'prom-client';

/** From half a millisecond (a frame to a few screens) to a second (a stalled event loop). */
const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** What the hub's frames cost and what they made screens wait, for `/metrics`. */
export interface FrameMetrics {
  /**
   * A frame went out `waitedMs` after its oldest event committed (the pacing plus whatever else
   * held the event loop) and took `sendMs` to hand to every socket of its room.
   */
  sent(waitedMs: number, sendMs: number): void;
}

export function frameMetrics(registry: Registry): FrameMetrics {
  const registers = [registry];
  const waited = new Histogram({
    name: 'floodnet_hub_frame_wait_seconds',
    help: "From the commit of a frame's oldest event to the frame going out to its screens",
    buckets: SECONDS,
    registers,
  });
  const held = new Histogram({
    name: 'floodnet_hub_frame_send_seconds',
    help: 'How long one frame to every screen of its room held the event loop',
    buckets: SECONDS,
    registers,
  });
  return {
    sent(waitedMs, sendMs) {
      waited.observe(waitedMs / 1000);
      held.observe(sendMs / 1000);
    },
  };
}
