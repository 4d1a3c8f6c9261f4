import type { DomainEvent, EventEnvelope } from '@floodnet/domain';
import { exportNdjson } from './ndjson';
import { openPgLog } from './pg-log';
import type { EventLog } from './port';
import { openSqliteLog } from './sqlite-log';

/** Opens a log by location: a `postgres://` / `postgresql://` URL, else a SQLite file path. */
export async function openLogAt(location: string): Promise<EventLog> {
  return /^postgres(ql)?:\/\//.test(location)
    ? openPgLog({ url: location })
    : openSqliteLog({ file: location });
}

/** Every stream of the log, `live` first, as NDJSON envelopes (snapshots are derived: left out). */
export async function* exportAll(log: EventLog): AsyncGenerator<string, void, undefined> {
  const names = log
    .streams()
    .map((info) => info.stream)
    .sort((a, b) => (a === 'live' ? -1 : b === 'live' ? 1 : a.localeCompare(b)));
  for (const stream of names) yield* exportNdjson(log, stream);
}

const BATCH = 2_000;

/**
 * Appends exported envelopes to a log, keeping their ids, and checks that each lands on the seq
 * it had: a stream must continue where the target's ends (an empty target: from 1), with no gap.
 * Returns the events imported per stream.
 */
export async function importAll(
  log: EventLog,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let batch: EventEnvelope[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { stream } = batch[0]!;
    const events = batch.map(({ id, type, at, data }) => ({ id, type, at, data }) as DomainEvent);
    const stored = await log.append(stream, events);
    if (stored[0]!.seq !== batch[0]!.seq) {
      throw new Error(`${stream}: seq ${batch[0]!.seq} landed on ${stored[0]!.seq}`);
    }
    counts.set(stream, (counts.get(stream) ?? 0) + batch.length);
    batch = [];
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const envelope = JSON.parse(line) as EventEnvelope;
    const previous = batch[batch.length - 1];
    if (previous && previous.stream !== envelope.stream) await flush();
    const expected = (batch[batch.length - 1]?.seq ?? log.lastSeq(envelope.stream)) + 1;
    if (envelope.seq !== expected) {
      throw new Error(
        `line ${lineNumber}: ${envelope.stream} seq ${envelope.seq}, expected ${expected}`,
      );
    }
    batch.push(envelope);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return counts;
}
