import { CloneType, Type } from '@sinclair/typebox';
import { StreamNameSchema } from '@floodnet/domain';
import { ErrorBodySchema } from '../errors.js';

/** Bearer authentication (a session token or an API key), for OpenAPI. */
export const bearer = [{ bearer: [] }];

/** Error responses for OpenAPI and serialisation, each described by the codes it carries. */
export function errors(codes: Record<number, string>): Record<string, typeof ErrorBodySchema> {
  return Object.fromEntries(
    Object.entries(codes).map(([status, description]) => [
      status,
      { ...CloneType(ErrorBodySchema), description },
    ]),
  );
}

/** The errors every authenticated command can meet. */
export const commandErrors = {
  400: 'VALIDATION_FAILED, MALFORMED_BODY',
  401: 'UNAUTHORIZED',
  403: 'NOT_ALLOWED_FOR_ROLE',
  413: 'BODY_TOO_LARGE',
  503: 'LOG_UNAVAILABLE (the picture is being rebuilt after a failed write)',
};

export const CommandAckSchema = Type.Object(
  { seq: Type.Integer({ description: 'seq of the last event the command committed' }) },
  { description: 'Committed', examples: [{ seq: 4711 }] },
);

export const StreamQuerySchema = Type.Object({
  stream: Type.Optional(CloneType(StreamNameSchema, { default: 'live' })),
});

export const IdParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120 }),
});

/** A domain body schema with an OpenAPI example attached (the schema itself is unchanged). */
export function withExample<T extends object>(schema: T, example: unknown): T {
  return CloneType(schema as never, { examples: [example] }) as T;
}
