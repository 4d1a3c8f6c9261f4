// @vitest-environment node
import type { Asset } from '@floodnet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../../e2e/harness';
import { connectLive, type LiveConnection } from '../live/socket-client';
import { pictureOf } from '../live/payloads';
import { useStore } from '../store/store';
import { followStream } from '../store/stream-actions';
import {
  assignSquad,
  createApiKey,
  createUser,
  reportIncident,
  resolveIncident,
  setResponseLevel,
  signIn,
} from './commands';
import { ANSWERS, type AnswerName } from './answers';
import { driveClock, fetchMarks, fetchReport, forkDrill, getDrill, listDrills } from './drills';
import { checkAnswer } from './check';
import { ApiError, request, setApiBase } from './http';

// The web app's own API functions against the real server (SQLite in a temp folder, port 0):
// every answer the server gives passes the web's checkers, generated from the same schemas, and
// the socket's snapshot, events and refusals go through the same boundary.

const PASSWORD = 'answers-int-pass';
const SERVER_ENTRY = '@floodnet/server';
let server: Running;
let live: LiveConnection | null = null;
const seen = new Set<AnswerName>();
/** The catalogue as the live picture has it, for the drill's log. */
let catalogue: Asset[] = [];

async function eventually(test: () => boolean, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function signInAs(username: string) {
  const session = await signIn(username, PASSWORD);
  seen.add('Session');
  useStore.setState({ session: { token: session.token, role: session.role, username } });
  return session;
}

beforeAll(async () => {
  server = await startServer({ adminPassword: PASSWORD });
  setApiBase(server.url);
}, 120_000);

afterAll(async () => {
  live?.stop();
  await server?.stop();
});

describe(
  'the answers of a live server, through the web app’s checkers',
  { timeout: 60_000 },
  () => {
    it('takes sign-in, base map, configuration, accounts and keys', async () => {
      await signInAs('admin');
      await request('GET', '/api/v1/geography', 'Geography');
      await request('GET', '/api/v1/config', 'ClientConfig');
      expect((await createUser('cmdr', PASSWORD, 'commander')).role).toBe('commander');
      expect((await createApiKey('徐汇 雨量站网')).key).toMatch(/.{16,}/);
      seen.add('Geography').add('ClientConfig').add('UserCreated').add('KeyIssued');
    });

    it('takes the picture and the command answers, and a refusal as a coded ApiError', async () => {
      await signInAs('cmdr');
      const snapshot = pictureOf(await request('GET', '/api/v1/state', 'StreamState'));
      seen.add('StreamState');
      catalogue = Object.values(snapshot.state.assets);
      const squad = Object.values(snapshot.state.assets).find(
        (asset: Asset) => asset.kind === 'specialist-squad',
      );
      expect(squad).toBeDefined();
      const created = await reportIncident({
        kind: 'waterlogging',
        location: { lat: 31.19, lng: 121.44 },
        description: '积水 30 cm',
      });
      seen.add('Created');
      expect((await assignSquad(created.id, squad!.id)).seq).toBeGreaterThan(created.seq);
      await resolveIncident(created.id);
      await setResponseLevel('IV');
      seen.add('CommandAck');
      const refused = await assignSquad('inc-none', squad!.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ status: 404, code: 'UNKNOWN_INCIDENT' });
      seen.add('Error');
    });

    it('folds the socket’s snapshot and events, and signs out on a coded refusal', async () => {
      const { session } = useStore.getState();
      live = connectLive({ token: session!.token });
      await eventually(() => useStore.getState().picture.state !== null, 'the snapshot');
      seen.add('StreamState').add('EventBatch');
      const before = useStore.getState().picture.state!.seq;
      await setResponseLevel('III');
      await eventually(() => useStore.getState().picture.state!.seq > before, 'the events');
      expect(useStore.getState().picture.state!.responseLevel).toBe('III');
      expect(useStore.getState().ui.notice).toBeNull();
      live.stop();

      // A token the server does not know: connect_error carries `data.code` UNAUTHORIZED.
      live = connectLive({ token: 'not-a-token' });
      await eventually(() => useStore.getState().session === null, 'the sign-out');
      seen.add('SocketRefusal');
      live.stop();
      live = null;
    });

    it('takes every drill answer: import, list, clock, fork, marks, report', async () => {
      const { token } = await signInAs('cmdr');
      const log = drillLog(catalogue);
      const response = await fetch(`${server.url}/api/v1/drills?name=answers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: log,
      });
      const drill = checkAnswer('Drill', await response.json(), 'POST /api/v1/drills', 201);
      expect((await listDrills()).map((each) => each.id)).toContain(drill.id);
      expect((await getDrill(drill.id)).stream).toBe(drill.stream);
      seen.add('Drill').add('DrillList');
      const clock = await driveClock(drill.id, { action: 'seek', at: '2021-07-25T12:10:00+08:00' });
      expect(clock.at).toMatch(/^2021-07-25T12:10:00/);
      seen.add('Clock');
      const fork = await forkDrill(drill.id, 'shift B');
      expect(fork.kind).toBe('fork');
      expect((await fetchMarks(drill.id)).incidents).toHaveLength(1);
      seen.add('Marks');
      useStore.setState((store) => ({ picture: { ...store.picture, stream: fork.stream } }));
      const report = await fetchReport(fork.stream);
      expect(report.summary.incidents).toBe(1);
      seen.add('Report');
    });

    it('follows a drill over the socket and is told, by code, when it is gone', async () => {
      const { session } = useStore.getState();
      live = connectLive({ token: session!.token });
      await eventually(() => useStore.getState().connection.status === 'live', 'the socket');
      followStream('drill:no-such-drill');
      seen.add('FollowAck');
      await eventually(() => useStore.getState().drills.following === 'live', 'back to live');
      expect(useStore.getState().ui.notice).toMatch(/演练已不存在|no longer exists/);
    });

    it('checks each HTTP answer with the very schema object the server’s route answers with', async () => {
      const server = (await import(/* @vite-ignore */ SERVER_ENTRY)) as {
        contractNameOf(schema: object): string | undefined;
      };
      // Answered as JSON objects by the routes (`ref`); the socket's payloads, the pre-rendered
      // StreamState and Geography strings and the per-route error enums are not serialised by a
      // route schema, so they are not in this list.
      const byRoute: AnswerName[] = [
        'Session',
        'ClientConfig',
        'CommandAck',
        'Created',
        'UserCreated',
        'KeyIssued',
        'NoticeIssued',
        'Drill',
        'DrillList',
        'Clock',
        'Marks',
        'Report',
      ];
      for (const name of byRoute) expect(server.contractNameOf(ANSWERS[name]), name).toBe(name);
    });

    it('has met every answer the web app checks but the notice board’s', () => {
      const untried: AnswerName[] = ['NoticeIssued'];
      expect([...seen, ...untried].sort()).toEqual(Object.keys(ANSWERS).sort());
    });
  },
);

/** A small drill log: the catalogue, then one incident. */
function drillLog(assets: Asset[]): string {
  const at = (minute: number) => `2021-07-25T12:${String(minute).padStart(2, '0')}:00+08:00`;
  const lines: object[] = [
    { type: 'assets.registered', at: at(0), data: { assets } },
    {
      type: 'incident.reported',
      at: at(10),
      data: {
        incidentId: 'inc-1',
        kind: 'waterlogging',
        location: { lat: 31.19, lng: 121.44 },
        pointId: null,
        description: '积水',
        by: { name: 'duty', role: 'duty' },
      },
    },
  ];
  return lines
    .map((line, index) =>
      JSON.stringify({ seq: index + 1, stream: 'live', id: `evt-${index + 1}`, ...line }),
    )
    .join('\n')
    .concat('\n');
}
