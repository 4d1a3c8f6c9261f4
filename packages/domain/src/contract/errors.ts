import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { REFUSALS, type RefusalCode } from '../refusals.js';

/**
 * Every code an error body or a socket refusal may carry. A client switches on `code`, never on
 * the message text, so a new code is added here first (the server's types refuse any other).
 */
const SERVER_CODES = [
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
  'BINDING_INVALID',
  'CSV_INVALID',
  'UNKNOWN_USER',
  'UNKNOWN_KEY',
  'LAST_ADMIN',
  'NOT_ALLOWED_FOR_SCOPE',
  'SLOW_DOWN',
  // streams and drills
  'UNKNOWN_STREAM',
  'UNKNOWN_DRILL',
  'UNKNOWN_RECORDING',
  'BAD_DRILL_LINE',
  'MALFORMED_XML',
  'XML_DOCTYPE_REFUSED',
  'CAP_INVALID',
  'LINE_TOO_LONG',
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
  'INVALID_TIME',
  'TIME_TOO_OLD',
  'INVALID_VALUE',
  'SQUAD_NOT_FREE',
  'INCIDENT_RESOLVED',
  'INVALID_STATUS_CHANGE',
  'ALERT_ALREADY_ACKNOWLEDGED',
  'ALERT_CLEARED',
  'ASSETS_ALREADY_REGISTERED',
  // the server
  'LOG_UNAVAILABLE',
  'DISK_FULL',
  'INTERNAL',
] as const;

/** Every code: the server's own, then every refusal `decide` can give (each area's). */
export const ERROR_CODES: readonly ErrorCode[] = [
  ...new Set([...SERVER_CODES, ...(Object.keys(REFUSALS) as RefusalCode[])]),
];
export type ErrorCode = (typeof SERVER_CODES)[number] | RefusalCode;

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
      details: Type.Optional(
        Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]), {
          description: 'Particulars of a refusal, e.g. `nearestSiteId` for SITE_FULL',
        }),
      ),
    }),
  });
}

export const ErrorBodySchema = errorBodySchema(ERROR_CODES);
export type ErrorBody = Static<typeof ErrorBodySchema>;
