// Pure: keeps the parts of a pushed value that did not change. Main sends the whole snapshot (and whole
// feature views) on every change, so every object arrives new; reusing the earlier object wherever the
// content is equal gives React stable props, and a memoised component whose part did not change (an open
// wrap-up form when a call rings) is not rendered again.

/** `next`, with every object or array that equals its counterpart in `previous` replaced by that counterpart. */
export function shareUnchanged<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(previous)) return next;
    let same = previous.length === next.length;
    const out = next.map((item, index) => {
      const shared: unknown = shareUnchanged(previous[index], item);
      if (shared !== previous[index]) same = false;
      return shared;
    });
    return (same ? previous : out) as T;
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(previous)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const shared: unknown = shareUnchanged(previous[key], next[key]);
      if (shared !== previous[key] || !(key in previous)) same = false;
      out[key] = shared;
    }
    return (same ? previous : out) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
