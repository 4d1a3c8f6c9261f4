/**
 * When a stream's next frame may go out: batching by what a send costs, not by how often the
 * log commits.
 *
 * A frame costs the event loop about the same whatever it carries — one write per socket of the
 * room, the kernel's loopback or network work included (≈ 20 µs a socket here, Socket.IO and a
 * bare `ws` alike) — so what batching saves is frames, and it only needs to save them when
 * sending would crowd out everything else. The rule: after a frame that held the loop for `d`
 * ms, the next one waits `d` ms more, never longer than `maxWaitMs`. Sending then takes at most
 * half the loop while a frame costs less than `maxWaitMs`, and a quiet or small room — a 200/s
 * trickle to 300 screens costs ≈ 6 ms a frame, less than the gap between commits — is sent each
 * commit at once: batching costs nothing when the server is idle.
 *
 * Times are milliseconds from any one monotonic clock (the hub uses `performance.now()`).
 */
export class SendPacer {
  private readyAt = -Infinity;

  constructor(private readonly maxWaitMs: number) {}

  /** How long from `now` until the next frame may go out; 0 means at once. */
  waitMs(now: number): number {
    return Math.max(0, this.readyAt - now);
  }

  /** A frame was sent: it held the event loop from `startedAt` to `endedAt`. */
  sent(startedAt: number, endedAt: number): void {
    const cost = Math.max(0, endedAt - startedAt);
    this.readyAt = endedAt + Math.min(cost, this.maxWaitMs);
  }
}
