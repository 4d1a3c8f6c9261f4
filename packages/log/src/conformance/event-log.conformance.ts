// Test support (not exported): what every EventLog adapter promises, run against each of them
// by `*.conformance.int.test.ts`. An adapter passes the same assertions, not ones of its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evolveAll, initialState, stateHash, type EventEnvelope } from '@floodnet/domain';
import { IdConflictError } from '../errors';
import type { EventLog } from '../port';
import { rebuildState, stateAtSeq } from '../snapshots';
import { playStorm, positionReport, STORM_START } from '../test-scenario';

export interface AdapterUnderTest {
  /** A fresh, empty log on storage of its own. */
  open(options: { snapshotEvery: number }): Promise<EventLog>;
  /** The log on the same storage as `log`, after `log` was closed (durability across reopen). */
  reopen(log: EventLog, options: { snapshotEvery: number }): Promise<EventLog>;
}

const seqsOf = (envelopes: readonly EventEnvelope[]) => envelopes.map((envelope) => envelope.seq);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

export function eventLogConformance(name: string, adapter: AdapterUnderTest): void {
  describe(`EventLog conformance: ${name}`, () => {
    let log: EventLog;
    beforeEach(async () => {
      log = await adapter.open({ snapshotEvery: 25 });
    });
    afterEach(async () => {
      await log.close();
    });

    it('gives gap-free seqs from 1 per stream, live and a drill counting apart', async () => {
      // given appends interleaved across two streams, some in the same tick
      await log.append('live', [positionReport(1), positionReport(2)]);
      await Promise.all([
        log.append('drill:x', [positionReport(3)]),
        log.append('live', [positionReport(4)]),
        log.append('drill:x', [positionReport(5), positionReport(6), positionReport(7)]),
      ]);
      // then each stream counts from 1 on its own, in the order the calls were made
      expect(seqsOf(log.readAfter('live', 0))).toEqual([1, 2, 3]);
      expect(seqsOf(log.readAfter('drill:x', 0))).toEqual([1, 2, 3, 4]);
      expect(log.lastSeq('live')).toBe(3);
      expect(log.lastSeq('drill:never')).toBe(0);
    });

    it('assigns seqs at call time, so concurrent callers get the order they called in', async () => {
      const results = await Promise.all(
        range(1, 120).map((minute) => log.append('live', [positionReport(minute)])),
      );
      expect(results.map((envelopes) => envelopes[0]!.seq)).toEqual(range(1, 120));
      expect(log.readAfter('live', 0).map((e) => e.at)).toEqual(results.map((e) => e[0]!.at));
    });

    it('refuses a committed, queued or repeated id without using up a seq', async () => {
      await log.append('live', [positionReport(1, 'r-1')]);
      await expect(log.append('live', [positionReport(2, 'r-1')])).rejects.toBeInstanceOf(
        IdConflictError,
      );
      const queued = log.append('live', [positionReport(3, 'r-3')]);
      const again = log.append('live', [positionReport(4, 'r-3')]);
      const twice = log.append('live', [positionReport(5, 'r-5'), positionReport(6, 'r-5')]);
      await expect(again).rejects.toBeInstanceOf(IdConflictError);
      await expect(twice).rejects.toBeInstanceOf(IdConflictError);
      expect(seqsOf(await queued)).toEqual([2]);
      const next = await log.append('live', [positionReport(7)]);
      expect(seqsOf(next)).toEqual([3]);
      // the same id may live in two streams (a drill copies live)
      expect(seqsOf(await log.append('drill:copy', [positionReport(1, 'r-1')]))).toEqual([1]);
    });

    it('reports which ids it already holds, committed or still queued', async () => {
      await log.append('live', [positionReport(1, 'a'), positionReport(2, 'b')]);
      const queued = log.append('live', [positionReport(3, 'c')]);
      expect(log.existingIds('live', ['a', 'c', 'z'])).toEqual(new Set(['a', 'c']));
      expect(log.existingIds('drill:other', ['a'])).toEqual(new Set());
      await queued;
    });

    it('reads back the very envelope appended, by page, range and time', async () => {
      const appended = await log.append(
        'live',
        range(1, 30).map((minute) => positionReport(minute)),
      );
      const stored = log.readAfter('live', 0);
      expect(stored).toEqual(appended);
      expect(JSON.stringify(stored[0])).toBe(JSON.stringify(appended[0]));
      expect(seqsOf(log.readAfter('live', 10, 5))).toEqual([11, 12, 13, 14, 15]);
      expect(seqsOf([...log.iterate('live', 20, 24)])).toEqual([21, 22, 23, 24]);
      expect(seqsOf([...log.iterate('live', 28)])).toEqual([29, 30]);
      // minute 10 is seq 10; before the first event there is none
      expect(log.seqAtTime('live', STORM_START + 10 * 60_000)).toBe(10);
      expect(log.seqAtTime('live', STORM_START + 10 * 60_000 + 59_000)).toBe(10);
      expect(log.seqAtTime('live', STORM_START)).toBe(0);
      const [info] = log.streams().filter((s) => s.stream === 'live');
      expect(info).toEqual({
        stream: 'live',
        lastSeq: 30,
        firstAt: STORM_START + 60_000,
        lastAt: STORM_START + 30 * 60_000,
      });
    });

    it('rebuilds from a snapshot plus the tail the same picture as a fold from the start', async () => {
      const live = await playStorm(log, 'live', 30);
      const first = rebuildState(log, 'live');
      expect(stateHash(first.state)).toBe(stateHash(live));
      expect(log.latestSnapshot('live')?.seq).toBe(Math.floor(live.seq / 25) * 25);
      for (const seq of [0, 25, 26, live.seq]) {
        const fromStart = evolveAll(initialState(), log.iterate('live', 0, seq));
        expect(stateHash(stateAtSeq(log, 'live', seq))).toBe(stateHash(fromStart));
      }
      expect(log.latestSnapshot('live', 24)).toBeNull();
      expect(() =>
        log.saveSnapshot({ stream: 'live', seq: live.seq + 5, at: null, state: live }),
      ).toThrow(RangeError);
    });

    it('keeps drill streams apart and drops one without touching the others', async () => {
      await playStorm(log, 'live', 6);
      const drill = await playStorm(log, 'drill:a', 6);
      rebuildState(log, 'drill:a', { every: 10 });
      await log.append('drill:b', [positionReport(1)]);
      expect(log.latestSnapshot('drill:a')).not.toBeNull();
      const liveBefore = log.readAfter('live', 0);

      log.dropStream('drill:a');
      expect(log.lastSeq('drill:a')).toBe(0);
      expect(log.readAfter('drill:a', 0)).toEqual([]);
      expect(log.latestSnapshot('drill:a')).toBeNull();
      expect(log.readAfter('live', 0)).toEqual(liveBefore);
      expect(
        log
          .streams()
          .map((s) => s.stream)
          .sort(),
      ).toEqual(['drill:b', 'live']);
      // the name can be used again, counting from 1
      expect(seqsOf(await log.append('drill:a', [positionReport(9)]))).toEqual([1]);
      expect(drill.seq).toBeGreaterThan(1);
    });

    it('keeps every acknowledged event and snapshot across close and reopen', async () => {
      const live = await playStorm(log, 'live', 30);
      rebuildState(log, 'live');
      await log.append('drill:kept', [positionReport(1, 'kept-1')]);
      const before = log.readAfter('live', 0);
      log = await adapter.reopen(log, { snapshotEvery: 25 });
      expect(log.readAfter('live', 0)).toEqual(before);
      expect(log.lastSeq('live')).toBe(live.seq);
      expect(log.latestSnapshot('live')?.seq).toBe(Math.floor(live.seq / 25) * 25);
      expect(stateHash(rebuildState(log, 'live').state)).toBe(stateHash(live));
      expect(log.existingIds('drill:kept', ['kept-1'])).toEqual(new Set(['kept-1']));
      expect(seqsOf(await log.append('live', [positionReport(99)]))).toEqual([live.seq + 1]);
    });

    it('refuses appends after close', async () => {
      await log.close();
      await expect(log.append('live', [positionReport(1)])).rejects.toThrow(/closed/);
    });
  });
}
