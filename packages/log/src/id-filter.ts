import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The Bloom filter's two functions, as JavaScript text: the main thread and the filling thread
 * build them from this same text, so both always hash alike (a difference would make the filter
 * miss ids, which would let a duplicate in). Seven bits per (stream, id) from two 32-bit hashes
 * (FNV-1a and djb2-xor) by double hashing. Bits are set with `Atomics.or`: both threads set
 * bits of the same words while the filter fills.
 */
const FILTER_FUNCTIONS = `
const HASHES = 7;
const seeds = new Int32Array(2);
const hashes = new Uint32Array(2);
function seed(stream) {
  let a = 0x811c9dc5, b = 5381;
  for (let i = 0; i < stream.length; i += 1) {
    const c = stream.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619); b = Math.imul(b, 33) ^ c;
  }
  seeds[0] = Math.imul(a, 16777619); seeds[1] = Math.imul(b, 33);
}
function hashFrom(a, b, id) {
  for (let i = 0; i < id.length; i += 1) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619); b = Math.imul(b, 33) ^ c;
  }
  hashes[0] = a; hashes[1] = b | 1;
}
function addFrom(words, mask, a0, b0, id) {
  hashFrom(a0, b0, id);
  const a = hashes[0], b = hashes[1];
  for (let k = 0; k < HASHES; k += 1) {
    const bit = (a + Math.imul(k, b)) & mask;
    words[bit >>> 5] |= 1 << (bit & 31);
  }
}
function add(words, mask, stream, id) {
  seed(stream);
  addFrom(words, mask, seeds[0], seeds[1], id);
}
function addShared(words, mask, stream, id) {
  seed(stream);
  hashFrom(seeds[0], seeds[1], id);
  const a = hashes[0], b = hashes[1];
  for (let k = 0; k < HASHES; k += 1) {
    const bit = (a + Math.imul(k, b)) & mask;
    Atomics.or(words, bit >>> 5, 1 << (bit & 31));
  }
}
function mightHave(words, mask, stream, id) {
  seed(stream);
  hashFrom(seeds[0], seeds[1], id);
  const a = hashes[0], b = hashes[1];
  for (let k = 0; k < HASHES; k += 1) {
    const bit = (a + Math.imul(k, b)) & mask;
    if ((words[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}
`;

// The filling thread: every (stream, id) on disk, read stream by stream from the id index on its
// own connection, set in a private copy (plain writes are several times cheaper than atomic
// ones), then merged word by word into the shared bits, where the main thread may have set some.
const FILL = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
${FILTER_FUNCTIONS}
const { mask } = workerData;
const shared = new Int32Array(workerData.bits);
const own = new Int32Array(shared.length);
const db = new Database(workerData.file, { readonly: true, timeout: 5000 });
const ids = db.prepare('SELECT id FROM events INDEXED BY events_by_id WHERE stream = ?').pluck();
for (const stream of workerData.streams) {
  seed(stream);
  const a0 = seeds[0], b0 = seeds[1];
  for (const id of ids.iterate(stream)) addFrom(own, mask, a0, b0, id);
}
db.close();
for (let i = 0; i < own.length; i += 1) if (own[i] !== 0) Atomics.or(shared, i, own[i]);
Atomics.store(new Int32Array(workerData.ready), 0, 1);
parentPort.postMessage('ready');
`;

type Bits = (words: Int32Array, mask: number, stream: string, id: string) => boolean;
interface FilterFunctions {
  add: Bits;
  addShared: Bits;
  mightHave: Bits;
}

/** Bits at least: 4 MiB, ≈ 1 false positive in 100,000 at a million ids, ≈ 2 % at four million. */
const MIN_BITS = 2 ** 25;
/** Bits at most: 32 MiB, for a log of 16 million events and beyond. */
const MAX_BITS = 2 ** 28;

/**
 * Which (stream, id) pairs may be in the log: `false` is certain, `true` needs the index.
 * `existingIds` and `append` ask it first, so a batch of new readings costs hashing instead of
 * a thousand index probes. It is filled from the file on a thread of its own (the log's own
 * appends are added as they are accepted, so nothing slips between); until that is done,
 * `ready` is false and every id goes to the index. Dropped streams and failed commits leave
 * their bits set: a false positive only costs a lookup.
 */
export class IdFilter {
  private readonly words: Int32Array;
  private readonly mask: number;
  /** Set to 1 by the filling thread once every id on disk is in `words`. */
  private readonly readyFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly functions: FilterFunctions;
  private readonly filling: Worker;
  /** Resolves once the filter holds every id on disk (or never fills, if the thread failed). */
  readonly filled: Promise<void>;

  constructor(file: string, streams: readonly string[], idsOnDisk: number) {
    let bits = MIN_BITS;
    while (bits < idsOnDisk * 16 && bits < MAX_BITS) bits *= 2;
    this.words = new Int32Array(new SharedArrayBuffer(bits / 8));
    this.mask = bits - 1;
    // One text for both threads (see FILTER_FUNCTIONS), hence a Function built from it.
    const build = new Function(`${FILTER_FUNCTIONS}return { add, addShared, mightHave };`);
    this.functions = build() as FilterFunctions;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.filling = new Worker(FILL, {
      eval: true,
      workerData: {
        driver,
        file,
        streams,
        bits: this.words.buffer,
        mask: this.mask,
        ready: this.readyFlag.buffer,
      },
    });
    this.filling.unref();
    this.filled = new Promise((resolve) => {
      this.filling.once('message', () => resolve());
      // Unfilled, the filter is never asked: every id goes to the index, as before it existed.
      this.filling.once('error', () => undefined);
    });
  }

  get ready(): boolean {
    return Atomics.load(this.readyFlag, 0) === 1;
  }

  add(stream: string, id: string): void {
    // While the thread fills, both set bits in the same words: only atomic writes keep both.
    const set = this.ready ? this.functions.add : this.functions.addShared;
    set(this.words, this.mask, stream, id);
  }

  /** Only meaningful once `ready`. */
  mightHave(stream: string, id: string): boolean {
    return this.functions.mightHave(this.words, this.mask, stream, id);
  }

  async stop(): Promise<void> {
    await this.filling.terminate();
  }
}
