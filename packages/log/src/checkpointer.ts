import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file on a thread of its own, so no commit ever waits for
 * a checkpoint. With SQLite's automatic checkpoints the commit that crosses the threshold copies
 * the whole WAL inside `append`'s transaction, on the event loop: that was the tail of the
 * acknowledgement latency. A PASSIVE checkpoint from a second connection runs beside the writer
 * and never blocks it; SQLite starts the WAL over once a checkpoint has caught up.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(file: string, everyMs = 250) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(CHECKPOINT_LOOP, {
      eval: true,
      workerData: { driver, file, everyMs },
    });
    // A checkpoint that cannot run (file gone at shutdown) must not take the server down.
    this.worker.on('error', () => undefined);
    this.worker.unref();
  }

  /** Stops the thread and waits for it; the caller then checkpoints once more on close. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
  }
}

// Plain JavaScript, run by the worker: a loop of PASSIVE checkpoints on its own connection.
const CHECKPOINT_LOOP = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 1000 });
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: next round */ }
}, workerData.everyMs);
`;
