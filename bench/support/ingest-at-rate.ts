// The fan-out benchmark's ingest driver: the storm's readings posted at a steady rate.
import { fanoutId } from '../fanout-clients';
import type { StormFeed } from './in-fa-readings';
import { wallNow } from './server-process';
import { summarise } from './stats';

/** The ingest driver posts what is due every this many ms. */
const TICK_MS = 20;

export interface IngestRun {
  readings: number;
  seconds: number;
  ackP99Ms: number;
}

/**
 * Posts the storm's readings at a steady rate: every TICK_MS, what is due, in one request, each
 * reading's id carrying the send time. Requests are not awaited one by one (a gauge network
 * does not wait for another's acknowledgement), so a slow answer never slows the offered rate.
 */
export async function ingestAtRate(
  server: { url: string; apiKey?: string },
  feed: StormFeed,
  seconds: number,
  eventsPerSec: number,
): Promise<IngestRun> {
  const url = `${server.url}/api/v1/readings`;
  const headers = {
    authorization: `Bearer ${server.apiKey ?? ''}`,
    'content-type': 'application/json',
  };
  const acks: number[] = [];
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let failure: Error | null = null;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.floor((Math.min(elapsed, seconds * 1000) * eventsPerSec) / 1000) - sent;
      if (due > 0) {
        const sentAt = wallNow();
        const body = JSON.stringify({ readings: feed.next(due, () => fanoutId(sentAt, sent++)) });
        const request = fetch(url, { method: 'POST', headers, body })
          .then(async (response) => {
            await response.arrayBuffer();
            if (response.status !== 202) throw new Error(`ingest answered ${response.status}`);
            acks.push(wallNow() - sentAt);
          })
          .catch((error: Error) => void (failure ??= error))
          .finally(() => pending.delete(request));
        pending.add(request);
      }
      if (elapsed >= seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(pending);
  if (failure) throw failure;
  return {
    readings: sent,
    seconds: (performance.now() - started) / 1000,
    ackP99Ms: summarise(acks).p99,
  };
}
