// The shared shape of a run: what each benchmark returns, the targets of issue #7, the summary
// table and bench/results/latest.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatFigure, printTable } from './support/table';

export interface BenchContext {
  quick: boolean;
  /** Write V8 CPU profiles of the server (and the page) to bench/.cache/profiles/. */
  cpuProfile: boolean;
}

export const BENCHMARKS = [
  'ingest',
  'fanout',
  'replay',
  'map',
  'fairness',
  'notices',
  'positions',
  'cluster',
] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** A section's figures: flat numbers mostly; a curve or a breakdown may be a nested object. */
export type Figures = Record<string, number | string | boolean | null | object>;
/**
 * One section per benchmark, plus `server` (figures of the whole server measured by another
 * benchmark); benchmarks added later (positions, notices, cluster) get sections of their own.
 */
export type Results = {
  machine: Figures;
  server?: Figures;
} & Partial<Record<BenchmarkName, Figures>>;

type Section = BenchmarkName | 'server';

interface Target {
  /** The section the figure is in; `server` is measured by `replay`. */
  bench: Section;
  figure: string;
  label: string;
  /** `min`: the figure must be at least `value`; `max`: at most; `report`: no bound, shown. */
  kind: 'min' | 'max' | 'report';
  value: number;
  /** A figure from the same run that puts this one in context (the raw floor, mostly). */
  context?: { figure: string; label: string };
}

/** Which benchmark measures a section's figures. */
const MEASURED_BY: Record<Section, BenchmarkName> = {
  ingest: 'ingest',
  fanout: 'fanout',
  replay: 'replay',
  map: 'map',
  server: 'replay',
  fairness: 'fairness',
  notices: 'notices',
  positions: 'positions',
  cluster: 'cluster',
};

/** The targets of issue 17 (the second round; first-round figures kept beside them). */
export const TARGETS: Target[] = [
  {
    bench: 'notices',
    figure: 'deliveryP99Ms',
    label: 'notice to 285 pages, delivered p99 (ms)',
    kind: 'max',
    value: 2000,
  },
  {
    bench: 'ingest',
    figure: 'readingsPerSec',
    label: 'readings/s',
    kind: 'min',
    value: 50_000,
    context: { figure: 'rawPerSec', label: 'raw SQLite' },
  },
  { bench: 'ingest', figure: 'ratio', label: 'ratio to raw SQLite', kind: 'min', value: 0.8 },
  {
    bench: 'ingest',
    figure: 'p99AckMsAt80',
    label: 'ack p99 at 80 % load (ms)',
    kind: 'max',
    value: 25,
    context: { figure: 'p50AckMsAt80', label: 'p50' },
  },
  {
    bench: 'ingest',
    figure: 'p99AckMs',
    label: 'ack p99, 4 senders saturating',
    kind: 'report',
    value: 0,
    context: { figure: 'rawCommitP99Ms', label: 'raw 1,000-row commit p99' },
  },
  {
    bench: 'fanout',
    figure: 'p99Ms',
    label: 'send→client p99 (ms)',
    kind: 'report',
    value: 0,
    context: { figure: 'rawP99Ms', label: 'raw ws' },
  },
  {
    bench: 'fanout',
    figure: 'p99ToRaw',
    label: 'p99 ÷ raw ws p99',
    kind: 'max',
    value: 1.15,
  },
  {
    bench: 'fanout',
    figure: 'serverCpuCores',
    label: 'server CPU (cores)',
    kind: 'max',
    value: 0.5,
    context: { figure: 'rawCpuCores', label: 'raw ws' },
  },
  {
    bench: 'fanout',
    figure: 'kbPerIdleClient',
    label: 'KB per idle client',
    kind: 'max',
    value: 20,
  },
  {
    bench: 'fanout',
    figure: 'lightP99Ms',
    label: 'light load p99 (ms)',
    kind: 'report',
    value: 0,
    context: { figure: 'unbatchedP99Ms', label: 'unbatched Socket.IO' },
  },
  {
    bench: 'fanout',
    figure: 'lightToUnbatchedP99',
    label: 'light p99 ÷ unbatched p99',
    kind: 'max',
    value: 2,
  },
  {
    bench: 'fanout',
    figure: 'scaleP99Ms',
    label: '5,000 idle + 1,000 active p99',
    kind: 'report',
    value: 0,
    context: { figure: 'scaleRssMb', label: 'MB server RSS' },
  },
  {
    bench: 'replay',
    figure: 'parseEvolveToParse',
    label: 'parse+evolve ÷ bare parse',
    kind: 'min',
    value: 0.8,
    context: { figure: 'rawParsePerSec', label: 'JSON.parse alone ev/s' },
  },
  {
    bench: 'replay',
    figure: 'evolvePerSec',
    label: 'JSON.parse+evolve ev/s',
    kind: 'min',
    value: 500_000,
  },
  {
    bench: 'replay',
    figure: 'seekP95Ms',
    label: 'seek p95 (ms)',
    kind: 'max',
    value: 50,
    context: { figure: 'events', label: 'events' },
  },
  {
    bench: 'replay',
    figure: 'restartMs',
    label: 'restart → serving (ms)',
    kind: 'max',
    value: 2000,
    context: { figure: 'events', label: 'events' },
  },
  {
    bench: 'server',
    figure: 'rssMb',
    label: 'RSS, large log + 1,000 screens (MB)',
    kind: 'max',
    value: 400,
    context: { figure: 'events', label: 'events' },
  },
  {
    bench: 'map',
    figure: 'fps',
    label: 'frames/s',
    kind: 'min',
    value: 55,
    context: { figure: 'points', label: 'points' },
  },
  {
    bench: 'map',
    figure: 'longTasksOver50ms',
    label: 'long tasks > 50 ms',
    kind: 'max',
    value: 0,
    context: { figure: 'maxLongTaskMs', label: 'ms the longest' },
  },
  {
    bench: 'fairness',
    figure: 'healthzP99Ms',
    label: '/healthz p99 under ingest flood (ms)',
    kind: 'max',
    value: 100,
    context: { figure: 'quietHealthzP99Ms', label: 'quiet' },
  },
  {
    bench: 'fairness',
    figure: 'commandP99Ms',
    label: 'command p99 under ingest flood (ms)',
    kind: 'max',
    value: 100,
    context: { figure: 'quietCommandP99Ms', label: 'quiet' },
  },
  {
    bench: 'positions',
    figure: 'p99AckMs',
    label: '500 trackers at 1 Hz + readings: ack p99 (ms)',
    kind: 'max',
    value: 50,
    context: { figure: 'positionsPerSec', label: 'durable positions/s' },
  },
  {
    bench: 'map',
    figure: 'initialJsKbServed',
    label: 'initial JS as served (KB)',
    kind: 'max',
    value: 200,
    context: { figure: 'initialJsKbGzip', label: 'KB gzip -9 of the files' },
  },
];

export const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

export function machine(quick: boolean): Figures {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
  };
}

/**
 * Writes the run's sections over the previous file, so running one benchmark keeps the others'
 * last figures (each section carries its own `date` and `mode`).
 */
export function writeResults(results: Results): Results {
  let merged: Results = results;
  if (existsSync(RESULTS_FILE)) {
    try {
      const previous = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Results;
      merged = { ...previous, ...results };
    } catch {
      // an unreadable old file is simply replaced
    }
  }
  mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  return merged;
}

export function met(target: Target, value: unknown): boolean | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || target.kind === 'report') return null;
  return target.kind === 'min' ? value >= target.value : value <= target.value;
}

/** The final table: every figure against its target, for the benchmarks that ran. */
export function printSummary(results: Results, ran: readonly BenchmarkName[]): void {
  const rows = TARGETS.filter((target) => ran.includes(MEASURED_BY[target.bench])).map((target) => {
    const value = results[target.bench]?.[target.figure];
    const verdict = met(target, value);
    const bound =
      target.kind === 'report'
        ? 'reported'
        : `${target.kind === 'min' ? '≥' : '≤'} ${target.value.toLocaleString('en-US')}`;
    const context = target.context;
    const beside = context ? results[target.bench]?.[context.figure] : undefined;
    return [
      target.bench,
      target.label,
      value,
      bound,
      target.kind === 'report'
        ? ''
        : verdict === null
          ? 'not measured'
          : verdict
            ? 'met'
            : 'NOT MET',
      context && beside !== undefined ? `${formatFigure(beside)} ${context.label}` : '',
    ];
  });
  const { cores, node, date, mode } = results.machine;
  printTable(
    `summary — ${mode} run, ${cores} cores, Node ${node}, ${date}`,
    ['bench', 'figure', 'value', 'target', 'verdict', 'in the same run'],
    rows,
  );
  for (const bench of ran) {
    const other = results[bench]?.otherCpuCores;
    if (typeof other === 'number' && other > NOISY_CORES) {
      console.log(
        `⚠ ${bench}: other processes kept ${other.toFixed(2)} cores busy while it measured; ` +
          'its figures are not reliable — run it again on a quiet machine.',
      );
    }
  }
}

/** Other work above this many cores makes a run's figures unreliable on a 2-core machine. */
const NOISY_CORES = 0.25;
