import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import type { RefusalCode } from '../refusals.js';

/**
 * Every code an error body or a socket refusal may carry. A client switches on `code`, never on
 * the message text, so a new code is added here first (the server's types refuse any other).
 */
export const ERROR_CODES = [
  // the request itself
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'NOT_FOUND',
  // who is asking
  'UNAUTHORIZED',
  'BAD_CREDENTIALS',
  'LOGIN_LOCKED',
  'RATE_LIMITED',
  'NOT_ALLOWED_FOR_ROLE',
  'ORIGIN_NOT_ALLOWED',
  'USER_EXISTS',
  // streams and drills
  'UNKNOWN_STREAM',
  'UNKNOWN_DRILL',
  'UNKNOWN_RECORDING',
  'BAD_DRILL_LINE',
  'DRILL_IS_RECORDING',
  'DRILL_HAS_FORKS',
  'FORK_CANNOT_REWIND',
  // commands refused by `decide`
  'UNKNOWN_INCIDENT',
  'UNKNOWN_SQUAD',
  'UNKNOWN_ALERT',
  'UNKNOWN_POINT',
  'UNKNOWN_SENSOR',
  'READING_IN_FUTURE',
  'INVALID_VALUE',
  'SQUAD_NOT_FREE',
  'INCIDENT_RESOLVED',
  'INVALID_STATUS_CHANGE',
  'ALERT_ALREADY_ACKNOWLEDGED',
  'ALERT_CLEARED',
  'ASSETS_ALREADY_REGISTERED',
  // the server
  'LOG_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// Every refusal `decide` can give is a code of the contract.
const refusalsAreCodes: RefusalCode extends ErrorCode ? true : false = true;
void refusalsAreCodes;

/** A union of the given codes as a schema (an `enum` in OpenAPI). */
export function errorCodeSchema<const C extends readonly ErrorCode[]>(codes: C) {
  return Type.Union(codes.map((code) => Type.Literal(code))) as unknown as TUnion<
    TLiteral<C[number]>[]
  >;
}

/** The body of every 4xx/5xx answer, for the given codes (every code by default). */
export function errorBodySchema<const C extends readonly ErrorCode[]>(codes: C) {
  return Type.Object({
    error: Type.Object({
      code: errorCodeSchema(codes),
      message: Type.String({ description: 'what is wrong, for a person' }),
      path: Type.Optional(
        Type.String({ description: 'JSON pointer of the field at fault, e.g. /readings/3/at' }),
      ),
    }),
  });
}

export const ErrorBodySchema = errorBodySchema(ERROR_CODES);
export type ErrorBody = Static<typeof ErrorBodySchema>;
