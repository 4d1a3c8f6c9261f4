import { Errors } from '@sinclair/typebox/errors';
import { translate } from '../i18n/translate';
import { useStore } from '../store/store';
import { ApiError } from './api-error';
import { ANSWERS, type Answer, type AnswerName } from './answers';
import { checkers } from './checkers.generated';

/**
 * An answer that does not fit the contract: from a server of another version, a proxy's error
 * page, or a bug. It names which answer and where it went wrong, so the screen can say so
 * instead of drawing from `undefined`.
 */
export class AnswerError extends ApiError {
  constructor(
    /** What was asked, e.g. `GET /api/v1/drills` or `socket snapshot`. */
    readonly what: string,
    /** The contract's name of the answer's schema, e.g. `DrillList`. */
    readonly answer: AnswerName,
    /** JSON pointer of the first part that does not fit ('' for the whole answer). */
    path: string,
    reason: string,
    status = 0,
  ) {
    const language = useStore.getState().ui.language;
    const params = { what, answer, path: path || '/', reason };
    super(status, 'UNEXPECTED_ANSWER', translate(language, 'error.unexpectedAnswer', params), path);
    this.name = 'AnswerError';
  }
}

/** True if `value` fits the named schema: the compiled checker, no interpretation. */
export function fits<K extends AnswerName>(name: K, value: unknown): value is Answer<K> {
  return checkers[name](value);
}

/**
 * The value as the named answer, or an AnswerError. Only a refused answer pays for finding the
 * path at fault (TypeBox's interpreted `Value.Errors`, which needs no eval either).
 */
export function checkAnswer<K extends AnswerName>(
  name: K,
  value: unknown,
  what: string,
  status?: number,
): Answer<K> {
  if (fits(name, value)) return value;
  const first = Errors(ANSWERS[name], value).First();
  throw new AnswerError(what, name, first?.path ?? '', first?.message ?? 'does not fit', status);
}
