import type { Actor } from './primitives.js';
import { refuse, type Refusal } from '../refusals.js';

/**
 * Null when the actor may act for the compound or squad `unitId`, else the refusal. A `compound`
 * account acts only for its own compound and a `squad` account only for its own squad; every
 * other role allowed the command (floodnet itself, the command room) is not bound to one unit.
 */
export function bindingRefusal(actor: Actor, unitId: string, path?: string): Refusal | null {
  if (actor.role === 'compound' && actor.compoundId !== unitId)
    return refuse(
      'NOT_YOUR_COMPOUND',
      `${actor.name} acts for ${actor.compoundId ?? 'none'}`,
      path,
    );
  if (actor.role === 'squad' && actor.squadId !== unitId)
    return refuse('NOT_YOUR_SQUAD', `${actor.name} acts for ${actor.squadId ?? 'none'}`, path);
  return null;
}

/** The compound or squad a bound account stands for, or null for other roles. */
export function boundUnit(actor: Actor): string | null {
  if (actor.role === 'compound') return actor.compoundId ?? null;
  if (actor.role === 'squad') return actor.squadId ?? null;
  return null;
}
