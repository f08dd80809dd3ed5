// Which React components rendered in the UI page, commit by commit, read the way React DevTools reads
// them: a hook React reports every commit to, installed before the page's scripts. A component rendered
// in a commit if its fiber mounted or performed work; a subtree React left alone is not walked.
// Component names need a build that keeps them (the development build, `npm run build`); a minified build
// shows mangled names, while the counts hold.
import type { Page } from 'playwright-core';

/** An init script for the UI page (HeadlessApp's `uiInitScript`); it can be joined with others. */
export const RECORD_REACT_COMMITS = `(() => {
  const PERFORMED_WORK = 1;
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  // Why each component rendered, by name: the props whose identity changed, else the first hook whose state
  // changed (its index in the component's hook list), else 'context or parent'.
  const record = { commits: [], ringing: {}, why: {} };
  const why = (fiber, name) => {
    const previous = fiber.alternate;
    let reason = 'mount';
    if (previous !== null) {
      const before = previous.memoizedProps || {};
      const after = fiber.memoizedProps || {};
      const changed = Object.keys(after).filter((key) => !Object.is(before[key], after[key]));
      let hook = 0;
      let changedHook = -1;
      for (let a = previous.memoizedState, b = fiber.memoizedState; a && b && typeof a === 'object' && 'next' in a; a = a.next, b = b.next, hook += 1) {
        if (!Object.is(a.memoizedState, b.memoizedState)) { changedHook = hook; break; }
      }
      reason = changed.length > 0 ? 'props ' + changed.join(',') : changedHook >= 0 ? 'hook ' + changedHook : 'context or parent';
    }
    const reasons = (record.why[name] = record.why[name] || {});
    reasons[reason] = (reasons[reason] || 0) + 1;
    return reason;
  };
  window.__reactCommits = record;
  const nameOf = (fiber) => {
    const type = fiber.elementType || fiber.type;
    if (!type) return '?';
    if (typeof type === 'function') return type.displayName || type.name || 'anonymous';
    const inner = type.type || type.render;
    return type.displayName || (inner && (inner.displayName || inner.name)) || 'anonymous';
  };
  const walk = (fiber, out, reasons) => {
    for (let child = fiber.child; child; child = child.sibling) {
      const previous = child.alternate;
      if (COMPONENT_TAGS.has(child.tag) && (previous === null || (child.flags & PERFORMED_WORK) !== 0)) {
        const name = nameOf(child);
        out.push(child.key === null ? name : name + '#' + child.key);
        reasons.push(why(child, name));
      }
      // An untouched subtree keeps its children: nothing below rendered.
      if (previous !== null && previous.child === child.child) continue;
      walk(child, out, reasons);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      // Stamped before the walk below, so the walk's own cost never counts as React's.
      const at = performance.now();
      const rendered = [];
      const reasons = [];
      walk(root.current, rendered, reasons);
      // The components whose state update led to this commit (React's profiling build tracks them).
      const updaters = root.memoizedUpdaters ? [...root.memoizedUpdaters].map(nameOf) : [];
      const commit = { at, ms: root.current.actualDuration || 0, rendered, reasons, updaters };
      record.commits.push(commit);
      for (const element of document.querySelectorAll('[data-testid="call-card"][data-call-state="ringing"]')) {
        const id = element.dataset.callId;
        if (id && !(id in record.ringing)) record.ringing[id] = commit;
      }
    },
  };
})();`;

export interface ReactCommit {
  /** performance.now() in the page. */
  at: number;
  /** The root's actualDuration (React's profiling or development build; 0 otherwise). */
  ms: number;
  /** Components that rendered, `Name` or `Name#key` for keyed ones (a wrap-up form's key is its call id). */
  rendered: string[];
  /** Why each of `rendered` rendered, in the same order ('props a,b', 'hook n', 'context or parent', 'mount'). */
  reasons: string[];
  /** Components whose state update led to the commit (profiling build only; empty otherwise). */
  updaters: string[];
}

interface Recorded {
  commits: ReactCommit[];
  /** Per component name, why it rendered ('props a,b', 'hook n', 'context or parent', 'mount') and how often. */
  why: Record<string, Record<string, number>>;
  /** Per ringing call id: the commit that first put its ringing card in the DOM. */
  ringing: Record<string, ReactCommit>;
}

export const reactCommits = (page: Page): Promise<Recorded> => page.evaluate(() => (window as unknown as { __reactCommits: Recorded }).__reactCommits);

/** Forgets the commits recorded so far (the ringing ones stay). */
export const forgetReactCommits = (page: Page): Promise<void> =>
  page.evaluate(() => {
    const record = (window as unknown as { __reactCommits: Recorded }).__reactCommits;
    record.commits = [];
    record.why = {};
  });

/** The component name without its key. */
export const componentName = (rendered: string): string => rendered.replace(/#.*$/, '');
