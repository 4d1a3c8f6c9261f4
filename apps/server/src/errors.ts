import createError from '@fastify/error';
import { Type, type Static } from '@sinclair/typebox';
import type { Refusal } from '@floodnet/domain';
import type { FastifyError, FastifyInstance } from 'fastify';

/** The one error body of the API: `{ error: { code, message, path? } }`. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['VALIDATION_FAILED'] }),
      message: Type.String(),
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
  { description: 'Every 4xx/5xx response has this shape' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** The server's own coded errors (domain refusals carry their own codes, see `RefusedError`). */
export const Unauthorized = createError('UNAUTHORIZED', 'Sign in first: %s', 401);
export const BadCredentials = createError('BAD_CREDENTIALS', 'Wrong username or password', 401);
export const LoginLocked = createError(
  'LOGIN_LOCKED',
  'Too many failed sign-ins for this account; try again in %s s',
  429,
);
export const RateLimited = createError('RATE_LIMITED', 'Too many requests; retry in %s', 429);
export const NotAllowed = createError('NOT_ALLOWED_FOR_ROLE', 'Not allowed for this role: %s', 403);
export const UnknownStream = createError('UNKNOWN_STREAM', 'No such stream: %s', 404);
export const UserExists = createError('USER_EXISTS', 'That username is taken: %s', 409);
export const NotFound = createError('NOT_FOUND', 'Nothing here: %s %s', 404);
export const LogUnavailable = createError(
  'LOG_UNAVAILABLE',
  'The event log is recovering; retry shortly',
  503,
);

/** A command that `decide` refused: the refusal's own status, code and path go to the client. */
export class RefusedError extends Error {
  readonly statusCode: number;
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.statusCode = refusal.status;
  }
}

/** `readings[12].sensorId` (the domain's notation) as a JSON pointer, `/readings/12/sensorId`. */
export function toPointer(path: string): string {
  if (path.startsWith('/')) return path;
  return (
    '/' +
    path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)
      .join('/')
  );
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
};

function bodyOf(error: FastifyError | RefusedError): { status: number; body: ErrorBody } {
  if (error instanceof RefusedError) {
    const { code, message, path, details } = error.refusal;
    const pointer = path ? toPointer(path) : undefined;
    return {
      status: error.statusCode,
      body: {
        error: {
          code,
          message,
          ...(pointer ? { path: pointer } : {}),
          ...(details ? { details } : {}),
        },
      },
    };
  }
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!;
    const path = first.instancePath || '/';
    const where = error.validationContext === 'body' ? '' : `${error.validationContext} `;
    return {
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: `${where}${path}: ${first.message}`, path },
      },
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500 && !(error instanceof LogUnavailable)) {
    return { status, body: { error: { code: 'INTERNAL', message: 'Something went wrong' } } };
  }
  const code = (error.code && FASTIFY_CODES[error.code]) || error.code || 'BAD_REQUEST';
  const known = !code.startsWith('FST_');
  const message = error instanceof SyntaxError ? `Malformed JSON: ${error.message}` : error.message;
  // A coded error may name the field (or CSV line) at fault.
  const at = (error as { path?: unknown }).path;
  const path = typeof at === 'string' ? { path: at } : {};
  return {
    status,
    body: { error: { code: known ? code : 'BAD_REQUEST', message, ...path } },
  };
}

/** Every error leaves the server as `{ error: { code, message } }` with its status. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError | RefusedError>((error, request, reply) => {
    const { status, body } = bodyOf(error);
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, status }, body.error.message);
    return reply.status(status).send(body);
  });
}
