// The cost of the wire form on a big picture, in process: the In-Fa recording folded to its end,
// with the catalogue grown to 20,000 assets, encoded (epoch ms → +08:00 text) and decoded back.
// Not part of `npm test`; run with `npx tsx bench/wire.ts`. Prints medians of repeated runs.
import { readFileSync } from 'node:fs';
import {
  decodeState,
  encodeState,
  evolve,
  initialState,
  stateHash,
  type EventEnvelope,
} from '@floodnet/domain';

const RECORDING = new URL('../fixtures/recordings/in-fa-2021.ndjson', import.meta.url);
const ASSETS = 20_000;
const RUNS = 30;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(run: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const state = initialState();
for (const line of readFileSync(RECORDING, 'utf8').split('\n')) {
  if (line) evolve(state, JSON.parse(line) as EventEnvelope);
}
const original = Object.values(state.assets);
for (let i = 0; Object.keys(state.assets).length < ASSETS; i += 1) {
  const asset = original[i % original.length]!;
  state.assets[`${asset.id}-copy-${i}`] = { ...asset, id: `${asset.id}-copy-${i}` };
}
const wire = encodeState(state);
const text = JSON.stringify(wire);
let times = 0;
JSON.stringify(wire, (_key, value: unknown) => {
  if (typeof value === 'string' && value.endsWith('+08:00') && value.length === 25) times += 1;
  return value;
});
const decoded = decodeState(JSON.parse(text) as never);
if (stateHash(decoded) !== stateHash(state)) throw new Error('the round trip changed the picture');

console.log(
  `picture: seq ${state.seq}, ${Object.keys(state.assets).length} assets, ${times} times, ${(text.length / 1e6).toFixed(1)} MB of JSON`,
);
console.log(`encodeState                 ${time(() => encodeState(state)).toFixed(2)} ms`);
console.log(`JSON.stringify(raw picture) ${time(() => JSON.stringify(state)).toFixed(2)} ms`);
console.log(`JSON.stringify(wire)        ${time(() => JSON.stringify(wire)).toFixed(2)} ms`);
console.log(
  `decodeState (parsed wire)   ${time(() => decodeState(JSON.parse(text) as never)).toFixed(2)} ms, JSON.parse included`,
);
console.log(`JSON.parse(wire text)       ${time(() => JSON.parse(text)).toFixed(2)} ms`);
