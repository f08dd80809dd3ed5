import i18next from 'i18next';
import { adviceKey, plainFailure } from './plainError';

/** A failed command in the agent's language: main's own sentence, if any, then what to do about it. */
export function describeFailure(failure: unknown): string {
  const { kind, detail } = plainFailure(failure);
  const advice = i18next.t(adviceKey(kind));
  return detail ? `${detail} ${advice}` : advice;
}
