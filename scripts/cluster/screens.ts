// Test support for the cluster tests: screens and clients talking to the cluster through nginx.
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  decodeSnapshot,
  evolve,
  type EventEnvelope,
  type State,
  type WireSnapshot,
} from '@floodnet/domain';

/**
 * A screen as the web app keeps it: a snapshot, then every event folded exactly once; when its
 * replica goes, it reconnects through the proxy with `afterSeq` and carries on.
 */
export interface Screen {
  state: State | null;
  gaps: number;
  duplicates: number;
  connects: number;
  /** The messages around each repeat or gap, as `snapshot@seq` / `events first-last at seq`. */
  trace: string[];
  close(): void;
}

export function openScreen(proxyUrl: string, token: string): Screen {
  const screen: Screen = {
    state: null,
    gaps: 0,
    duplicates: 0,
    connects: 0,
    trace: [],
    close: () => {},
  };
  const recent: string[] = [];
  const note = (what: string) => {
    recent.push(what);
    if (recent.length > 6) recent.shift();
  };
  const odd = () => void screen.trace.push(recent.join(' | '));
  const socket: Socket = io(proxyUrl, {
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    forceNew: true,
    // Asked again at every reconnection: resume after what this screen already holds.
    auth: (callback) =>
      callback({ token, stream: 'live', ...(screen.state ? { afterSeq: screen.state.seq } : {}) }),
  });
  socket.on('connect', () => {
    screen.connects += 1;
    note(`connect at ${screen.state?.seq ?? '-'}`);
  });
  socket.on('snapshot', (snapshot: WireSnapshot) => {
    screen.state = decodeSnapshot(snapshot).state;
    note(`snapshot@${screen.state.seq}`);
  });
  socket.on('events', (batch: EventEnvelope[]) => {
    const seqs = batch.map((event) => event.seq);
    const contiguous = seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1);
    const range = contiguous ? `${seqs[0]}-${seqs[seqs.length - 1]}` : `[${seqs.join(',')}]`;
    note(`events ${range} at ${screen.state?.seq}`);
    for (const event of batch) {
      const state = screen.state;
      if (!state) throw new Error('events before any picture');
      if (event.seq <= state.seq) {
        if (screen.duplicates === 0) odd();
        screen.duplicates += 1;
      } else if (event.seq !== state.seq + 1) {
        odd();
        screen.gaps += 1;
      } else evolve(state, event);
    }
  });
  screen.close = () => void socket.close();
  return screen;
}

export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function request(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> & { error?: { code: string } } }> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: { text } };
  }
}

/** The live stream as PostgreSQL holds it: seqs and ids, in order. */
export async function storedLive(url: string): Promise<{ seq: number; id: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string; id: string }>(
      `SELECT seq, id FROM events WHERE stream = 'live' ORDER BY seq`,
    );
    return rows.map((row) => ({ seq: Number(row.seq), id: row.id }));
  } finally {
    await client.end();
  }
}

/** The OS pid of the replica holding a lease, from the lease session's application_name. */
export async function leaseHolder(url: string, name: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ application_name: string }>(
      `SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE $1`,
      [`floodnet lease ${name} pid %`],
    );
    const match = /pid (\d+)$/.exec(rows[0]?.application_name ?? '');
    return match ? Number(match[1]) : null;
  } finally {
    await client.end();
  }
}
