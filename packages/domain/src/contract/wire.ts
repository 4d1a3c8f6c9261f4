import { Kind, type TSchema } from '@sinclair/typebox';
import { EventData, isKnownEventType } from '../model/events.js';
import { CommandSchema, type Command } from '../model/commands.js';
import type { State } from '../model/state.js';
import type { StreamSnapshot } from '../model/stream-protocol.js';
import {
  fromWireTime,
  ISO_TIME_FORMAT,
  normaliseIsoTime,
  toShanghaiIso,
  WIRE_TIME_FORMAT,
  WIRE_TIME_PATTERN,
} from '../time.js';
import { StateSchema, type StateJson, type StreamStateJson } from './state-schema.js';

/**
 * The picture between memory and the wire. Inside, a time is epoch milliseconds (cheap to fold
 * and compare); in every answer it is `2021-07-25T12:30:00+08:00`. The converters are walkers
 * compiled once from the schema itself: the wire schema marks each time (`format: date-time`),
 * so a field added to a slice's schema is converted without anyone writing code for it, and the
 * parts of the picture with no time inside (the 20,000-asset catalogue, plans, counters) are
 * passed along as they are instead of being copied. TypeBox's `Value.Encode` would do the same
 * job through `Type.Transform`, but by checking and cloning every node of a large picture.
 */

// The values are whatever JSON the schema describes: the walker only reads what the schema says.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Walk = (value: Json) => Json;

/** Writes a property even when the key is `__proto__` (an id from outside may be anything). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true });
  else target[key] = value;
}

/**
 * A function that rewrites every value `isTime` picks out of a value of `schema` with `leaf`,
 * copying only the objects and arrays on the way to one; null when `schema` holds no time.
 */
export function compileWalker(
  schema: TSchema,
  isTime: (schema: TSchema) => boolean,
  leaf: Walk,
): Walk | null {
  if (isTime(schema)) return leaf;
  const walk = (inner: TSchema) => compileWalker(inner, isTime, leaf);
  switch (schema[Kind]) {
    case 'Object': {
      const fields: [string, Walk][] = [];
      for (const [key, inner] of Object.entries(schema.properties as Record<string, TSchema>)) {
        const walker = walk(inner);
        if (walker) fields.push([key, walker]);
      }
      if (fields.length === 0) return null;
      return (value) => {
        const out = { ...value };
        for (const [key, walker] of fields)
          if (Object.hasOwn(out, key)) out[key] = walker(out[key]);
        return out;
      };
    }
    case 'Record': {
      const inner = Object.values(schema.patternProperties as Record<string, TSchema>)[0];
      const walker = inner ? walk(inner) : null;
      if (!walker) return null;
      return (value) => {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value)) put(out, key, walker(value[key]));
        return out;
      };
    }
    case 'Array': {
      const walker = walk(schema.items as TSchema);
      return walker && ((value: Json[]) => value.map((item) => walker(item)));
    }
    case 'Tuple': {
      const walkers = ((schema.items ?? []) as TSchema[]).map(walk);
      if (walkers.every((walker) => walker === null)) return null;
      return (value: Json[]) => value.map((item, i) => (walkers[i] ? walkers[i](item) : item));
    }
    case 'Union': {
      const members = (schema.anyOf as TSchema[]).map((member) => ({
        member,
        walker: walk(member),
      }));
      const timed = members.filter((m) => m.walker !== null);
      if (timed.length === 0) return null;
      const others = members.filter((m) => m.walker === null);
      // `X | null` is all the picture needs; a union of several shapes holding times would need
      // a discriminator to choose the walker, so it is refused here rather than guessed at.
      if (timed.length > 1 || others.some((m) => m.member[Kind] !== 'Null')) {
        throw new Error(
          `wire: a union with a time must be "X | null" (${schema.description ?? ''})`,
        );
      }
      const walker = timed[0]!.walker!;
      return (value) => (value === null ? null : walker(value));
    }
    case 'Intersect':
      throw new Error('wire: use Type.Composite rather than Type.Intersect in a picture schema');
    default:
      return null;
  }
}

const isWireTime = (schema: TSchema) => schema.format === WIRE_TIME_FORMAT;
const identity: Walk = (value) => value;
const encoder =
  compileWalker(StateSchema, isWireTime, (ms: number) => toShanghaiIso(ms)) ?? identity;
const decoder =
  compileWalker(StateSchema, isWireTime, (text: string) => fromWireTime(text)) ?? identity;

/** The picture as an answer carries it: every time `YYYY-MM-DDTHH:MM:SS+08:00`. */
export function encodeState(state: State): StateJson {
  return encoder(state) as StateJson;
}

/**
 * The fold's picture back from the wire, times in epoch milliseconds. The inverse of
 * `encodeState` for a picture whose times are whole seconds (all of them: every time reaching
 * the log is normalised to the second), so `stateHash` matches the server's.
 */
export function decodeState(wire: StateJson): State {
  return decoder(wire) as State;
}

/** The wire form of `GET /api/v1/state` and the socket's `snapshot`. */
export type WireSnapshot = StreamStateJson;

export function encodeSnapshot(snapshot: StreamSnapshot): WireSnapshot {
  return { stream: snapshot.stream, seq: snapshot.seq, state: encodeState(snapshot.state) };
}

export function decodeSnapshot(snapshot: WireSnapshot): StreamSnapshot {
  return { stream: snapshot.stream, seq: snapshot.seq, state: decodeState(snapshot.state) };
}

/** A time from outside in the wire form, or as it came when it is no time (the check says so). */
const WIRE_TIME = new RegExp(WIRE_TIME_PATTERN);
const normaliseTime: Walk = (text) =>
  typeof text !== 'string' || WIRE_TIME.test(text) ? text : (normaliseIsoTime(text) ?? text);
const isInputTime = (schema: TSchema) => schema.format === ISO_TIME_FORMAT;
const eventDataNormalisers = new Map<string, Walk | null>();

/**
 * An event from outside (an imported recording) with `at` and every time in its data brought to
 * the wire form, so that what reaches the log reads the same whatever offset it was written in.
 * Types this version does not know keep their data as it is; values that are not times are left
 * for the envelope check to name.
 */
export function normaliseEventTimes<E extends { type: string; at: unknown; data?: unknown }>(
  event: E,
): E {
  let normaliser = eventDataNormalisers.get(event.type);
  if (normaliser === undefined && isKnownEventType(event.type)) {
    normaliser = compileWalker(EventData[event.type], isInputTime, normaliseTime);
    eventDataNormalisers.set(event.type, normaliser);
  }
  let data = event.data;
  if (normaliser && typeof data === 'object' && data !== null) {
    try {
      data = normaliser(data);
    } catch {
      // data of the wrong shape: left as it came, for the envelope check to name the field
    }
  }
  return { ...event, at: normaliseTime(event.at), data };
}

const commandNormalisers = new Map<string, Walk | null>(
  (CommandSchema.anyOf as TSchema[]).map((member) => [
    String((member.properties as { type: { const: string } }).type.const),
    compileWalker(member, isInputTime, normaliseTime),
  ]),
);

/**
 * A command with every time it carries in the wire form (a reading's `at` in UTC with
 * milliseconds becomes `…+08:00` to the second): for the commands whose events are folded as
 * they are decided, so the picture and the log read the same instant.
 */
export function normaliseCommandTimes(command: Command): Command {
  const normaliser = commandNormalisers.get(command.type);
  return normaliser ? (normaliser(command) as Command) : command;
}
