// What the hub itself reports about its frames over a window, read from the server's /metrics
// (`floodnet_hub_frame_wait_seconds`, `floodnet_hub_frame_send_seconds`): how long a frame's
// oldest event waited after its commit, and how long a frame held the event loop. Measured inside
// the server, so it separates what pacing adds from what the clients and the machine add.

export interface HubFrames {
  /** Frames sent in the window (all streams). */
  frames: number;
  waitP50Ms: number;
  waitP99Ms: number;
  sendP50Ms: number;
  sendP99Ms: number;
}

/** Cumulative bucket counts by upper bound (seconds), per histogram. */
type Histograms = Map<string, Map<number, number>>;

const WAIT = 'floodnet_hub_frame_wait_seconds';
const SEND = 'floodnet_hub_frame_send_seconds';

export async function scrapeHubFrames(url: string): Promise<Histograms> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const histograms: Histograms = new Map();
  for (const line of text.split('\n')) {
    const match = /^(floodnet_hub_frame_\w+_seconds)_bucket\{le="([^"]+)"\} (\d+)/.exec(line);
    if (!match) continue;
    const [, name, le, count] = match as unknown as [string, string, string, string];
    let buckets = histograms.get(name);
    if (!buckets) histograms.set(name, (buckets = new Map()));
    buckets.set(le === '+Inf' ? Infinity : Number(le), Number(count));
  }
  return histograms;
}

export function hubFramesBetween(before: Histograms, after: Histograms): HubFrames {
  const wait = delta(before.get(WAIT), after.get(WAIT));
  const send = delta(before.get(SEND), after.get(SEND));
  return {
    frames: wait.at(-1)?.[1] ?? 0,
    waitP50Ms: quantileMs(wait, 0.5),
    waitP99Ms: quantileMs(wait, 0.99),
    sendP50Ms: quantileMs(send, 0.5),
    sendP99Ms: quantileMs(send, 0.99),
  };
}

function delta(before = new Map<number, number>(), after = new Map<number, number>()) {
  return [...after]
    .map(([le, count]): [number, number] => [le, count - (before.get(le) ?? 0)])
    .sort((a, b) => a[0] - b[0]);
}

/** As Prometheus' histogram_quantile: linear within the bucket that holds the rank. */
function quantileMs(buckets: [number, number][], q: number): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return 0;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [le, count] of buckets) {
    if (count >= rank) {
      if (le === Infinity) return lower * 1000;
      return (lower + ((le - lower) * (rank - below)) / Math.max(1, count - below)) * 1000;
    }
    lower = le;
    below = count;
  }
  return lower * 1000;
}
