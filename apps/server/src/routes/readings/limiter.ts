import { MAX_READINGS_PER_BATCH } from '@floodnet/domain';
import { RateLimited } from '../../errors.js';

/**
 * A token bucket per sender that counts readings, not requests: a burst of five seconds' worth
 * (at least one full batch, if the minute allows one) may arrive at once, then readings flow at the configured rate. A
 * request the bucket cannot cover is refused whole (429 with `Retry-After`), nothing taken.
 */
export class ReadingBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  private readonly burst: number;

  constructor(
    private readonly perMinute: number,
    private readonly maxTracked = 10_000,
  ) {
    this.burst = Math.max(perMinute / 12, Math.min(perMinute, MAX_READINGS_PER_BATCH));
  }

  take(sender: string, readings: number, nowMs: number): void {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(sender) ?? { tokens: this.burst, at: nowMs };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (nowMs - bucket.at) * perMs);
    bucket.at = nowMs;
    this.buckets.delete(sender);
    this.buckets.set(sender, bucket);
    if (this.buckets.size > this.maxTracked) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (readings <= bucket.tokens) {
      bucket.tokens -= readings;
      return;
    }
    const waitSec = Math.max(
      1,
      Math.ceil((Math.min(readings, this.burst) - bucket.tokens) / perMs / 1000),
    );
    throw Object.assign(
      new RateLimited(`${waitSec} s (${this.perMinute} readings per minute for this sender)`),
      { retryAfter: waitSec },
    );
  }
}
