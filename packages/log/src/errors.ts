/**
 * An appended event carries an `id` the stream already holds (committed or waiting to commit).
 * Ids are idempotency keys, so the whole `append` call is refused and no `seq` is used up.
 */
export class IdConflictError extends Error {
  readonly code = 'ID_CONFLICT';

  constructor(
    readonly stream: string,
    readonly id: string,
  ) {
    super(`Event id ${JSON.stringify(id)} is already in stream ${JSON.stringify(stream)}`);
    this.name = 'IdConflictError';
  }
}

/**
 * Another writer (a replica) committed first: the seq this append was given, or one of its ids,
 * is already taken in the shared log. Nothing of the append is stored and the log has caught up
 * by the time this is thrown, so the caller can decide again on the newer picture.
 */
export class SeqConflictError extends Error {
  readonly code = 'SEQ_CONFLICT';

  constructor(readonly stream: string) {
    super(`Another writer appended to stream ${JSON.stringify(stream)} first`);
    this.name = 'SeqConflictError';
  }
}
