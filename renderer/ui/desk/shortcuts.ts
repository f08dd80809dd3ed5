// The desk's keyboard shortcuts: which key does what, and which key event means which action. Keys are
// matched by physical position (event.code), so Alt+letter works on macOS too, where Alt types a symbol.

export const SHORTCUT_ACTIONS = [
  'answer',
  'hangup',
  'hold',
  'mute',
  'transfer',
  'keypad',
  'search',
  'submitWrapUp',
  'nextSuggestion',
  'raiseHand',
  'cheatSheet',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export interface KeyCombo {
  code: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  /** A plain key that would type into a text field: ignored while one has focus. */
  plain?: boolean;
}

export const SHORTCUTS: Record<ShortcutAction, KeyCombo[]> = {
  answer: [{ code: 'KeyA', alt: true }],
  hangup: [{ code: 'KeyE', alt: true }],
  hold: [{ code: 'KeyH', alt: true }],
  mute: [{ code: 'KeyM', alt: true }],
  transfer: [{ code: 'KeyT', alt: true }],
  keypad: [{ code: 'KeyK', alt: true }],
  search: [{ code: 'KeyS', alt: true }, { code: 'Slash', plain: true }],
  submitWrapUp: [{ code: 'Enter', ctrl: true }],
  nextSuggestion: [{ code: 'KeyN', alt: true }],
  raiseHand: [{ code: 'KeyR', alt: true }],
  cheatSheet: [{ code: 'Slash', shift: true, plain: true }],
};

export interface KeyEventLike {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The action a key press asks for; `inTextField` is true while focus is in an input or text area. */
export function shortcutFor(event: KeyEventLike, inTextField: boolean): ShortcutAction | undefined {
  // Cmd stands in for Ctrl (Cmd+Enter submits on macOS).
  const ctrl = event.ctrlKey || event.metaKey;
  for (const action of SHORTCUT_ACTIONS) {
    for (const combo of SHORTCUTS[action]) {
      if (combo.code !== event.code) continue;
      if (Boolean(combo.alt) !== event.altKey || Boolean(combo.ctrl) !== ctrl) continue;
      // Plain keys: "/" must not be Shift+/ ("?"); the rest ignore Shift so caps-lock habits still work.
      if (combo.plain && Boolean(combo.shift) !== event.shiftKey) continue;
      if (combo.plain && inTextField) continue;
      return action;
    }
  }
  return undefined;
}

const KEY_NAMES: Record<string, string> = { Slash: '/', Enter: 'Enter' };

/** How a combination is written in tooltips and the cheat sheet, e.g. "Alt+H", "Ctrl+Enter", "?". */
export function comboLabel(combo: KeyCombo, mac = false): string {
  if (combo.code === 'Slash' && combo.shift) return '?';
  const key = KEY_NAMES[combo.code] ?? combo.code.replace(/^Key|^Digit/, '');
  const parts = [combo.ctrl ? (mac ? '⌘' : 'Ctrl') : '', combo.alt ? (mac ? '⌥' : 'Alt') : '', combo.shift ? 'Shift' : '', key].filter(Boolean);
  return parts.join('+');
}

/** Every key of an action, e.g. "Alt+S, /". */
export function shortcutLabel(action: ShortcutAction, mac = false): string {
  return SHORTCUTS[action].map((combo) => comboLabel(combo, mac)).join(', ');
}

/** The aria-keyshortcuts value (WAI-ARIA spelling) of an action's first key. */
export function ariaKeyShortcuts(action: ShortcutAction): string {
  const combo = SHORTCUTS[action][0]!;
  if (combo.code === 'Slash' && combo.shift) return 'Shift+?';
  const key = KEY_NAMES[combo.code] ?? combo.code.replace(/^Key|^Digit/, '');
  return [combo.ctrl ? 'Control' : '', combo.alt ? 'Alt' : '', combo.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
