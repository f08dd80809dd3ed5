import type { TFunction } from 'i18next';
import { ariaKeyShortcuts, shortcutLabel, type ShortcutAction } from './shortcuts';

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** "Hold or resume (Alt+H)": the tooltip of a control that has a shortcut. */
export function shortcutTitle(t: TFunction, action: ShortcutAction): string {
  return t('desk.hint', { action: t(`desk.shortcuts.${action}`), keys: shortcutLabel(action, isMac()) });
}

// One ref function per text and action: a new function on every render would make React detach and
// re-attach it (rewriting the attributes) each second the call timer ticks.
const refs = new Map<string, (element: HTMLElement | null) => void>();

/**
 * A ref that gives a control its shortcut tooltip and aria-keyshortcuts. A ref, because the accessible
 * component library passes neither attribute through its props.
 */
export function shortcutHint(t: TFunction, action: ShortcutAction): (element: HTMLElement | null) => void {
  const title = shortcutTitle(t, action);
  const key = `${action}\n${title}`;
  let ref = refs.get(key);
  if (!ref) {
    const keys = ariaKeyShortcuts(action);
    ref = (element) => {
      if (!element) return;
      element.title = title;
      element.setAttribute('aria-keyshortcuts', keys);
    };
    refs.set(key, ref);
  }
  return ref;
}
