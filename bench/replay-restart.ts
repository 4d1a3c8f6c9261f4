// Replay's restart figures: a floodnet server started on a copy of the replay benchmark's
// SQLite log (the whole In-Fa log in `live`, snapshots every 10,000 events, as a server that had
// been running would leave it), timed until it answers GET /api/v1/state; then 1,000 screens
// follow it and its RSS is read (the `server` section of latest.json).
import { startClients } from './fanout-clients';
import { startServer } from './support/server-process';
import { progress } from './support/table';

export const RESTART_SCREENS = 1000;

export interface RestartFigures {
  /** buildApp → listening → the first GET /api/v1/state answered, ms. */
  restartMs: number;
  bootMs: number;
  firstStateMs: number;
  stateKb: number;
}

export interface ServerFigures {
  /** RSS after GC with the log open and RESTART_SCREENS screens following `live`, MB. */
  rssMb: number;
  heapMb: number;
  /** RSS after GC before any screen connected, MB. */
  rssMbNoScreens: number;
  events: number;
  screens: number;
}

export async function measureRestart(
  logFile: string,
  events: number,
): Promise<{ restart: RestartFigures; server: ServerFigures }> {
  progress(`replay: restarting a server on the ${events.toLocaleString('en-US')}-event log`);
  const server = await startServer({}, null, { seedLogFile: logFile });
  const clients = startClients();
  try {
    const { url, viewerToken, bootMs } = server.started;
    const asked = performance.now();
    const answer = await fetch(`${url}/api/v1/state`, {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    const body = await answer.arrayBuffer();
    const firstStateMs = performance.now() - asked;
    if (!answer.ok) throw new Error(`GET /api/v1/state answered ${answer.status}`);
    const empty = await server.usage(true);
    if (empty.seq < events) throw new Error(`the restarted server is at seq ${empty.seq}`);

    progress(`replay: ${RESTART_SCREENS} screens following the restarted server`);
    await clients.request('connect', {
      kind: 'socket.io',
      url,
      token: viewerToken,
      count: RESTART_SCREENS,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const full = await server.usage(true);
    await clients.request('close');
    return {
      restart: {
        restartMs: bootMs + firstStateMs,
        bootMs,
        firstStateMs,
        stateKb: body.byteLength / 1024,
      },
      server: {
        rssMb: full.memory.rss / 2 ** 20,
        heapMb: full.memory.heapUsed / 2 ** 20,
        rssMbNoScreens: empty.memory.rss / 2 ** 20,
        events: empty.seq,
        screens: full.clients,
      },
    };
  } finally {
    await clients.stop();
    await server.stop();
  }
}
