import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkerSource } from '../src/api/checker-source';

// Writes src/api/checkers.generated.ts from the contract's schemas (see checker-source.ts).
// `npm run generate:checkers -w @floodnet/web`; a unit test fails while the file is stale.

const path = fileURLToPath(new URL('../src/api/checkers.generated.ts', import.meta.url));
const fresh = checkerSource();
let current = '';
try {
  current = readFileSync(path, 'utf8');
} catch {
  // not generated yet
}
if (current === fresh) console.log('checkers.generated.ts is up to date');
else {
  writeFileSync(path, fresh);
  console.log(`wrote ${path}`);
}
