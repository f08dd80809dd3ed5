/**
 * Whether `value` is one of a fixed list of choices, narrowed to them: the membership check the UI uses
 * for a contract's choices, where loading zod to parse an enum would cost the page (scripts/contractShaking.mjs).
 */
export function isOneOf<const T extends string>(choices: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}
