// Pure: the snapshot as most of the page needs it. During a call main pushes a new snapshot every second
// (the engine's quality sample), and every push carries main's clock (`now`) and a new `version`; only the
// quality line shows the sample and the timers read the clock on their own (useMainNow). Everything else
// — the desk's panes, the presence bar, the banners — takes this snapshot, which keeps its identity
// through pushes that changed nothing but those, so none of it renders again.
import type { Snapshot } from '../../common/contract/model';
import { shareUnchanged } from './structuralShare';

/**
 * `next` without the calls' quality samples; `previous` itself (a result of this function) when nothing
 * else changed, so its `now` and `version` are those of the push that last changed something else.
 */
export function withoutQuality(previous: Snapshot | undefined, next: Snapshot): Snapshot {
  const calls = next.calls.map((call) => {
    if (call.quality === undefined) return call;
    const { quality: _shownByTheQualityLine, ...rest } = call;
    return rest;
  });
  const candidate = { ...next, calls, now: previous?.now ?? next.now, version: previous?.version ?? next.version };
  const shared = shareUnchanged(previous, candidate);
  return shared === previous ? previous : { ...shared, now: next.now, version: next.version };
}
