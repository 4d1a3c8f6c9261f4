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
