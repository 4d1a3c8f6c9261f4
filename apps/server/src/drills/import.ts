import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TObject } from '@sinclair/typebox';
import {
  EventEnvelopeSchema,
  evolve,
  initialState,
  normaliseEventTimes,
  type DomainEvent,
  type EventEnvelope,
} from '@floodnet/domain';
import { IdConflictError, type EventLog } from '@floodnet/log';
import { BadDrillLine } from './errors.js';

/** What an import stored: counts and the recording's time span. */
export interface Imported {
  events: number;
  /** Event time of the first and the last line (epoch ms). */
  from: number;
  to: number;
  /** Whether `at` never goes back from one line to the next (lets playback scan forward). */
  monotonic: boolean;
}

export interface ImportOptions {
  /** Envelopes per `append` (each awaited, so memory stays bounded whatever the length). */
  chunk?: number;
  /** A snapshot is saved at every multiple of this seq, so a seek folds at most this many. */
  snapshotEvery: number;
}

/**
 * The envelope check, compiled at the first import rather than at start: compiling the union of
 * every event type and each member was ≈ 0.6 s of a server's start (profile of buildApp).
 */
let checks: {
  envelope: TypeCheck<typeof EventEnvelopeSchema>;
  byType: Map<string, TypeCheck<TObject>>;
} | null = null;

function envelopeChecks() {
  checks ??= {
    envelope: TypeCompiler.Compile(EventEnvelopeSchema),
    /** One compiled check per event type: a union's own error ("Expected union value") says nothing. */
    byType: new Map<string, TypeCheck<TObject>>(
      (EventEnvelopeSchema.anyOf as TObject[]).map((member) => [
        String((member.properties.type as { const?: unknown }).const),
        TypeCompiler.Compile(member),
      ]),
    ),
  };
  return checks;
}

function isEventLike(value: unknown): value is { type: string; at: unknown; data?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Why a parsed line is not an envelope, in words a trainer can act on, or null if it is one. */
export function envelopeProblem(value: unknown): string | null {
  const { envelope, byType } = envelopeChecks();
  if (envelope.Check(value)) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'not a JSON object';
  }
  const type = (value as { type?: unknown }).type;
  const check = typeof type === 'string' ? byType.get(type) : undefined;
  if (!check) return `unknown event type ${JSON.stringify(type)}`;
  const first = check.Errors(value).First();
  return first ? `${first.path || '/'}: ${first.message}` : 'not a valid event envelope';
}

/**
 * Validates NDJSON lines one by one and appends them to `stream` (which must be new) in chunks,
 * folding them as they go so a snapshot lands on every multiple of `snapshotEvery`. The first bad
 * line throws `BadDrillLine`; what was already appended stays for the caller to drop. The
 * envelopes keep their `id`, `type`, `at` and `data`; the log gives them the same `seq` (checked
 * gap-free from 1) in the new stream.
 */
export async function importEnvelopes(
  log: EventLog,
  stream: string,
  lines: AsyncIterable<string>,
  options: ImportOptions,
): Promise<Imported> {
  const chunkSize = options.chunk ?? 5000;
  const every = options.snapshotEvery;
  const state = initialState();
  let chunk: DomainEvent[] = [];
  let chunkLines: number[] = [];
  let lineNo = 0;
  let seq = 0;
  let from = 0;
  let to = 0;
  let latest = -Infinity;
  let monotonic = true;

  const flush = async () => {
    if (chunk.length === 0) return;
    const events = chunk;
    const numbers = chunkLines;
    chunk = [];
    chunkLines = [];
    try {
      await log.append(stream, events);
    } catch (error) {
      if (error instanceof IdConflictError) {
        // The later of two lines with one id is the bad one (the log refuses within a call too).
        const line = numbers[events.findLastIndex((event) => event.id === error.id)] ?? lineNo;
        throw new BadDrillLine(line, `id ${JSON.stringify(error.id)} appears twice`, 422);
      }
      throw error;
    }
    if (state.seq % every === 0) {
      log.saveSnapshot({ stream, seq: state.seq, at: state.clock, state });
    }
  };

  for await (const raw of lines) {
    lineNo += 1;
    if (raw.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new BadDrillLine(lineNo, `not JSON (${(error as Error).message})`);
    }
    // A recording written in UTC or with milliseconds is taken, its times in the wire form.
    const normalised = isEventLike(parsed) ? normaliseEventTimes(parsed) : parsed;
    const problem = envelopeProblem(normalised);
    if (problem) throw new BadDrillLine(lineNo, problem);
    const event = normalised as EventEnvelope;
    if (seq === 0 && event.type !== 'assets.registered') {
      throw new BadDrillLine(
        lineNo,
        `the first event must be assets.registered, not ${event.type}`,
        422,
      );
    }
    if (event.seq !== seq + 1) {
      const expected = seq + 1;
      throw new BadDrillLine(
        lineNo,
        `seq ${event.seq} where ${expected} was expected (seq rises by 1 from 1, no gaps)`,
        422,
      );
    }
    const atMs = Date.parse(event.at);
    if (!Number.isFinite(atMs)) throw new BadDrillLine(lineNo, `/at: ${event.at} is not a time`);
    seq = event.seq;
    if (seq === 1) from = atMs;
    to = atMs;
    if (atMs < latest) monotonic = false;
    latest = Math.max(latest, atMs);

    const { id, type, at, data } = event;
    const stored = { id, type, at, data } as DomainEvent;
    chunk.push(stored);
    chunkLines.push(lineNo);
    evolve(state, event);
    if (chunk.length >= chunkSize || seq % every === 0) await flush();
  }
  await flush();
  if (seq === 0) throw new BadDrillLine(Math.max(lineNo, 1), 'the log holds no events', 422);
  return { events: seq, from, to, monotonic };
}
