/** The q-quantile (0..1) of already sorted numbers, nearest-rank; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Latencies from millions of deliveries, kept in fixed 0.1 ms bins up to 30 s so recording one
 * costs an increment (the client process must not spend its CPU on bookkeeping).
 */
export class LatencyHistogram {
  static readonly BIN_MS = 0.1;
  static readonly BINS = 300_000;
  readonly bins = new Uint32Array(LatencyHistogram.BINS + 1);
  count = 0;
  max = 0;

  record(ms: number): void {
    const bin = Math.min(
      LatencyHistogram.BINS,
      Math.max(0, Math.floor(ms / LatencyHistogram.BIN_MS)),
    );
    this.bins[bin]! += 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.bins.fill(0);
    this.count = 0;
    this.max = 0;
  }

  /** Upper edge of the bin holding the q-quantile, in ms. */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let bin = 0; bin < this.bins.length; bin += 1) {
      seen += this.bins[bin]!;
      if (seen >= target) return (bin + 1) * LatencyHistogram.BIN_MS;
    }
    return this.max;
  }
}

/** A seeded PRNG (mulberry32), so random seek times are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
