// Pure: what one component shows of a store (the live snapshot, a feature view), kept with a stable
// identity. A component reads its slice through useSyncExternalStore (useSlice in useHearthline.ts) and
// renders again only when the slice's content changed, not whenever the store pushed: a ringing call
// leaves the presence select, the notices or the desk alone. The selector may build new objects or
// arrays; an equal result is replaced by the previous one (structuralShare.ts).
import { shareUnchanged } from './structuralShare';

export type SliceReader<S, T> = (source: S, select: (source: S) => T) => T;

/**
 * A reader for one component: the same source and selector give the same result without running the
 * selector; anything else runs it and keeps the previous result wherever the content is equal. The
 * selector may close over the component's other values (it changes with them), so it is compared too.
 */
export function sliceReader<S, T>(): SliceReader<S, T> {
  let last: { source: S; select: (source: S) => T; slice: T } | undefined;
  return (source, select) => {
    if (last && last.source === source && last.select === select) return last.slice;
    const slice = last ? shareUnchanged(last.slice, select(source)) : select(source);
    last = { source, select, slice };
    return slice;
  };
}
