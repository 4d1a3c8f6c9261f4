// The raw baseline of the fan-out benchmark: a bare `ws` server that makes the same envelopes
// at the same rate and broadcasts them as floodnet's hub does — a JSON array per stream,
// serialised once for every client, paced by the hub's own rule (`SendPacer`: at once, unless
// the last frame's cost says wait, at most `batchMs`).
import type { AddressInfo } from 'node:net';
import { SendPacer, sendCostMs } from '@floodnet/server';
import { WebSocketServer, type WebSocket } from 'ws';
import { fanoutId } from './fanout-clients';
import { forkChild, serveRequests, type Child } from './support/children';
import { inFaReadings, StormFeed } from './support/in-fa-readings';

export interface RawRun {
  eventsPerSec: number;
  seconds: number;
  batchMs: number;
}

export function startRawServer(): Child {
  return forkChild(new URL(import.meta.url));
}

const wallNow = () => performance.timeOrigin + performance.now();

if (process.send && process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  let server: WebSocketServer | null = null;
  const clients = new Set<WebSocket>();
  serveRequests(
    {
      async start() {
        server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
        server.on('connection', (ws) => {
          clients.add(ws);
          ws.on('close', () => clients.delete(ws));
        });
        await new Promise((resolve) => server!.once('listening', resolve));
        return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}` };
      },
      async run({ eventsPerSec, seconds, batchMs }: RawRun) {
        const feed = new StormFeed(inFaReadings());
        let buffer: object[] = [];
        let frameDue = false;
        let seq = 0;
        let n = 0;
        const pacer = new SendPacer(batchMs);
        const flush = () => {
          frameDue = false;
          const startedAt = performance.now();
          const cpuBefore = process.cpuUsage();
          const frame = JSON.stringify(buffer);
          buffer = [];
          for (const ws of clients) ws.send(frame);
          const endedAt = performance.now();
          pacer.sent(endedAt, sendCostMs(endedAt - startedAt, cpuBefore, process.cpuUsage()));
        };
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        await new Promise<void>((resolve) => {
          const tick = setInterval(() => {
            const elapsed = performance.now() - started;
            const due = Math.floor((Math.min(elapsed, seconds * 1000) * eventsPerSec) / 1000) - n;
            if (due > 0) {
              const sentAt = wallNow();
              for (const reading of feed.next(due, () => fanoutId(sentAt, n++))) {
                seq += 1;
                const { id, sensorId, at, value } = reading;
                const data = { sensorId, value };
                buffer.push({ seq, stream: 'live', id, type: 'reading.recorded', at, data });
              }
              if (!frameDue) {
                frameDue = true;
                const wait = pacer.waitMs(performance.now());
                if (wait === 0) setImmediate(flush);
                else setTimeout(flush, wait);
              }
            }
            if (elapsed >= seconds * 1000) {
              clearInterval(tick);
              resolve();
            }
          }, 20);
        });
        const cpu = process.cpuUsage(cpuBefore);
        const wallMs = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, batchMs + 500));
        return { cpuCores: (cpu.user + cpu.system) / 1000 / wallMs, events: seq };
      },
    },
    async () => {
      for (const ws of clients) ws.terminate();
      server?.close();
    },
  );
}
