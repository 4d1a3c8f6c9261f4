import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateHash } from '@floodnet/domain';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';
import { exportNdjson } from './ndjson';
import { rebuildState } from './snapshots';
import { openSqliteLog } from './sqlite-log';
import { playStorm, tempFolder } from './test-scenario';
import { exportAll, importAll, openLogAt } from './transfer';

let server: LocalPostgres;
const folder = tempFolder();
beforeAll(async () => {
  server = await startLocalPostgres();
}, 60_000);
afterAll(async () => {
  await server?.remove();
  folder.remove();
});

async function text(lines: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const line of lines) all += line;
  return all;
}

describe('moving a SQLite log to PostgreSQL', () => {
  it('gives every stream the same envelopes and the same picture, and refuses a gap', async () => {
    // given a SQLite log with live and a drill
    const sqlite = openSqliteLog({ file: join(folder.path, 'floodnet.sqlite') });
    await playStorm(sqlite, 'live', 40);
    await playStorm(sqlite, 'drill:in-fa', 12);
    const exported = await text(exportAll(sqlite));

    // when it is imported into PostgreSQL
    const pg = await openLogAt(server.url);
    try {
      const counts = await importAll(pg, exported.split('\n'));
      expect(Object.fromEntries(counts)).toEqual({
        live: sqlite.lastSeq('live'),
        'drill:in-fa': sqlite.lastSeq('drill:in-fa'),
      });
      // then each stream exports byte for byte and folds to the same picture
      for (const stream of ['live', 'drill:in-fa']) {
        expect(await text(exportNdjson(pg, stream))).toBe(await text(exportNdjson(sqlite, stream)));
        expect(stateHash(rebuildState(pg, stream).state)).toBe(
          stateHash(rebuildState(sqlite, stream).state),
        );
      }
      // and importing the same lines again is refused: they would not continue the streams
      await expect(importAll(pg, exported.split('\n'))).rejects.toThrow(/expected/);
    } finally {
      await pg.close();
      await sqlite.close();
    }
  });
});
