// Replay: the fold rate over a large In-Fa log made by the scenario's generator (JSON.parse +
// evolve per NDJSON line, and evolve alone), against a bare JSON.parse pass over the same lines;
// then the log imported into SQLite as `live` (snapshots every 10,000 events, for the restart),
// and imported again as a drill by the server's own import, and sought as the server seeks it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evolve, initialState, type DomainEvent, type EventEnvelope } from '@floodnet/domain';
import { openSqliteLog, rebuildState } from '@floodnet/log';
import {
  importEnvelopes,
  recordingSnapshotEvery,
  recordingStateAtSeq,
  Timeline,
} from '@floodnet/server';
import { measureRestart, type RestartFigures, type ServerFigures } from './replay-restart';
import type { BenchContext } from './report';
import { machineLoad, otherCores } from './support/machine-load';
import { seededRandom, summarise } from './support/stats';
import { printTable, progress } from './support/table';

const CACHE = fileURLToPath(new URL('./.cache/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GENERATOR = join(ROOT, 'packages/sim/scripts/generate-large-log.ts');
const SNAPSHOT_EVERY = 10_000;
const SEEKS = 50;
const STREAM = 'live';
const DRILL_STREAM = 'drill:replay';

export interface ReplayFigures {
  events: number;
  megabytes: number;
  evolvePerSec: number;
  evolveOnlyPerSec: number;
  rawParsePerSec: number;
  /** evolvePerSec ÷ rawParsePerSec: what folding costs on top of parsing (target ≥ 0.8). */
  parseEvolveToParse: number;
  /**
   * The same ratio from the passes' CPU time (this process, the faster of two each): on a shared
   * machine the wall clock also counts time other work held the cores.
   */
  parseEvolveToParseCpu: number;
  seekP50Ms: number;
  seekP95Ms: number;
  seekMaxMs: number;
  /** The seek's time → seq (`Timeline.seqAt`: a binary search on a recording in time order). */
  timeToSeqP95Ms: number;
  /** The seek's snapshot load and fold of the events after it (`recordingStateAtSeq`). */
  stateAtSeqP95Ms: number;
  importSec: number;
  /** The same log imported as a drill (`importEnvelopes`: checks, fold, recording snapshots). */
  drillImportSec: number;
  /** Events between two snapshots of the drill: a seek folds at most this many. */
  recordingSnapshotEvery: number;
  foldFromSqlitePerSec: number;
  generatedSec: number | null;
  /** A server restarted on this log (snapshots every 10,000), serving again: ms. */
  restartMs: number;
  restart: RestartFigures;
  /** The `server` section of latest.json: the restarted server's memory with 1,000 screens. */
  server: ServerFigures;
  /** Cores the machine kept busy (this benchmark runs on one): above 1, other work ran. */
  machineBusyCores: number | null;
  /** Of those, cores used by processes other than the benchmark's. */
  otherCpuCores: number | null;
}

export async function runReplay(context: BenchContext): Promise<ReplayFigures> {
  const events = context.quick ? 200_000 : 1_000_000;
  if (context.quick) progress('replay: quick mode uses a 200,000-event log (full: 1,000,000)');
  const { file, generatedSec } = largeLogFile(events);
  const bytes = readFileSync(file);
  const load = machineLoad();
  const ownBefore = process.cpuUsage();
  const loadStarted = performance.now();

  // Each pass runs twice and the faster counts: the first also warms the JIT, and the machine
  // may be shared. The passes split lines the same way, so only the work per line differs.
  progress('replay: JSON.parse pass (floor), twice');
  const rawParse = fastestPass(() => forEachLine(bytes, (line) => void JSON.parse(line)));
  const rawParseMs = rawParse.ms;
  progress('replay: JSON.parse + evolve pass, twice');
  const parseEvolve = fastestPass(() => {
    const state = initialState();
    forEachLine(bytes, (line) => void evolve(state, JSON.parse(line) as EventEnvelope));
  });
  const parseEvolveMs = parseEvolve.ms;
  progress('replay: evolve alone over parsed chunks, twice');
  const evolveOnlyMs = fastest(() => evolveAlone(bytes));

  progress('replay: importing into SQLite with snapshots every 10,000 events');
  const dir = mkdtempSync(join(tmpdir(), 'floodnet-bench-replay-'));
  try {
    const log = openSqliteLog({
      file: join(dir, 'replay.sqlite'),
      synchronous: 'NORMAL',
      snapshotEvery: SNAPSHOT_EVERY,
    });
    const imported = await timedAsync(() => importLog(log, bytes));
    const fold = timed(() => rebuildState(log, STREAM, { every: SNAPSHOT_EVERY }));
    if (log.lastSeq(STREAM) !== imported.result) throw new Error('import lost events');
    await log.close();

    // A file of its own: a server started on the restart's file drops a drill it has no record of.
    const every = recordingSnapshotEvery(SNAPSHOT_EVERY);
    progress(`replay: importing as a drill (snapshots every ${every.toLocaleString('en-US')})`);
    const drillLog = openSqliteLog({
      file: join(dir, 'drill.sqlite'),
      synchronous: 'NORMAL',
      snapshotEvery: SNAPSHOT_EVERY,
    });
    const drill = await timedAsync(() =>
      importEnvelopes(drillLog, DRILL_STREAM, ndjsonLines(bytes), { snapshotEvery: every }),
    );
    const { seeks, lookups, folds } = seekRandomTimes(drillLog, drill.result);
    await drillLog.close();
    const machineBusyCores = load.stop();
    const own = process.cpuUsage(ownBefore);
    const ownCores = (own.user + own.system) / 1000 / (performance.now() - loadStarted);
    const { restart, server } = await measureRestart(join(dir, 'replay.sqlite'), events);

    const seek = summarise(seeks);
    const figures: ReplayFigures = {
      events,
      megabytes: bytes.length / 1e6,
      evolvePerSec: events / (parseEvolveMs / 1000),
      evolveOnlyPerSec: events / (evolveOnlyMs / 1000),
      rawParsePerSec: events / (rawParseMs / 1000),
      parseEvolveToParse: rawParseMs / parseEvolveMs,
      parseEvolveToParseCpu: rawParse.cpuMs / parseEvolve.cpuMs,
      seekP50Ms: seek.p50,
      seekP95Ms: seek.p95,
      seekMaxMs: seek.max,
      timeToSeqP95Ms: summarise(lookups).p95,
      stateAtSeqP95Ms: summarise(folds).p95,
      importSec: imported.ms / 1000,
      drillImportSec: drill.ms / 1000,
      recordingSnapshotEvery: every,
      foldFromSqlitePerSec: events / (fold.ms / 1000),
      generatedSec,
      restartMs: restart.restartMs,
      restart,
      server,
      machineBusyCores,
      otherCpuCores: otherCores(machineBusyCores, ownCores),
    };
    printTable(
      `replay — ${events.toLocaleString('en-US')} events (${figures.megabytes.toFixed(0)} MB NDJSON)`,
      ['figure', 'value'],
      [
        ['JSON.parse + evolve (events/s)', figures.evolvePerSec],
        ['evolve alone (events/s)', figures.evolveOnlyPerSec],
        ['bare JSON.parse floor (events/s)', figures.rawParsePerSec],
        ['  parse + evolve ÷ bare parse', figures.parseEvolveToParse],
        ['  the same, from CPU time', figures.parseEvolveToParseCpu],
        ['fold from SQLite, saving snapshots (events/s)', figures.foldFromSqlitePerSec],
        ['import into SQLite (s)', figures.importSec],
        ['import as a drill (s)', figures.drillImportSec],
        ['  drill snapshots every (events)', figures.recordingSnapshotEvery],
        ['seek p50 ms', figures.seekP50Ms],
        ['seek p95 ms', figures.seekP95Ms],
        ['seek max ms', figures.seekMaxMs],
        ['  of which time → seq p95 ms', figures.timeToSeqP95Ms],
        ['  of which snapshot + fold p95 ms', figures.stateAtSeqP95Ms],
        ['server restart → serving GET /state (ms)', figures.restartMs],
        ['  of which buildApp + listen (ms)', restart.bootMs],
        [`server RSS, this log + ${server.screens} screens (MB)`, server.rssMb],
        ['server RSS, this log, no screens (MB)', server.rssMbNoScreens],
        ['machine busy (cores, all processes)', figures.machineBusyCores],
        ['  of which other processes', figures.otherCpuCores],
      ],
    );
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls `visit` with each line of an NDJSON buffer (the same splitting for every pass). */
function forEachLine(bytes: Buffer, visit: (line: string) => void): number {
  let start = 0;
  let count = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      visit(bytes.toString('utf8', start, end));
      count += 1;
    }
    start = end + 1;
  }
  return count;
}

/**
 * Seeks the drill to random times as its player does (`ReplayPlayer.seekTo`): the time's seq on
 * the recording's timeline, then the picture there. The two parts are timed apart.
 */
function seekRandomTimes(
  log: ReturnType<typeof openSqliteLog>,
  drill: { from: number; to: number; monotonic: boolean },
): { seeks: number[]; lookups: number[]; folds: number[] } {
  progress(`replay: ${SEEKS} seeks to random times`);
  const timeline = new Timeline(log, DRILL_STREAM, drill.monotonic);
  const pictureAt = (seq: number) => recordingStateAtSeq(log, DRILL_STREAM, seq, SNAPSHOT_EVERY);
  const random = seededRandom(2106);
  const seeks: number[] = [];
  const lookups: number[] = [];
  const folds: number[] = [];
  // One untimed seek first: the connection's statement caches and the JIT, as in a warm server.
  pictureAt(timeline.seqAt(drill.from));
  for (let i = 0; i < SEEKS; i += 1) {
    const at = drill.from + random() * (drill.to - drill.from);
    const started = performance.now();
    const seq = timeline.seqAt(at);
    const found = performance.now();
    const state = pictureAt(seq);
    const done = performance.now();
    if (state.seq !== seq) throw new Error(`seek to ${seq} gave ${state.seq}`);
    seeks.push(done - started);
    lookups.push(found - started);
    folds.push(done - found);
  }
  return { seeks, lookups, folds };
}

/** The lines of an NDJSON buffer as the drill import takes an upload's (split as `forEachLine`). */
async function* ndjsonLines(bytes: Buffer): AsyncGenerator<string> {
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) yield bytes.toString('utf8', start, end);
    start = end + 1;
  }
}

/** Runs a pass twice; the faster wall time and, apart, the smaller CPU time of this process. */
function fastestPass(run: () => void): { ms: number; cpuMs: number } {
  const passes = [0, 1].map(() => {
    const cpu = process.cpuUsage();
    const { ms } = timed(run);
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  });
  return {
    ms: Math.min(...passes.map((pass) => pass.ms)),
    cpuMs: Math.min(...passes.map((pass) => pass.cpuMs)),
  };
}

function fastest(run: () => number): number {
  return Math.min(run(), run());
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

async function timedAsync<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

/** Parses 100,000 lines at a time untimed, then times the fold of those events alone. */
function evolveAlone(bytes: Buffer): number {
  const state = initialState();
  let chunk: EventEnvelope[] = [];
  let ms = 0;
  const fold = () => {
    const started = performance.now();
    for (const event of chunk) evolve(state, event);
    ms += performance.now() - started;
    chunk = [];
  };
  forEachLine(bytes, (line) => {
    chunk.push(JSON.parse(line) as EventEnvelope);
    if (chunk.length === 100_000) fold();
  });
  fold();
  return ms;
}

/** Appends the log's events to a fresh stream in order (the log gives them the same seqs). */
async function importLog(log: ReturnType<typeof openSqliteLog>, bytes: Buffer): Promise<number> {
  let chunk: DomainEvent[] = [];
  let appended = 0;
  const flush = async () => {
    appended += (await log.append(STREAM, chunk)).length;
    chunk = [];
  };
  const pending: DomainEvent[][] = [];
  forEachLine(bytes, (line) => {
    const { id, type, at, data } = JSON.parse(line) as EventEnvelope;
    chunk.push({ id, type, at, data } as DomainEvent);
    if (chunk.length === SNAPSHOT_EVERY) {
      pending.push(chunk);
      chunk = [];
    }
  });
  if (chunk.length > 0) pending.push(chunk);
  for (chunk of pending) await flush();
  return appended;
}

/**
 * The generated log, cached in bench/.cache/ under a hash of everything that shapes it (the
 * scenario, the domain's rules, the catalogue and the track), so a changed generator makes a
 * new file and a stale one is never measured.
 */
function largeLogFile(events: number): { file: string; generatedSec: number | null } {
  const hash = createHash('sha256');
  const sources = [
    ...listFiles(join(ROOT, 'packages/sim/src')),
    ...listFiles(join(ROOT, 'packages/domain/src')),
    GENERATOR,
    join(ROOT, 'fixtures/xuhui/assets.json'),
    join(ROOT, 'fixtures/xuhui/infa-2106-besttrack.json'),
  ];
  for (const source of sources) hash.update(source).update(readFileSync(source));
  const name = `in-fa-${events}-${hash.digest('hex').slice(0, 12)}.ndjson`;
  const file = join(CACHE, name);
  try {
    if (statSync(file).size > 0) return { file, generatedSec: null };
  } catch {
    // not generated yet
  }
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE)) {
    if (old.startsWith(`in-fa-${events}-`)) rmSync(join(CACHE, old), { force: true });
  }
  progress(`replay: generating ${events.toLocaleString('en-US')} events with ${GENERATOR}`);
  const started = performance.now();
  const partial = `${file}.partial`;
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, GENERATOR, '--events', String(events), '--out', partial],
    { stdio: ['ignore', 'inherit', 'inherit'], cwd: ROOT },
  );
  if (run.status !== 0) throw new Error(`the log generator failed (${run.status})`);
  renameSync(partial, file);
  return { file, generatedSec: (performance.now() - started) / 1000 };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test.'),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
