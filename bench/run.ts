// npm run bench [-- [ingest|fanout|replay|map|fairness|notices|positions|cluster ...] [--quick] [--cpu-prof]]
// Runs the benchmarks one after the other (never side by side: they share two cores), prints a
// table for each and a summary against the targets, and writes bench/results/latest.json.
import { runFairness } from './fairness';
import { runCluster } from './cluster';
import { runFanout } from './fanout';
import { runIngest } from './ingest';
import { runMap } from './map';
import { runReplay } from './replay';
import { runNotices } from './notices';
import { runPositions } from './positions';
import {
  BENCHMARKS,
  machine,
  printSummary,
  RESULTS_FILE,
  writeResults,
  type BenchContext,
  type BenchmarkName,
  type Figures,
  type Results,
} from './report';

const RUNNERS: Record<BenchmarkName, (context: BenchContext) => Promise<object>> = {
  ingest: runIngest,
  fanout: runFanout,
  replay: runReplay,
  map: runMap,
  fairness: runFairness,
  notices: runNotices,
  positions: runPositions,
  cluster: runCluster,
};

const args = process.argv.slice(2);
const unknown = args.filter(
  (arg) =>
    !['--quick', '--cpu-prof'].includes(arg) && !(BENCHMARKS as readonly string[]).includes(arg),
);
if (unknown.length > 0) {
  console.error(`unknown argument(s): ${unknown.join(' ')}`);
  console.error(`usage: npm run bench -- [${BENCHMARKS.join('|')} ...] [--quick] [--cpu-prof]`);
  process.exit(2);
}
const context: BenchContext = {
  quick: args.includes('--quick'),
  cpuProfile: args.includes('--cpu-prof'),
};
const chosen = BENCHMARKS.filter((name) => args.includes(name));
const selected = chosen.length > 0 ? chosen : [...BENCHMARKS];

const started = performance.now();
const results: Results = { machine: machine(context.quick) };
let failed = false;
for (const name of selected) {
  const benchStarted = performance.now();
  console.log(`\n▶ ${name}${context.quick ? ' (quick)' : ''}`);
  try {
    const { server, ...figures } = (await RUNNERS[name](context)) as Figures;
    const stamp = {
      mode: context.quick ? 'quick' : 'full',
      date: new Date().toISOString(),
      wallSec: Math.round((performance.now() - benchStarted) / 100) / 10,
    };
    results[name] = { ...figures, ...stamp };
    // A benchmark may measure the server as a whole on the way (replay: its RSS on a large log
    // with 1,000 screens): that goes to a section of its own.
    if (server && typeof server === 'object') results.server = { ...server, from: name, ...stamp };
  } catch (error) {
    failed = true;
    console.error(`✗ ${name} failed:`, error);
    results[name] = { error: String(error), date: new Date().toISOString() };
  }
  writeResults(results);
}
printSummary(results, selected);
const total = (performance.now() - started) / 1000;
console.log(`\n${selected.join(', ')} in ${total.toFixed(0)} s → ${RESULTS_FILE}`);
process.exit(failed ? 1 : 0);
