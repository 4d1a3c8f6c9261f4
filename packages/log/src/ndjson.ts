import type { EventLog } from './port';

/** Events read per page: long exports never hold a cursor open across awaits. */
const PAGE_SIZE = 1000;

/**
 * The envelopes of `stream` with afterSeq < seq ≤ toSeq (default: the end when the export
 * starts), one JSON line each, in the contract's key order. Re-importing these lines and
 * exporting again gives the same bytes.
 */
export async function* exportNdjson(
  log: EventLog,
  stream: string,
  afterSeq = 0,
  toSeq?: number,
): AsyncGenerator<string, void, undefined> {
  const end = toSeq ?? log.lastSeq(stream);
  let after = afterSeq;
  while (after < end) {
    const page = log.readAfter(stream, after, Math.min(PAGE_SIZE, end - after));
    if (page.length === 0) return;
    for (const envelope of page) yield JSON.stringify(envelope) + '\n';
    after = page[page.length - 1]!.seq;
  }
}
