/**
 * Slows password guessing per ACCOUNT AND ADDRESS. Failures from one address lock only that
 * address out of that account, for a doubling time: an attacker guessing from anywhere cannot
 * lock the duty officer out from the command room, and a whole room behind one NAT address is
 * still not slowed by one colleague's typo on another account.
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

  private static key(username: string, address: string): string {
    return `${address}\n${username}`;
  }

  /** Seconds until this address may try this account again, or 0. */
  retryAfterSec(username: string, address: string, nowMs: number): number {
    const entry = this.failures.get(LoginGuard.key(username, address));
    if (!entry || entry.lockedUntil <= nowMs) return 0;
    return Math.ceil((entry.lockedUntil - nowMs) / 1000);
  }

  failed(username: string, address: string, nowMs: number): void {
    const key = LoginGuard.key(username, address);
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    const over = entry.count - this.failuresBeforeLock;
    if (over >= 0) {
      const lockSec = Math.min(this.lockSec * 2 ** over, this.maxLockSec);
      entry.lockedUntil = nowMs + lockSec * 1000;
    }
    this.failures.delete(key);
    this.failures.set(key, entry);
    if (this.failures.size > this.maxTracked) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  succeeded(username: string, address: string): void {
    this.failures.delete(LoginGuard.key(username, address));
  }
}
