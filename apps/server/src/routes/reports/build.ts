import { setImmediate as nextTurn } from 'node:timers/promises';
import { AfterActionBuilder, type AfterActionReport } from '@floodnet/domain';
import type { EventLog } from '@floodnet/log';

/** Events folded between two turns of the event loop, so a long log never stalls the server. */
const PAGE = 20_000;

/**
 * The after-action report of `stream` up to `toSeq`, in one pass over the log: events are read
 * lazily, page by page, and never held together.
 */
export async function buildReport(
  log: EventLog,
  stream: string,
  toSeq: number,
): Promise<AfterActionReport> {
  const builder = new AfterActionBuilder(stream);
  for (let after = 0; after < toSeq; after += PAGE) {
    for (const event of log.iterate(stream, after, Math.min(toSeq, after + PAGE))) {
      builder.add(event);
    }
    await nextTurn();
  }
  return builder.report();
}
