import createError from '@fastify/error';

/**
 * A line of an imported log that is not a valid next envelope. Answered with its line number
 * (1-based) so the trainer can fix the file: `{error: {code, message: 'line 37: …', line}}`.
 */
export class BadDrillLine extends Error {
  readonly code = 'BAD_DRILL_LINE';

  constructor(
    readonly line: number,
    readonly detail: string,
    /** 400: not JSON or not an envelope; 422: a valid envelope in the wrong place. */
    readonly statusCode: 400 | 422 = 400,
  ) {
    super(`line ${line}: ${detail}`);
    this.name = 'BadDrillLine';
  }
}

export const UnknownDrill = createError('UNKNOWN_DRILL', 'No such drill: %s', 404);
export const UnknownRecording = createError(
  'UNKNOWN_RECORDING',
  'No such recording: %s (see GET /api/v1/drills/recordings)',
  404,
);
export const DrillIsRecording = createError(
  'DRILL_IS_RECORDING',
  'Drill %s replays a recording and takes no commands: fork it (POST /api/v1/drills/%s/fork) ' +
    'and command the fork',
  409,
);
export const ForkCannotRewind = createError(
  'FORK_CANNOT_REWIND',
  'A fork is written as it plays and cannot go back before %s; fork its parent again instead',
  409,
);
export const DrillHasForks = createError(
  'DRILL_HAS_FORKS',
  'Drill %s has forks (%s): delete them first',
  409,
);
export const ClockRequestInvalid = createError('VALIDATION_FAILED', '%s', 400);
export const UploadTooLarge = createError('BODY_TOO_LARGE', 'The log is larger than %s bytes', 413);
