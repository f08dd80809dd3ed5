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
  const record = { commits: [], ringing: {} };
  window.__reactCommits = record;
  const nameOf = (fiber) => {
    const type = fiber.elementType || fiber.type;
    if (!type) return '?';
    if (typeof type === 'function') return type.displayName || type.name || 'anonymous';
    const inner = type.type || type.render;
    return type.displayName || (inner && (inner.displayName || inner.name)) || 'anonymous';
  };
  const walk = (fiber, out) => {
    for (let child = fiber.child; child; child = child.sibling) {
      const previous = child.alternate;
      if (COMPONENT_TAGS.has(child.tag) && (previous === null || (child.flags & PERFORMED_WORK) !== 0)) {
        const name = nameOf(child);
        out.push(child.key === null ? name : name + '#' + child.key);
      }
      // An untouched subtree keeps its children: nothing below rendered.
      if (previous !== null && previous.child === child.child) continue;
      walk(child, out);
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
      const rendered = [];
      walk(root.current, rendered);
      const commit = { at: performance.now(), ms: root.current.actualDuration || 0, rendered };
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
}

interface Recorded {
  commits: ReactCommit[];
  /** Per ringing call id: the commit that first put its ringing card in the DOM. */
  ringing: Record<string, ReactCommit>;
}

export const reactCommits = (page: Page): Promise<Recorded> => page.evaluate(() => (window as unknown as { __reactCommits: Recorded }).__reactCommits);

/** Forgets the commits recorded so far (the ringing ones stay). */
export const forgetReactCommits = (page: Page): Promise<void> => page.evaluate(() => void ((window as unknown as { __reactCommits: Recorded }).__reactCommits.commits = []));

/** The component name without its key. */
export const componentName = (rendered: string): string => rendered.replace(/#.*$/, '');
