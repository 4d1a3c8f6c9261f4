// The phones of the notices benchmark, in a process of their own: 256 compound pages and 29
// squad pages, each a Socket.IO client with its own bound account that marks a notice delivered
// the moment its stream brings it (as the browser does), and later sends its compound's report.
// In the server's process they would take a third of its CPU from the server they measure.
import { io, type Socket } from 'socket.io-client';
import type { EventEnvelope } from '@floodnet/domain';
import { forkChild, serveRequests, type Child } from './support/children';

export interface Page {
  unitId: string;
  token: string;
  /** Compound pages send a report in the report window; squads do not. */
  compound: boolean;
}

/** Times are wall-clock epoch ms at sub-ms resolution, comparable across processes. */
export const wallNow = () => performance.timeOrigin + performance.now();

export interface Deliveries {
  /** When each page had the notice (before it said so to the server). */
  received: number[];
  /** When each page's delivery was acknowledged (committed). */
  delivered: number[];
}

/** `profile`: a name under bench/.cache/profiles/ for the pages' CPU profile (`--cpu-prof`). */
export function startPages(profile: string | null = null): Child {
  return forkChild(new URL(import.meta.url), { cpuProfile: profile });
}

async function post(url: string, path: string, token: string, body: unknown): Promise<number> {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

if (process.send) {
  const sockets: Socket[] = [];
  let url = '';
  let pages: Page[] = [];
  const deliveries: Deliveries = { received: [], delivered: [] };

  const open = (page: Page) =>
    new Promise<void>((resolve, reject) => {
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token: page.token },
        forceNew: true,
        reconnection: false,
      });
      socket.on('events', (events: EventEnvelope[]) => {
        for (const event of events) {
          if (event.type !== 'notice.issued' || !event.data.recipients.includes(page.unitId))
            continue;
          deliveries.received.push(wallNow());
          const path = `/api/v1/notices/${event.data.noticeId}/delivered`;
          void post(url, path, page.token, {}).then(
            (status) => status === 200 && deliveries.delivered.push(wallNow()),
          );
        }
      });
      socket.once('snapshot', () => resolve());
      socket.once('connect_error', reject);
      sockets.push(socket);
    });

  serveRequests(
    {
      async connect(request: { url: string; pages: Page[] }) {
        url = request.url;
        pages = request.pages;
        for (let i = 0; i < pages.length; i += 50)
          await Promise.all(pages.slice(i, i + 50).map(open));
        return { pages: sockets.length };
      },
      async deliveries(request: { count: number; timeoutMs: number }) {
        const deadline = performance.now() + request.timeoutMs;
        while (deliveries.delivered.length < request.count && performance.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        return deliveries;
      },
      /** Every compound reports once, spread evenly over the window; returns when each was sent. */
      async report(request: { windowMs: number }) {
        const compounds = pages.filter((page) => page.compound);
        const sent: Record<string, number> = {};
        await Promise.all(
          compounds.map(
            (page, i) =>
              new Promise<void>((resolve) =>
                setTimeout(
                  () => {
                    sent[page.unitId] = wallNow();
                    void post(url, '/api/v1/compound-reports', page.token, {
                      kind: 'water-depth',
                      depthCm: 5 + (i % 40),
                      where: 'garage',
                    }).then(() => resolve());
                  },
                  (i / compounds.length) * request.windowMs,
                ),
              ),
          ),
        );
        return sent;
      },
    },
    async () => {
      for (const socket of sockets) socket.close();
    },
  );
}
