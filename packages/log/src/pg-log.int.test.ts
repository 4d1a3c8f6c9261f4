import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@floodnet/domain';
import { freshDatabase } from './conformance/pg-databases';
import { SeqConflictError } from './errors';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';
import { openPgLog, type PgEventLog } from './pg-log';
import { positionReport } from './test-scenario';

let server: LocalPostgres;
beforeAll(async () => {
  server = await startLocalPostgres();
}, 60_000);
afterAll(async () => {
  await server?.remove();
});

const opened: PgEventLog[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
});

async function replica(url: string): Promise<PgEventLog> {
  const log = await openPgLog({ url, pollMs: 200 });
  opened.push(log);
  return log;
}

/** Appends one event, catching up and trying again when another replica took the seq. */
async function appendWinning(log: PgEventLog, id: string, minute: number): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await log.append('live', [positionReport(minute, id)]);
      return attempt;
    } catch (error) {
      if (!(error instanceof SeqConflictError) || attempt > 200) throw error;
    }
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('two replicas on one database', () => {
  it('give each seq to exactly one of two racing appends, and the loser learns of it', async () => {
    const url = await freshDatabase(server.url);
    const [a, b] = [await replica(url), await replica(url)];
    // given both replicas believe seq 1 is free
    const results = await Promise.allSettled([
      a.append('live', [positionReport(1, 'from-a')]),
      b.append('live', [positionReport(1, 'from-b')]),
    ]);
    // then one commits seq 1 and the other is told of the conflict, already caught up
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(SeqConflictError);
    const loser = results[0]!.status === 'rejected' ? a : b;
    expect(loser.readAfter('live', 0).map((e) => e.seq)).toEqual([1]);
    expect(loser.lastSeq('live')).toBe(1);
  });

  it('append concurrently with no gap and no duplicate, and both mirrors end identical', async () => {
    const url = await freshDatabase(server.url);
    const [a, b] = [await replica(url), await replica(url)];
    const heard: EventEnvelope[] = [];
    b.follow((stream, events) => stream === 'live' && heard.push(...events));
    const ids = (name: string) => Array.from({ length: 60 }, (_, i) => `${name}-${i}`);
    const attempts = await Promise.all([
      ...ids('a').map((id, i) => appendWinning(a, id, i)),
      ...ids('b').map((id, i) => appendWinning(b, id, i)),
    ]);
    expect(attempts.some((n) => n > 0)).toBe(true); // they did collide

    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query<{ seq: string; id: string }>(
      `SELECT seq, id FROM events WHERE stream = 'live' ORDER BY seq`,
    );
    await check.end();
    expect(rows.map((row) => Number(row.seq))).toEqual(
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set([...ids('a'), ...ids('b')]));

    // lastSeq counts what a mirror has accepted; readAfter serves what its copy has committed.
    await until(
      () => a.readAfter('live', 0).length === 120 && b.readAfter('live', 0).length === 120,
      'mirrors',
    );
    expect(a.readAfter('live', 0)).toEqual(b.readAfter('live', 0));
    // what b heard from a arrives in order, each event once, and only a's
    expect(heard.every((event) => event.id.startsWith('a-'))).toBe(true);
    const heardSeqs = heard.map((event) => event.seq);
    expect(heardSeqs).toEqual([...heardSeqs].sort((x, y) => x - y));
    expect(new Set(heardSeqs).size).toBe(heardSeqs.length);
  });

  it('refuses an id another replica already committed', async () => {
    const url = await freshDatabase(server.url);
    const [a, b] = [await replica(url), await replica(url)];
    await a.append('live', [positionReport(1, 'reading-1')]);
    await until(() => b.lastSeq('live') === 1, 'b to follow');
    expect(b.existingIds('live', ['reading-1'])).toEqual(new Set(['reading-1']));
    await expect(b.append('live', [positionReport(2, 'reading-1')])).rejects.toThrow();
  });

  it('drops a stream on every replica', async () => {
    const url = await freshDatabase(server.url);
    const [a, b] = [await replica(url), await replica(url)];
    await a.append('drill:gone', [positionReport(1), positionReport(2)]);
    await until(() => b.lastSeq('drill:gone') === 2, 'b to follow');
    a.dropStream('drill:gone');
    await until(() => b.lastSeq('drill:gone') === 0, 'b to drop');
    expect(b.streams().map((s) => s.stream)).not.toContain('drill:gone');
  });
});

describe('migrations and availability', () => {
  it('records each migration once, however many replicas start together', async () => {
    const url = await freshDatabase(server.url);
    await Promise.all([replica(url), replica(url), replica(url)]);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('SELECT version, name FROM schema_migrations');
    await check.end();
    expect(rows).toEqual([{ version: 1, name: 'events and snapshots' }]);
  });

  it('fails appends while PostgreSQL is down and resumes when it is back, without reopening', async () => {
    const url = await freshDatabase(server.url);
    const [a, b] = [await replica(url), await replica(url)];
    await a.append('live', [positionReport(1)]);
    await server.stop();
    try {
      const refused = await a.append('live', [positionReport(2)]).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Error);
      expect(refused).not.toBeInstanceOf(SeqConflictError);
      expect(a.health().reachable).toBe(false);
      expect(a.readAfter('live', 0).map((e) => e.seq)).toEqual([1]); // reads go on
    } finally {
      await server.start();
    }
    const [envelope] = await a.append('live', [positionReport(3)]);
    expect(envelope!.seq).toBe(2);
    // b's LISTEN connection came back too: it follows a's commit
    await a.append('live', [positionReport(4)]);
    await until(() => b.readAfter('live', 0).length === 3, 'b to follow after the restart');
    expect(b.readAfter('live', 0)).toEqual(a.readAfter('live', 0));
  }, 30_000);
});
