import type { Command, EventEnvelope } from '@floodnet/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Outcome } from '../engine/stream-engine.js';
import { actorOf } from '../plugins/auth.js';

/**
 * Runs a command as the caller on the stream the request names (live unless it names one):
 * what a command route does once the schema has let its body through.
 */
export function executeAsCaller(
  app: FastifyInstance,
  request: FastifyRequest & { query: { stream?: string } },
  command: Command,
): Promise<Outcome> {
  return app.engine.execute(request.query.stream ?? 'live', command, actorOf(request));
}

/** The id a command gave what it created, read from the event that records it ('' if none). */
export function createdId<T extends EventEnvelope['type']>(
  events: EventEnvelope[],
  type: T,
  idOf: (event: Extract<EventEnvelope, { type: T }>) => string,
): string {
  const created = events.find(
    (event): event is Extract<EventEnvelope, { type: T }> => event.type === type,
  );
  return created ? idOf(created) : '';
}
