import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteLog, type SqliteEventLog } from './sqlite-log';
import { positionReport, tempFolder } from './test-scenario';

describe('WAL checkpoints off the commit path', () => {
  let folder: ReturnType<typeof tempFolder>;
  let log: SqliteEventLog | undefined;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(async () => {
    await log?.close();
    folder.remove();
  });

  it('copies committed events into the database file while no append is running', async () => {
    const file = join(folder.path, 'events.db');
    log = openSqliteLog({ file });
    const before = statSync(file).size;
    for (let batch = 0; batch < 20; batch += 1) {
      const events = Array.from({ length: 500 }, (_, i) => positionReport(batch * 500 + i));
      await log.append('live', events);
    }
    // Commits only write the WAL; the file grows when the checkpointing thread copies it back.
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(statSync(file).size).toBeGreaterThan(before);
    expect(log.lastSeq('live')).toBe(10_000);
  });

  it('leaves the WAL empty on close, so the file alone holds every event', async () => {
    const file = join(folder.path, 'closed.db');
    log = openSqliteLog({ file });
    await log.append('live', [positionReport(1), positionReport(2)]);
    await log.close();
    log = undefined;
    expect(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const reopened = openSqliteLog({ file });
    expect(reopened.lastSeq('live')).toBe(2);
    await reopened.close();
  });
});
