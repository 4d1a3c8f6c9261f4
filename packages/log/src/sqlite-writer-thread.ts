/**
 * What the writer thread runs, as plain JavaScript evaluated by the worker (like the
 * checkpointer's loop): it needs no TypeScript loader under tsx and no separate file in a build.
 *
 * It owns the only writing connection. Work arrives as numbered tickets, in order; every ticket
 * that arrived while the previous transaction was committing goes into the next one (group
 * commit across the main thread's ticks), and one reply names the tickets of each transaction.
 * A failed transaction fails its epoch: tickets of that epoch still on their way are refused
 * unwritten, because their seqs follow the failed ones; the main thread starts a new epoch once
 * it has re-read the counters. After each reply the shared counter is bumped and notified, so a
 * main thread blocked in `Atomics.wait` (a synchronous drop or close) wakes to read it.
 */
export const WRITER_THREAD = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const { file, synchronous, replies, signal, sql } = workerData;
const woken = new Int32Array(signal);
const db = new Database(file, { timeout: 5000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + synchronous);
db.pragma('wal_autocheckpoint = 0');
db.pragma('cache_size = -65536');
db.pragma('temp_store = MEMORY');
const insertEvent = db.prepare(sql.insertEvent);
const saveSnapshot = db.prepare(sql.saveSnapshot);
const dropEvents = db.prepare(sql.dropEvents);
const dropSnapshots = db.prepare(sql.dropSnapshots);

function apply(op) {
  if (op.op === 'rows') {
    let row = 0;
    for (let s = 0; s < op.streams.length; s += 1) {
      const stream = op.streams[s];
      const first = op.firstSeqs[s];
      for (let i = 0; i < op.counts[s]; i += 1, row += 1) {
        insertEvent.run(stream, first + i, op.ids[row], op.types[row], op.atMs[row], op.ats[row], op.datas[row]);
      }
    }
  } else if (op.op === 'snapshot') {
    saveSnapshot.run(op.stream, op.seq, op.at, op.state);
  } else if (op.op === 'drop') {
    dropEvents.run(op.stream);
    dropSnapshots.run(op.stream);
  } else if (op.op === 'maxPages') {
    db.pragma('max_page_count = ' + Math.floor(op.pages));
  }
}
const commit = db.transaction((ops) => { for (const op of ops) apply(op); });

function reply(tickets, error) {
  replies.postMessage(error ? { tickets, error } : { tickets });
  Atomics.add(woken, 0, 1);
  Atomics.notify(woken, 0);
}
function describe(error) {
  return { message: String(error && error.message || error), name: error && error.name, code: error && error.code };
}

let failedEpoch = -1;
let queue = [];
let scheduled = false;
function run() {
  scheduled = false;
  const ops = queue;
  queue = [];
  let batch = [];
  const flush = () => {
    if (batch.length === 0) return;
    const tickets = batch.map((op) => op.ticket);
    try {
      commit(batch);
      reply(tickets);
    } catch (error) {
      failedEpoch = Math.max(failedEpoch, ...batch.map((op) => op.epoch));
      reply(tickets, describe(error));
    }
    batch = [];
  };
  for (const op of ops) {
    if (op.op === 'close') {
      flush();
      try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch { /* a reader holds the WAL: next open */ }
      db.close();
      reply([op.ticket]);
      parentPort.close();
      return;
    }
    if (op.epoch <= failedEpoch) {
      flush();
      reply([op.ticket], { message: 'an earlier commit failed', name: 'Error', code: 'STALE' });
      continue;
    }
    batch.push(op);
  }
  flush();
}
parentPort.on('message', (op) => {
  queue.push(op);
  if (!scheduled) { scheduled = true; setImmediate(run); }
});
`;
