import type { Command } from '../model/commands.js';
import type { Actor } from '../model/primitives.js';
import { decide } from '../decide.js';
import { commander, given, T0 } from './given.js';

/** The refusal a command meets (failing the test if it is accepted). */
export function refusalOf(command: Command, state = given(), actor: Actor = commander) {
  const decision = decide(command, state, { now: T0, actor });
  if (decision.ok)
    throw new Error(`expected a refusal, got ${decision.events.map((e) => e.type).join()}`);
  return decision.refusal;
}

/** The events a command causes (failing the test if it is refused). */
export function eventsOf(command: Command, state = given(), actor: Actor = commander, now = T0) {
  const decision = decide(command, state, { now, actor });
  if (!decision.ok) throw new Error(`refused: ${decision.refusal.code}`);
  return decision.events;
}
