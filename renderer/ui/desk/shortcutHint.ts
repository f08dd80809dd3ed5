import type { TFunction } from 'i18next';
import { ariaKeyShortcuts, shortcutLabel, type ShortcutAction } from './shortcuts';

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** Tooltip ("Hold — Alt+H") and aria-keyshortcuts for a control that has a shortcut. */
export function shortcutHint(t: TFunction, action: ShortcutAction): { title: string; 'aria-keyshortcuts': string } {
  return { title: t('desk.hint', { action: t(`desk.shortcuts.${action}`), keys: shortcutLabel(action, isMac()) }), 'aria-keyshortcuts': ariaKeyShortcuts(action) };
}
