import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@floodnet/domain';
import { IdConflictError } from './errors';
import { openSqliteLog, type SqliteEventLog } from './sqlite-log';
import { playStorm, positionReport, STORM_START, tempFolder } from './test-scenario';

const folder = tempFolder();
afterAll(() => folder.remove());

let fileNumber = 0;
let file: string;
let log: SqliteEventLog;

beforeEach(() => {
  fileNumber += 1;
  file = join(folder.path, `nested/run-${fileNumber}/floodnet.db`);
  log = openSqliteLog({ file });
});
afterEach(async () => {
  await log.close();
});

const seqsOf = (envelopes: EventEnvelope[]) => envelopes.map((envelope) => envelope.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('sequence numbers', () => {
  it('are gap-free per stream and independent between live and a drill', async () => {
    // given appends interleaved across two streams, some in the same tick
    await log.append('live', [positionReport(1), positionReport(2)]);
    await Promise.all([
      log.append('drill:x', [positionReport(3)]),
      log.append('live', [positionReport(4)]),
      log.append('drill:x', [positionReport(5), positionReport(6), positionReport(7)]),
    ]);
    await log.append('live', [positionReport(8)]);

    // then each stream counts from 1 on its own
    expect(seqsOf(log.readAfter('live', 0))).toEqual([1, 2, 3, 4]);
    expect(seqsOf(log.readAfter('drill:x', 0))).toEqual([1, 2, 3, 4]);
    expect(log.lastSeq('live')).toBe(4);
    expect(log.lastSeq('drill:x')).toBe(4);
    expect(log.lastSeq('drill:never')).toBe(0);
  });

  it('are assigned at call time, so concurrent callers get the order they called in', async () => {
    const calls = range(1, 200).map((minute) => log.append('live', [positionReport(minute)]));
    const results = await Promise.all(calls);
    expect(results.map((envelopes) => envelopes[0]!.seq)).toEqual(range(1, 200));
    const stored = log.readAfter('live', 0);
    expect(stored.map((envelope) => envelope.at)).toEqual(
      results.map((envelopes) => envelopes[0]!.at),
    );
  });
});

describe('group commit', () => {
  it('writes every append of one tick, from every stream, in a single transaction', async () => {
    const before = log.stats().commits;
    const calls = range(1, 500).map((minute) =>
      log.append(minute % 2 ? 'live' : 'drill:x', [positionReport(minute)]),
    );
    expect(log.stats().pendingEvents).toBe(500);
    await Promise.all(calls);
    expect(log.stats()).toMatchObject({ commits: before + 1, pendingEvents: 0 });
    expect(log.readAfter('live', 0)).toHaveLength(250);
    expect(log.readAfter('drill:x', 0)).toHaveLength(250);
  });

  it('resolves only once the events can be read back', async () => {
    const pending = log.append('live', [positionReport(1)]);
    expect(log.readAfter('live', 0)).toEqual([]);
    const [envelope] = await pending;
    expect(log.readAfter('live', 0)).toEqual([envelope]);
  });

  it('rejects every append of a failed commit and continues after what was stored', async () => {
    await log.append('live', [positionReport(1)]);
    const first = log.append('live', [positionReport(2)]);
    const other = log.append('drill:x', [positionReport(3)]);
    // Another writer takes seq 2 before this tick's commit: the whole transaction must fail.
    const intruder = new Database(file);
    intruder
      .prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('live', 2, 'intruder', 'typhoon.positionReported', STORM_START, 'x', '{}');
    intruder.close();

    await expect(first).rejects.toThrow(/UNIQUE|constraint/i);
    await expect(other).rejects.toThrow(/UNIQUE|constraint/i);
    expect(log.readAfter('drill:x', 0)).toEqual([]);
    const [next] = await log.append('live', [positionReport(4)]);
    expect(next!.seq).toBe(3);
    const [drill] = await log.append('drill:x', [positionReport(5)]);
    expect(drill!.seq).toBe(1);
  });
});

describe('group commit on the writer thread', () => {
  it('rejects an append handed over after a failed one, as its seqs follow the failed ones', async () => {
    await log.append('live', [positionReport(1)]);
    const failing = log.append('live', [positionReport(2)]);
    const intruder = new Database(file);
    intruder
      .prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('live', 2, 'intruder', 'typhoon.positionReported', STORM_START, 'x', '{}');
    intruder.close();
    // the next tick's append (seq 3) goes to the writer while the failing one may still be there
    await new Promise((resolve) => setImmediate(resolve));
    const behind = log.append('live', [positionReport(3, 'behind')]);

    await expect(failing).rejects.toThrow(/UNIQUE|constraint/i);
    await expect(behind).rejects.toThrow();
    expect(log.existingIds('live', ['behind']).size).toBe(0);
    const [next] = await log.append('live', [positionReport(4, 'behind')]);
    expect(next!.seq).toBe(3);
    expect(seqsOf(log.readAfter('live', 0))).toEqual([1, 2, 3]);
  });
});

describe('idempotency keys', () => {
  it('refuses an id already committed, without using up a seq', async () => {
    await log.append('live', [positionReport(1, 'reading-1')]);
    const again = log.append('live', [
      positionReport(2, 'reading-2'),
      positionReport(3, 'reading-1'),
    ]);
    await expect(again).rejects.toBeInstanceOf(IdConflictError);
    await expect(again).rejects.toMatchObject({ id: 'reading-1', stream: 'live' });
    const [next] = await log.append('live', [positionReport(4, 'reading-2')]);
    expect(next!.seq).toBe(2);
    expect(seqsOf(log.readAfter('live', 0))).toEqual([1, 2]);
  });

  it('refuses an id still waiting in this tick, or repeated within one call', async () => {
    const first = log.append('live', [positionReport(1, 'reading-1')]);
    const twin = log.append('live', [positionReport(2, 'reading-1')]);
    const doubled = log.append('live', [
      positionReport(3, 'reading-9'),
      positionReport(4, 'reading-9'),
    ]);
    await expect(twin).rejects.toBeInstanceOf(IdConflictError);
    await expect(doubled).rejects.toBeInstanceOf(IdConflictError);
    expect(seqsOf(await first)).toEqual([1]);
    expect(log.lastSeq('live')).toBe(1);
  });

  it('still refuses a repeat after existingIds reported the id absent (ingest flow)', async () => {
    expect(log.existingIds('live', ['reading-1']).size).toBe(0);
    await log.append('live', [positionReport(1, 'reading-1')]);
    expect(log.existingIds('live', ['reading-1'])).toEqual(new Set(['reading-1']));
    await expect(log.append('live', [positionReport(2, 'reading-1')])).rejects.toBeInstanceOf(
      IdConflictError,
    );
    expect(log.lastSeq('live')).toBe(1);
  });

  it('still finds ids committed before a reopen, once the id filter has read the file', async () => {
    // given 3,000 readings committed, and the log reopened
    await log.append(
      'live',
      range(1, 3000).map((n) => positionReport(n, `old-${n}`)),
    );
    await log.append('drill:x', [positionReport(1, 'drill-only')]);
    await log.close();
    log = openSqliteLog({ file });
    await log.idFilterFilled();

    // when a batch mixes old and new ids, then only the old ones are reported
    const asked = [...range(1, 1000).map((n) => `old-${n * 3}`), 'new-1', 'drill-only'];
    expect(log.existingIds('live', asked)).toEqual(
      new Set(range(1, 1000).map((n) => `old-${n * 3}`)),
    );
    expect(log.existingIds('drill:x', ['drill-only', 'old-3'])).toEqual(new Set(['drill-only']));
    // and an old id is refused without using up a seq, a new one taken
    await expect(log.append('live', [positionReport(1, 'old-2999')])).rejects.toBeInstanceOf(
      IdConflictError,
    );
    const [fresh] = await log.append('live', [positionReport(2, 'new-1')]);
    expect(fresh).toMatchObject({ seq: 3001, id: 'new-1' });
    expect(log.existingIds('live', ['new-1'])).toEqual(new Set(['new-1']));
  });

  it('sees an id from its append on, while its commit is on the writer thread and after', async () => {
    const committed = log.append('live', [positionReport(1, 'reading-1')]);
    const seen: number[] = [];
    for (let turn = 0; turn < 20; turn += 1) {
      seen.push(log.existingIds('live', ['reading-1']).size);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await committed;
    seen.push(log.existingIds('live', ['reading-1']).size);
    expect(seen.every((size) => size === 1)).toBe(true);
    await expect(log.append('live', [positionReport(2, 'reading-1')])).rejects.toBeInstanceOf(
      IdConflictError,
    );
  });

  it('lets the same id live in two streams (a drill copies live)', async () => {
    await log.append('live', [positionReport(1, 'reading-1')]);
    const [copy] = await log.append('drill:x', [positionReport(1, 'reading-1')]);
    expect(copy).toMatchObject({ seq: 1, id: 'reading-1' });
  });

  it('gives events without an id a fresh one', async () => {
    const envelopes = await log.append('live', [positionReport(1), positionReport(2)]);
    const ids = envelopes.map((envelope) => envelope.id);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(2);
  });

  it('existingIds finds committed and pending ids among 5,000', async () => {
    const committed = range(1, 3000).map((n) => positionReport(n, `committed-${n}`));
    await log.append('live', committed);
    void log.append('live', [positionReport(1, 'pending-1')]);
    const asked = [
      ...range(1, 2500).map((n) => `committed-${n * 2}`),
      'pending-1',
      ...range(1, 2499).map((n) => `unknown-${n}`),
    ];
    const found = log.existingIds('live', asked);
    expect(found.size).toBe(1501);
    expect(found.has('committed-3000')).toBe(true);
    expect(found.has('committed-3002')).toBe(false);
    expect(found.has('pending-1')).toBe(true);
    expect(log.existingIds('drill:x', asked).size).toBe(0);
  });
});

describe('reading the log', () => {
  it('gives back the very envelope that was appended, key order included', async () => {
    const state = await playStorm(log, 'live', 12);
    const stored = log.readAfter('live', 0);
    expect(stored).toHaveLength(state.seq);
    expect(Object.keys(stored[0]!)).toEqual(['seq', 'stream', 'id', 'type', 'at', 'data']);
    const appended = await log.append('live', [positionReport(99, 'last')]);
    expect(JSON.stringify(log.readAfter('live', state.seq))).toBe(JSON.stringify(appended));
  });

  it('reads pages with readAfter and ranges with iterate', async () => {
    await log.append(
      'live',
      range(1, 50).map((minute) => positionReport(minute)),
    );
    expect(seqsOf(log.readAfter('live', 10, 5))).toEqual([11, 12, 13, 14, 15]);
    expect(seqsOf([...log.iterate('live', 45)])).toEqual([46, 47, 48, 49, 50]);
    expect(seqsOf([...log.iterate('live', 10, 13)])).toEqual([11, 12, 13]);
  });

  it('keeps committing while an iterator is open', async () => {
    await log.append(
      'live',
      range(1, 10).map((minute) => positionReport(minute)),
    );
    const cursor = log.iterate('live', 0);
    expect(cursor.next().value).toMatchObject({ seq: 1 });
    await log.append('live', [positionReport(11)]);
    // The iterator reads the log as it stood when it started.
    expect(seqsOf([...cursor])).toEqual(range(2, 10));
    expect(log.readAfter('live', 10)).toHaveLength(1);
  });

  it('runs iterations inside iterations, and closes despite an abandoned one', async () => {
    await log.append(
      'live',
      range(1, 3).map((minute) => positionReport(minute)),
    );
    const pairs: string[] = [];
    for (const outer of log.iterate('live', 0)) {
      for (const inner of log.iterate('live', outer.seq)) pairs.push(`${outer.seq}<${inner.seq}`);
    }
    expect(pairs).toEqual(['1<2', '1<3', '2<3']);
    const abandoned = log.iterate('live', 0);
    abandoned.next();
    await expect(log.close()).resolves.toBeUndefined();
  });

  it('finds the last event at or before a time', async () => {
    await log.append('live', [positionReport(10), positionReport(20), positionReport(30)]);
    expect(log.seqAtTime('live', STORM_START)).toBe(0);
    expect(log.seqAtTime('live', STORM_START + 20 * 60_000)).toBe(2);
    expect(log.seqAtTime('live', STORM_START + 25 * 60_000)).toBe(2);
    expect(log.seqAtTime('live', STORM_START + 99 * 60_000)).toBe(3);
  });

  it('lists the streams with their extent', async () => {
    await log.append('live', [positionReport(10), positionReport(30)]);
    await log.append('drill:x', [positionReport(5)]);
    expect(log.streams()).toEqual([
      {
        stream: 'drill:x',
        lastSeq: 1,
        firstAt: STORM_START + 5 * 60_000,
        lastAt: STORM_START + 5 * 60_000,
      },
      {
        stream: 'live',
        lastSeq: 2,
        firstAt: STORM_START + 10 * 60_000,
        lastAt: STORM_START + 30 * 60_000,
      },
    ]);
  });
});

describe('durability and lifecycle', () => {
  it('keeps every committed event across close and reopen', async () => {
    await playStorm(log, 'live', 8);
    await log.append('drill:x', [positionReport(1, 'drill-1')]);
    const live = log.readAfter('live', 0);
    const pending = log.append('live', [positionReport(50, 'sent-before-close')]);
    await log.close();
    await pending; // close commits what was queued

    log = openSqliteLog({ file, synchronous: 'NORMAL' });
    expect(log.readAfter('live', 0, live.length)).toEqual(live);
    expect(log.lastSeq('live')).toBe(live.length + 1);
    const [next] = await log.append('live', [positionReport(51)]);
    expect(next!.seq).toBe(live.length + 2);
    await expect(log.append('drill:x', [positionReport(2, 'drill-1')])).rejects.toBeInstanceOf(
      IdConflictError,
    );
  });

  it('keeps every acknowledged event when the process is killed', async () => {
    // A separate process appends, prints what was acknowledged, queues one more, and is killed.
    const killedFile = join(folder.path, 'killed/floodnet.db');
    const child = `
      const { openSqliteLog } = await import(${JSON.stringify(fileURLToPath(new URL('./sqlite-log.ts', import.meta.url)))});
      const log = openSqliteLog({ file: ${JSON.stringify(killedFile)} });
      const event = (n) => ({ type: 'alert.cleared', at: '2021-07-25T12:00:00+08:00', data: { alertId: 'a' + n } });
      for (let batch = 0; batch < 5; batch += 1) {
        const acked = await log.append('live', Array.from({ length: 100 }, (_, i) => event(batch * 100 + i)));
        process.stdout.write(JSON.stringify(acked) + '\\n');
      }
      void log.append('live', [event(999)]);
      process.kill(process.pid, 'SIGKILL');
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', child], {
      encoding: 'utf8',
    });
    expect(result.signal).toBe('SIGKILL');
    const acked = result.stdout
      .trim()
      .split('\n')
      .flatMap((line) => JSON.parse(line) as EventEnvelope[]);
    expect(acked).toHaveLength(500);

    const reopened = openSqliteLog({ file: killedFile });
    try {
      expect(reopened.readAfter('live', 0)).toEqual(acked);
      expect(reopened.lastSeq('live')).toBe(500);
    } finally {
      await reopened.close();
    }
  });

  it('dropStream leaves nothing of the stream and nothing of the others is touched', async () => {
    await log.append('live', [positionReport(1)]);
    await log.append(
      'drill:x',
      range(1, 20).map((minute) => positionReport(minute)),
    );
    log.saveSnapshot({ stream: 'drill:x', seq: 10, at: null, state: { seq: 10 } as never });
    void log.append('drill:x', [positionReport(30, 'queued')]);

    log.dropStream('drill:x');

    expect(log.readAfter('drill:x', 0)).toEqual([]);
    expect(log.lastSeq('drill:x')).toBe(0);
    expect(log.latestSnapshot('drill:x')).toBeNull();
    expect(log.existingIds('drill:x', ['queued']).size).toBe(0);
    expect(log.streams().map((info) => info.stream)).toEqual(['live']);
    const [fresh] = await log.append('drill:x', [positionReport(1, 'queued')]);
    expect(fresh!.seq).toBe(1);
  });

  it('refuses appends after close', async () => {
    await log.close();
    await expect(log.append('live', [positionReport(1)])).rejects.toThrow(/closed/);
  });
});
