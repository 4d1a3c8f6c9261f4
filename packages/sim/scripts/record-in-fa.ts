// Regenerates fixtures/recordings/in-fa-2021.ndjson: Typhoon In-Fa over Xuhui, seed 2106, played
// through the offline engine. Usage: npx tsx packages/sim/scripts/record-in-fa.ts [--out FILE]
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  IN_FA_SEED,
  InFaScenario,
  loadInFaInputs,
  OfflineEngine,
  playScenario,
  writeNdjson,
} from '@floodnet/sim';
import { stateHash } from '@floodnet/domain';

const outArg = process.argv.indexOf('--out');
const out =
  outArg > 0
    ? process.argv[outArg + 1]!
    : fileURLToPath(new URL('../../../fixtures/recordings/in-fa-2021.ndjson', import.meta.url));

const started = performance.now();
const inputs = loadInFaInputs();
const scenario = new InFaScenario({ ...inputs, seed: IN_FA_SEED });
const engine = new OfflineEngine();
const count = writeNdjson(
  out,
  playScenario(scenario, inputs.assets, engine, scenario.endMs, inputs.plans),
);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const megabytes = (statSync(out).size / 1e6).toFixed(1);
console.log(`${out}: ${count} events, ${megabytes} MB, ${seconds} s`);
console.log(
  `final state hash ${stateHash(engine.state)}; ${engine.refusals.length} refused commands`,
);
