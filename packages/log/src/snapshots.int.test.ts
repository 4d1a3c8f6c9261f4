import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evolveAll, initialState, stateHash, type State } from '@floodnet/domain';
import { exportNdjson } from './ndjson';
import { maybeSnapshot, rebuildState, stateAtSeq } from './snapshots';
import { openSqliteLog, type SqliteEventLog } from './sqlite-log';
import { playStorm, tempFolder } from './test-scenario';
import type { EventLog } from './port';

const folder = tempFolder();
afterAll(() => folder.remove());

let fileNumber = 0;
let log: SqliteEventLog;

function openLog(snapshotEvery: number): SqliteEventLog {
  fileNumber += 1;
  return openSqliteLog({ file: join(folder.path, `log-${fileNumber}.db`), snapshotEvery });
}

beforeEach(() => {
  log = openLog(25);
});
afterEach(async () => {
  await log.close();
});

/** The reference picture: every event folded from the very start, no snapshot involved. */
function foldFromStart(source: EventLog, stream: string, toSeq?: number): State {
  return evolveAll(initialState(), source.iterate(stream, 0, toSeq));
}

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const line of lines) text += line;
  return text;
}

describe('rebuilding a picture from snapshots', () => {
  it('gives the same picture from a snapshot plus the tail as from the start', async () => {
    const live = await playStorm(log, 'live', 40);
    expect(live.seq).toBeGreaterThan(100);
    expect(Object.keys(live.alerts).length).toBeGreaterThan(0);

    // the first rebuild folds from the start and leaves snapshots on the multiples of 25
    const first = rebuildState(log, 'live');
    expect(first.seq).toBe(live.seq);
    expect(stateHash(first.state)).toBe(stateHash(live));
    expect(log.latestSnapshot('live')?.seq).toBe(Math.floor(live.seq / 25) * 25);

    // the second starts from the newest snapshot and folds only the tail
    const second = rebuildState(log, 'live');
    expect(stateHash(second.state)).toBe(stateHash(foldFromStart(log, 'live')));
    expect(stateHash(second.state)).toBe(stateHash(live));
  });

  it('seeks to any seq with the same result as a fold from the start', async () => {
    const live = await playStorm(log, 'live', 30);
    rebuildState(log, 'live'); // lays down the snapshots a drill would seek through
    for (const seq of [0, 1, 24, 25, 26, 50, 51, 74, live.seq - 1, live.seq]) {
      const seeked = stateAtSeq(log, 'live', seq);
      expect(seeked.seq).toBe(seq);
      expect(stateHash(seeked)).toBe(stateHash(foldFromStart(log, 'live', seq)));
    }
  });

  it('seeks correctly on a stream that has no snapshots yet', async () => {
    await playStorm(log, 'drill:fresh', 20);
    const seeked = stateAtSeq(log, 'drill:fresh', 60);
    expect(stateHash(seeked)).toBe(stateHash(foldFromStart(log, 'drill:fresh', 60)));
  });

  it('fills in the snapshots of a denser spacing as a seek folds past them', async () => {
    const live = await playStorm(log, 'drill:old', 30);
    expect(live.seq).toBeGreaterThan(60);
    rebuildState(log, 'drill:old'); // snapshots every 25, as an older import left them
    const seeked = stateAtSeq(log, 'drill:old', 49, 5);
    expect(stateHash(seeked)).toBe(stateHash(foldFromStart(log, 'drill:old', 49)));
    // From the snapshot at 25, the fold passed 30, 35, 40 and 45: the next seek there starts at 45.
    expect(log.latestSnapshot('drill:old', 49)?.seq).toBe(45);
    expect(log.latestSnapshot('drill:old', 29)?.seq).toBe(25);
    expect(stateHash(stateAtSeq(log, 'drill:old', 48, 5))).toBe(
      stateHash(foldFromStart(log, 'drill:old', 48)),
    );
  });

  it('uses snapshots only of its own stream', async () => {
    await playStorm(log, 'live', 20);
    rebuildState(log, 'live');
    await playStorm(log, 'drill:a', 10);
    const drill = rebuildState(log, 'drill:a', { saveSnapshots: false });
    expect(stateHash(drill.state)).toBe(stateHash(foldFromStart(log, 'drill:a')));
    expect(log.latestSnapshot('drill:a')).toBeNull();
  });
});

describe('maybeSnapshot', () => {
  it('saves once each time the picture crosses a multiple of `every`', async () => {
    const state = initialState();
    const saved: number[] = [];
    for (let batch = 0; batch < 12; batch += 1) {
      const events = await log.append('live', [
        ...Array.from({ length: 7 }, (_, i) => ({
          type: 'typhoon.positionReported' as const,
          at: `2021-07-25T12:${String(batch * 4 + Math.floor(i / 2)).padStart(2, '0')}:00+08:00`,
          data: { name: 'In-Fa', lat: 30.6, lng: 121.2, windMs: 30 + i, pressureHpa: 970 },
        })),
      ]);
      evolveAll(state, events);
      if (maybeSnapshot(log, 'live', state)) saved.push(state.seq);
    }
    // 12 batches of 7: crossings of 25, 50 and 75 land at the end of batches 4, 8 and 11
    expect(saved).toEqual([28, 56, 77]);
    const latest = log.latestSnapshot('live');
    expect(latest?.seq).toBe(77);
    const at77 = foldFromStart(log, 'live', 77);
    expect(stateHash(latest!.state)).toBe(stateHash(at77));
    expect(latest?.at).toBe(at77.clock);
  });

  it('refuses a snapshot ahead of the committed log', () => {
    expect(() =>
      log.saveSnapshot({ stream: 'live', seq: 5, at: null, state: initialState() }),
    ).toThrow(RangeError);
  });
});

describe('NDJSON export', () => {
  it('writes one envelope per line and re-exports byte for byte after an import', async () => {
    await playStorm(log, 'live', 10);
    const text = await collect(exportNdjson(log, 'live'));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(log.lastSeq('live'));
    expect(JSON.parse(lines[0]!)).toEqual(log.readAfter('live', 0, 1)[0]);

    // import the lines into a fresh file, as a restore or a drill recording would
    const copy = openLog(25);
    try {
      const envelopes = lines.map((line) => JSON.parse(line));
      await copy.append(
        'live',
        envelopes.map(({ id, type, at, data }) => ({ id, type, at, data })),
      );
      expect(await collect(exportNdjson(copy, 'live'))).toBe(text);
    } finally {
      await copy.close();
    }
  });

  it('exports a slice between two seqs', async () => {
    await playStorm(log, 'live', 10);
    const text = await collect(exportNdjson(log, 'live', 3, 7));
    const seqs = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).seq);
    expect(seqs).toEqual([4, 5, 6, 7]);
  });
});

describe('the stored text of a snapshot', () => {
  it('given a picture with Chinese names and an emoji, when saved, then it is stored as ASCII JSON and reads back the same', async () => {
    const live = await playStorm(log, 'live', 5);
    live.assets['rain-tianping'] = { ...live.assets['rain-tianping']!, name: '天平路雨量站 🌧' };
    log.saveSnapshot({ stream: 'live', seq: live.seq, at: live.clock, state: live });
    // Closing waits for the writer thread to commit what was queued; the reopened log reads it.
    await log.close();
    log = openSqliteLog({ file: join(folder.path, `log-${fileNumber}.db`), snapshotEvery: 25 });

    const raw = new Database(join(folder.path, `log-${fileNumber}.db`), { readonly: true });
    const text = raw.prepare('SELECT state FROM snapshots ORDER BY seq DESC LIMIT 1').pluck().get();
    raw.close();
    expect(text).toMatch(/^[\x20-\x7e]*$/);
    expect(log.latestSnapshot('live')?.state).toEqual(live);
    expect(log.latestSnapshot('live')?.state.assets['rain-tianping']?.name).toBe('天平路雨量站 🌧');
  });

  it('given a snapshot written as raw UTF-8 JSON by an earlier version, when a seek starts from it, then the picture is the same', async () => {
    const live = await playStorm(log, 'live', 5);
    const file = join(folder.path, `log-${fileNumber}.db`);
    const writer = new Database(file);
    writer
      .prepare('INSERT INTO snapshots (stream, seq, at_ms, state) VALUES (?, ?, ?, ?)')
      .run('live', live.seq, live.clock, JSON.stringify(live));
    writer.close();
    expect(stateHash(stateAtSeq(log, 'live', live.seq))).toBe(stateHash(live));
  });
});
