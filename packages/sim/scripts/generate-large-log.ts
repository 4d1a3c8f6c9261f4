// Writes a large In-Fa event log for benchmarks, streamed to disk.
// Usage: npx tsx packages/sim/scripts/generate-large-log.ts --events 1000000 --out FILE [--seed N]
import { statSync } from 'node:fs';
import { largeLog, loadInFaInputs, writeNdjson } from '@floodnet/sim';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
}

const events = Number(option('events') ?? 1_000_000);
const out = option('out');
const seed = option('seed');
if (!out || !Number.isInteger(events) || events < 1) {
  console.error('usage: generate-large-log.ts --events N --out FILE [--seed N]');
  process.exit(2);
}
const started = performance.now();
const count = writeNdjson(
  out,
  largeLog(loadInFaInputs(), { events, ...(seed ? { seed: Number(seed) } : {}) }),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${out}: ${count} events, ${(statSync(out).size / 1e6).toFixed(0)} MB, ${seconds} s`);
