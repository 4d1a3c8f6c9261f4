/**
 * When a stream's next frame may go out: batching by what a send costs, not by how often the
 * log commits.
 *
 * A frame costs the event loop about the same whatever it carries — one write per socket of the
 * room, the kernel's loopback or network work included (≈ 20 µs a socket here, Socket.IO and a
 * bare `ws` alike) — so what batching saves is frames, and it only needs to save them when
 * sending would crowd out everything else. The rule: after a frame that cost `d` ms, the next
 * one waits `d` ms more, never longer than `maxWaitMs`. Sending then takes at most half the
 * server's time while a frame costs less than `maxWaitMs`, and a quiet or small room — a 200/s
 * trickle to 300 screens costs ≈ 6 ms a frame, less than the gap between commits — is sent each
 * commit at once: batching costs nothing when the server is idle.
 *
 * Times are milliseconds from any one monotonic clock (the hub uses `performance.now()`). The
 * cost is the process's own CPU time for the send where it is less than the wall time (see
 * `sendCostMs`): a machine busy with other work stretches a send's wall time, and waiting
 * longer would only delay screens without giving the CPU back any sooner.
 */
export class SendPacer {
  private readyAt = -Infinity;

  constructor(private readonly maxWaitMs: number) {}

  /** How long from `now` until the next frame may go out; 0 means at once. */
  waitMs(now: number): number {
    return Math.max(0, this.readyAt - now);
  }

  /** A frame was sent, done at `endedAt`, at a cost of `costMs`. */
  sent(endedAt: number, costMs: number): void {
    this.readyAt = endedAt + Math.min(Math.max(0, costMs), this.maxWaitMs);
  }
}

/**
 * What a send cost, ms: the process's CPU time over it (the kernel's socket writes included),
 * capped by its wall time — `process.cpuUsage` counts every thread, and another thread (a WAL
 * checkpoint, the garbage collector's helpers) may have worked meanwhile.
 */
export function sendCostMs(
  wallMs: number,
  cpuBefore: NodeJS.CpuUsage,
  cpuAfter: NodeJS.CpuUsage,
): number {
  const cpuMs = (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000;
  return Math.min(wallMs, cpuMs);
}
