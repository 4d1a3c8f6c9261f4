import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../plugins/auth.js';

/** `Idempotency-Key`: a phone on a poor connection resends a command with the same key. */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9._:-]{8,80}$',
      description: 'Resending with the same key returns the first answer instead of acting twice',
    }),
  ),
});

const REMEMBERED = 20_000;
const answers = new Map<string, Promise<unknown>>();

/**
 * Runs a command once per (actor, key): a resend while the first is in flight, or after it was
 * answered, gets the first answer. Commands whose second run would change something (a report)
 * also pass `eventId` into their events, so the log refuses a resend after a restart too.
 */
export function once<T>(
  request: FastifyRequest,
  run: (eventId: string | undefined) => Promise<T>,
): Promise<T> {
  const key = (request.headers['idempotency-key'] as string | undefined) ?? undefined;
  if (!key) return run(undefined);
  const actor = actorOf(request);
  const scope = `${actor.name}:${request.routeOptions.url ?? ''}:${key}`;
  const known = answers.get(scope) as Promise<T> | undefined;
  if (known) return known;
  const answer = run(`idem:${actor.name}:${key}`.slice(0, 120));
  answers.set(scope, answer);
  // A refusal may be retried with the same key once fixed; only successes are remembered.
  answer.catch(() => answers.delete(scope));
  if (answers.size > REMEMBERED) answers.delete(answers.keys().next().value!);
  return answer;
}
