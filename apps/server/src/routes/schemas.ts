import { CloneType, Type, type TSchema } from '@sinclair/typebox';
import { StreamNameSchema, type ErrorCode } from '@floodnet/domain';

/** Bearer authentication (a session token or an API key), for OpenAPI. */
export const bearer = [{ bearer: [] }];

/** Schemas that stand for a named schema of the contract, for the docs to write as `$ref`. */
const named = new WeakMap<object, string>();

/** The contract's name of a schema passed to `ref`, if it is one. */
export function contractNameOf(schema: object): string | undefined {
  return named.get(schema);
}

/** A response that is a named schema: its description and headers beside the schema itself. */
export interface NamedAnswer<T extends TSchema> {
  description?: string;
  headers?: Record<string, TSchema>;
  content: { 'application/json': { schema: T } };
}

/**
 * A named schema of the contract (`components.schemas.<name>` in OpenAPI). The route serialises
 * with the domain's schema object itself — the very object the web app's checkers are generated
 * from — and the docs plugin writes it as a `$ref` to the component. With a description or
 * headers, the answer is the media-type form around it, so nothing is added to the shared schema.
 */
export function ref<T extends TSchema>(name: string, schema: T): T;
export function ref<T extends TSchema>(
  name: string,
  schema: T,
  description: string,
  headers?: Record<string, TSchema>,
): NamedAnswer<T>;
export function ref<T extends TSchema>(
  name: string,
  schema: T,
  description?: string,
  headers?: Record<string, TSchema>,
): T | NamedAnswer<T> {
  const known = named.get(schema);
  if (known !== undefined && known !== name) {
    throw new Error(`schema named both ${known} and ${name}`);
  }
  named.set(schema, name);
  if (description === undefined && headers === undefined) return schema;
  return {
    ...(description === undefined ? {} : { description }),
    ...(headers === undefined ? {} : { headers }),
    content: { 'application/json': { schema } },
  };
}

/**
 * As `ref`, for a route that sends its body already serialised (a cached string): nothing to
 * compile a serialiser for, so the route holds only the reference.
 */
export function refText(name: string, description?: string, headers?: Record<string, TSchema>) {
  const stand = Type.Unsafe<string>({
    ...(description === undefined ? {} : { description }),
    ...(headers === undefined ? {} : { headers }),
  });
  named.set(stand, name);
  return stand;
}

/** The headers of a rate-limited answer (IETF draft RateLimit fields, as @fastify/rate-limit). */
export const rateLimitHeaders = {
  'ratelimit-limit': Type.Integer({ description: 'requests allowed in the window' }),
  'ratelimit-remaining': Type.Integer({ description: 'requests left in the window' }),
  'ratelimit-reset': Type.Integer({ description: 'seconds until the window resets' }),
};
const retryAfter = {
  'retry-after': Type.Integer({ description: 'seconds to wait before trying again' }),
};

/**
 * The error body with the codes as one plain `enum` (the domain's `errorBodySchema` is a union of
 * literals, which fast-json-stringify would compile a validator for on every route).
 */
function errorBody(codes: ErrorCode[]) {
  return Type.Object(
    {
      error: Type.Object({
        code: Type.Unsafe<ErrorCode>({ type: 'string', enum: codes }),
        message: Type.String({ description: 'what is wrong, for a person' }),
        path: Type.Optional(
          Type.String({ description: 'JSON pointer of the field at fault, e.g. /readings/3/at' }),
        ),
        details: Type.Optional(
          Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]), {
            description: 'Particulars of a refusal, e.g. `nearestSiteId` for SITE_FULL',
          }),
        ),
      }),
    },
    { description: codes.join(', ') },
  );
}

export type ErrorCodes = Partial<Record<number, readonly ErrorCode[]>>;

/**
 * Error responses for OpenAPI and serialisation: for each status, the body with exactly the codes
 * that status carries on this route as an enum. Every route may also fail with 500 `INTERNAL`.
 */
export function errors(...parts: ErrorCodes[]): Record<string, TSchema> {
  const all: Record<number, ErrorCode[]> = { 500: ['INTERNAL'] };
  for (const part of parts) {
    for (const [status, list = []] of Object.entries(part)) {
      const merged = new Set([...(all[Number(status)] ?? []), ...list]);
      all[Number(status)] = [...merged];
    }
  }
  return Object.fromEntries(
    Object.entries(all).map(([status, list]) => {
      const schema: TSchema & { headers?: Record<string, TSchema> } = errorBody(list);
      if (status === '429' || status === '503') schema.headers = { ...retryAfter };
      if (status === '429' && list.includes('RATE_LIMITED')) {
        schema.headers = { ...schema.headers, ...rateLimitHeaders };
      }
      return [status, schema];
    }),
  );
}

/** The errors every authenticated command can meet (a recorded drill takes no commands). */
export const commandErrors = {
  400: ['VALIDATION_FAILED', 'MALFORMED_BODY'],
  401: ['UNAUTHORIZED'],
  403: ['NOT_ALLOWED_FOR_ROLE'],
  404: ['UNKNOWN_STREAM'],
  409: ['DRILL_IS_RECORDING'],
  413: ['BODY_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
  503: ['LOG_UNAVAILABLE'],
} as const satisfies ErrorCodes;

/** The errors of a read of a stream. */
export const readErrors = {
  400: ['VALIDATION_FAILED'],
  401: ['UNAUTHORIZED'],
  403: ['NOT_ALLOWED_FOR_ROLE', 'NOT_ALLOWED_FOR_SCOPE'],
  404: ['UNKNOWN_STREAM'],
} as const satisfies ErrorCodes;

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
