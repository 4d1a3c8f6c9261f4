// Reads a V8 .cpuprofile (node --cpu-prof, or the page's Profiler over CDP) and lists where the
// time went: self time per function, and total (inclusive) time for the heaviest callers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { printTable } from './table';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

const where = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.replace(/^.*\/(node_modules|work\/main)\//, '').replace(/\?.*$/, '') : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
};

/** Self and inclusive milliseconds per function, from the samples' time deltas. */
export function profileSummary(file: string, top = 20): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(samples[i]!, (selfMs.get(samples[i]!) ?? 0) + ms);
  }
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    self.set(where(node), (self.get(where(node)) ?? 0) + ms);
    // Inclusive: each distinct function on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = where(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => [name.slice(0, 110), ms, `${((100 * ms) / wall).toFixed(1)} %`]);
  printTable(
    `${basename(dirname(file))}/${basename(file)} — self time (profile ${wall.toFixed(0)} ms)`,
    ['function', 'ms', 'of wall'],
    rows(self),
  );
  printTable(
    `${basename(dirname(file))} — inclusive time`,
    ['function', 'ms', 'of wall'],
    rows(total),
  );
}

/**
 * The main thread's profile in a folder of one process's profiles: Node names them
 * `CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`, the main thread being thread 0.
 */
export function mainProfile(dir: string): string | null {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  const main = files.find((name) => name.split('.')[4] === '0') ?? files[0];
  return main ? join(dir, main) : null;
}

// npx tsx bench/support/profile-summary.ts FILE_OR_FOLDER... (TOP=40 for more rows)
if (process.argv[1] && import.meta.url.endsWith(process.argv[1])) {
  for (const path of process.argv.slice(2)) {
    const file = statSync(path).isDirectory() ? mainProfile(path) : path;
    if (file) profileSummary(file, Number(process.env.TOP ?? 25));
  }
}
