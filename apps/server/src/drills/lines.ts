import type { Readable } from 'node:stream';
import createError from '@fastify/error';
import { UploadTooLarge } from './errors.js';

export const LineTooLong = createError(
  'LINE_TOO_LONG',
  'Line %s is longer than %s bytes: one event envelope per line (is a newline missing?)',
  413,
);
export { UploadTooLarge };

export interface LineLimits {
  /** Longest line, in bytes, without its newline. */
  lineBytes: number;
  /** Whole input, in bytes. */
  totalBytes: number;
}

/**
 * The lines of an NDJSON stream, never holding more than one line and one chunk: a line over
 * `lineBytes` (a 700 MB upload without a newline) or an input over `totalBytes` throws a 413
 * with the limit, instead of growing a string until the process dies. Splits on the byte 0x0A,
 * which never occurs inside a UTF-8 character; a trailing `\r` is dropped.
 */
export async function* ndjsonLines(source: Readable, limits: LineLimits): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  let lineNo = 0;
  const text = (parts: Buffer[]) => {
    const line = Buffer.concat(parts).toString('utf8');
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  // Not destroyed on an early end: the route lets the rest of a refused upload drain and answers.
  const chunks = source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > limits.totalBytes) throw new UploadTooLarge(String(limits.totalBytes));
    let start = 0;
    for (;;) {
      const end = buffer.indexOf(0x0a, start);
      const piece = buffer.subarray(start, end === -1 ? buffer.length : end);
      if (pendingBytes + piece.length > limits.lineBytes) {
        throw new LineTooLong(String(lineNo + 1), String(limits.lineBytes));
      }
      if (end === -1) {
        if (piece.length > 0) {
          pending.push(piece);
          pendingBytes += piece.length;
        }
        break;
      }
      lineNo += 1;
      const line = text([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      yield line;
      start = end + 1;
    }
  }
  if (pendingBytes > 0) yield text(pending);
}
