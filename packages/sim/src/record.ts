// I/O: NDJSON logs on disk. Writing is streamed in large chunks so a million-event log never
// sits in memory.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventEnvelope } from '@floodnet/domain';

/** One envelope as one NDJSON line (without the newline), keys in the contract's order. */
export function envelopeLine(envelope: EventEnvelope): string {
  const { seq, stream, id, type, at, data } = envelope;
  return JSON.stringify({ seq, stream, id, type, at, data });
}

/** Writes envelopes to a file, one per line; returns how many were written. */
export function writeNdjson(path: string, envelopes: Iterable<EventEnvelope>): number {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  let count = 0;
  let chunk: string[] = [];
  let size = 0;
  try {
    for (const envelope of envelopes) {
      const line = envelopeLine(envelope);
      chunk.push(line);
      size += line.length;
      count += 1;
      if (size > 1 << 20) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
        size = 0;
      }
    }
    if (chunk.length > 0) writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
  return count;
}
