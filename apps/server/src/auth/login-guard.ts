/**
 * Slows password guessing per ACCOUNT, not per address: a whole command room behind one NAT
 * signs in at shift change, while one account under attack is locked for a doubling time.
 */
export class LoginGuard {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly failuresBeforeLock: number,
    private readonly lockSec: number,
    private readonly maxLockSec = 15 * 60,
    // Bounded, so random usernames cannot grow the map without end.
    private readonly maxTracked = 10_000,
  ) {}

  /** Seconds until the account may try again, or 0. */
  retryAfterSec(username: string, nowMs: number): number {
    const entry = this.failures.get(username);
    if (!entry || entry.lockedUntil <= nowMs) return 0;
    return Math.ceil((entry.lockedUntil - nowMs) / 1000);
  }

  failed(username: string, nowMs: number): void {
    const entry = this.failures.get(username) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    const over = entry.count - this.failuresBeforeLock;
    if (over >= 0) {
      const lockSec = Math.min(this.lockSec * 2 ** over, this.maxLockSec);
      entry.lockedUntil = nowMs + lockSec * 1000;
    }
    this.failures.delete(username);
    this.failures.set(username, entry);
    if (this.failures.size > this.maxTracked) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}
