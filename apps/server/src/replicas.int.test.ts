import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHash, toShanghaiIso, type EventEnvelope, type State } from '@floodnet/domain';
import { startLocalPostgres, type LocalPostgres } from '@floodnet/log';
import {
  call,
  catalogue,
  collectEvents,
  connect,
  connected,
  removeDir,
  startServer,
  T0,
  tokenFor,
  type Running,
} from './test-support.js';

const { squad, waterlogging } = catalogue();

let postgres: LocalPostgres;
let replicas: Running[] = [];
let shared: string;

// Three replicas of floodnet on one PostgreSQL, as behind a proxy. They share one data folder
// for accounts and the token secret, as replicas on one host (or one volume) do.
beforeAll(async () => {
  postgres = await startLocalPostgres();
  shared = mkdtempSync(join(tmpdir(), 'floodnet-replicas-'));
  // One after the other: the first registers the catalogue, the others find it in the log.
  for (let i = 0; i < 3; i += 1) {
    replicas.push(await startServer({ databaseUrl: postgres.url }, shared));
  }
}, 60_000);
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.close()));
  replicas = [];
  await postgres?.remove();
  removeDir(shared);
});

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const liveOf = (replica: Running): State => replica.app.engine.live.state;
const sameSeq = () => new Set(replicas.map((replica) => liveOf(replica).seq)).size === 1;

describe('three replicas on one PostgreSQL log', () => {
  it('registered the catalogue and the plans once, and every replica holds them', () => {
    const seqs = replicas.map((replica) => liveOf(replica).seq);
    // seq 1 the catalogue, seq 2 the plans file: registered by one replica, seen by all three.
    expect(seqs).toEqual([2, 2, 2]);
    expect(Object.keys(liveOf(replicas[2]!).assets)).toHaveLength(catalogue().assets.length);
  });

  it('runs the timers on exactly one of them', async () => {
    const holders = () => replicas.filter((replica) => replica.app.engine.holdsTimers());
    await until(() => holders().length === 1, 'a lease holder');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the others kept asking
    expect(holders()).toHaveLength(1);
  });

  it('gives one of twenty racing assignments of a squad, spread over the replicas, the squad', async () => {
    const [first, , third] = replicas as [Running, Running, Running];
    const commander = tokenFor(first.app, 'commander');
    const viewer = tokenFor(third.app, 'viewer');
    // a screen on the third replica
    const socket = connect(third.url, { token: viewer, stream: 'live' });
    const screen = collectEvents(socket);
    await connected(socket);

    // given an incident reported on the first replica
    const reported = await call<{ id: string }>(first.url, 'POST', '/api/v1/incidents', {
      token: commander,
      body: {
        kind: 'waterlogging',
        location: { lat: waterlogging.lat, lng: waterlogging.lng },
        pointId: waterlogging.id,
        description: '路口积水',
      },
    });
    expect(reported.status).toBe(201);
    const incident = reported.body.id;
    await until(() => replicas.every((r) => liveOf(r).incidents[incident] !== undefined), 'all');

    // when twenty commanders assign the same squad at once, through all three replicas
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(replicas[i % 3]!.url, 'POST', `/api/v1/incidents/${incident}/assign`, {
          token: commander,
          body: { squadId: squad.id },
        }),
      ),
    );

    // then exactly one succeeds and nineteen are told the squad is not free
    const won = answers.filter((answer) => answer.status < 300);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect(new Set(refused.map((answer) => answer.body.error?.code))).toEqual(
      new Set(['SQUAD_NOT_FREE']),
    );
    // and all three end with one picture, which the third replica's screen was sent
    await until(sameSeq, 'the replicas to agree');
    const hashes = replicas.map((replica) => stateHash(liveOf(replica)));
    expect(new Set(hashes).size).toBe(1);
    const assigned = (events: EventEnvelope[]) => events.filter((e) => e.type === 'squad.assigned');
    await screen.until((events) => assigned(events).length === 1);
    expect(liveOf(third).units[squad.id]?.status).not.toBe('standby');
    socket.close();
  });

  it('keeps readings sent to any replica exactly once, duplicates across replicas included', async () => {
    const key = replicas[0]!.app.auth.issueKey('gauges');
    const readings = Array.from({ length: 30 }, (_, i) => ({
      id: `rep-${i}`,
      sensorId: waterlogging.id,
      at: toShanghaiIso(T0 - (30 - i) * 60_000),
      value: 5 + (i % 10),
    }));
    // the same batch posted to every replica at once (a gauge retrying through the proxy)
    const answers = await Promise.all(
      replicas.map((replica) =>
        call(replica.url, 'POST', '/api/v1/readings', { token: key, body: { readings } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    await until(sameSeq, 'the replicas to agree');
    const stored = replicas[1]!.app.eventLog
      .readAfter('live', 0)
      .filter((event) => event.type === 'reading.recorded' && event.id.startsWith('rep-'));
    expect(stored.map((event) => event.id).sort()).toEqual(readings.map((r) => r.id).sort());
    expect(new Set(replicas.map((replica) => stateHash(liveOf(replica)))).size).toBe(1);
  });
});
