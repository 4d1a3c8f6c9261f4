import createError from '@fastify/error';
import { ISO_TIME_FORMAT, type Refusal } from '@floodnet/domain';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

/**
 * The one error body of the API, `{ error: { code, message, path? } }`; its schema, with every
 * code as an enum, is the contract's `ErrorBodySchema` in the domain. Here `code` is any string:
 * Fastify's own errors are mapped onto the contract's codes below.
 */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    path?: string;
    /** Particulars of a refusal, e.g. `nearestSiteId` for SITE_FULL. */
    details?: Record<string, string | number | null>;
  };
}

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
export const NotInScope = createError('NOT_ALLOWED_FOR_SCOPE', 'Not allowed for this key: %s', 403);
export const UnknownUser = createError('UNKNOWN_USER', 'No such account: %s', 404);
export const UnknownKey = createError('UNKNOWN_KEY', 'No such API key: %s', 404);
export const LastAdmin = createError(
  'LAST_ADMIN',
  'floodnet needs one enabled admin; %s is the last',
  409,
);
export const LogUnavailable = createError(
  'LOG_UNAVAILABLE',
  'The event log cannot be written (%s); retry shortly',
  503,
);
export const DiskFull = createError(
  'DISK_FULL',
  'The event log disk is full: nothing was stored; an operator must free space',
  507,
);
/** A refusal in the server's own words (no domain code), naming the field: a 422 with a path. */
export class Unprocessable extends Error {
  readonly statusCode = 422;
  constructor(
    readonly code: string,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

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

function bodyOf(error: FastifyError | RefusedError | Unprocessable): {
  status: number;
  body: ErrorBody;
} {
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
  if (error instanceof Unprocessable) {
    const { code, message, path } = error;
    return { status: 422, body: { error: { code, message, path: toPointer(path) } } };
  }
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!;
    const path = first.instancePath || '/';
    // Well-formed but impossible (2021-02-30, T25:00, +99:99): the strict time parser said no.
    if (first.message?.includes(`'${ISO_TIME_FORMAT}'`)) {
      const message = `${path}: not a real time (ISO-8601 with an offset, e.g. 2021-07-25T12:30:00+08:00)`;
      return { status: 422, body: { error: { code: 'INVALID_TIME', message, path } } };
    }
    const where = error.validationContext === 'body' ? '' : `${error.validationContext} `;
    return {
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: `${where}${path}: ${first.message}`, path },
      },
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500 && !(error instanceof LogUnavailable) && !(error instanceof DiskFull)) {
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
  app.setErrorHandler<FastifyError | RefusedError | Unprocessable>((error, request, reply) => {
    const { status, body } = bodyOf(error);
    const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.error.code, status }, body.error.message);
    return reply.status(status).send(body);
  });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a 64 kB URL, broken framing) get
 * the same coded JSON error as everything else instead of a bare status line.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const [status, reason, code] = tooLarge
    ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE']
    : [400, 'Bad Request', 'MALFORMED_REQUEST'];
  const message = tooLarge ? 'The URL or headers are too large' : 'The request could not be parsed';
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const ROUTER_CODES: Record<string, string> = {
  FST_ERR_BAD_URL: 'MALFORMED_URL',
  FST_ERR_MAX_PARAM_LENGTH: 'PARAM_TOO_LONG',
};

/** Errors of Fastify's router (an id past the router's length limit, a broken URL), coded. */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const code = ROUTER_CODES[error.code] ?? 'BAD_REQUEST';
  const message =
    code === 'PARAM_TOO_LONG' ? 'A path segment (an id) is too long' : 'The URL is malformed';
  void reply.status(status).send({ error: { code, message } });
}
