// OS-wide keys to answer and hang up while Hearthline is behind another window (the agent is typing in
// the CRM when a call rings). Which keys, whether they are on at all (policy may turn them off), and
// which call a key acts on are decided here; main/electron/globalShortcuts.ts only registers them.
import type { Call } from '../../common/contract/model';

export const GLOBAL_SHORTCUT_ACTIONS = ['answer', 'hangup'] as const;
export type GlobalShortcutAction = (typeof GLOBAL_SHORTCUT_ACTIONS)[number];

/** Unlikely to clash with other apps, and not the in-window Alt+A / Alt+E (renderer/ui/desk/shortcuts.ts). */
export const DEFAULT_GLOBAL_SHORTCUTS: Record<GlobalShortcutAction, string> = {
  answer: 'CommandOrControl+Alt+Shift+A',
  hangup: 'CommandOrControl+Alt+Shift+E',
};

// Electron reads accelerators case-insensitively, so these are compared in lower case.
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'space', 'tab', 'backspace', 'delete', 'insert', 'return', 'enter', 'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc',
  'plus', 'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause',
]);

/** An Electron accelerator with at least one modifier (a bare key would steal typing from every app). */
export function isGlobalAccelerator(text: string): boolean {
  const parts = text.toLowerCase().split('+');
  if (parts.length < 2 || parts.some((part) => part === '')) return false;
  const key = parts.at(-1)!;
  const modifiers = parts.slice(0, -1);
  if (!modifiers.every((modifier) => MODIFIERS.has(modifier))) return false;
  if (new Set(modifiers).size !== modifiers.length) return false;
  // Shift alone plus a character would only change what the agent types.
  if (modifiers.every((modifier) => modifier === 'shift')) return false;
  return /^[a-z0-9]$/.test(key) || /^f([1-9]|1\d|2[0-4])$/.test(key) || NAMED_KEYS.has(key);
}

export interface GlobalShortcutInput {
  /** The policy key globalCallShortcuts: false turns them off for everyone on the computer. */
  policyAllows: boolean | undefined;
  /** The agent's configuration: an accelerator per action, null to turn that one off, absent for the default. */
  configured: Partial<Record<GlobalShortcutAction, string | null>> | undefined;
}

export interface GlobalShortcutPlan {
  register: { action: GlobalShortcutAction; accelerator: string }[];
  /** Configuration that was ignored, in plain words, for the log. */
  problems: string[];
}

export function planGlobalShortcuts({ policyAllows, configured }: GlobalShortcutInput): GlobalShortcutPlan {
  if (policyAllows === false) return { register: [], problems: [] };
  const register: GlobalShortcutPlan['register'] = [];
  const problems: string[] = [];
  for (const action of GLOBAL_SHORTCUT_ACTIONS) {
    const chosen = configured?.[action];
    if (chosen === null) continue;
    const accelerator = chosen ?? DEFAULT_GLOBAL_SHORTCUTS[action];
    if (!isGlobalAccelerator(accelerator)) {
      problems.push(`globalShortcuts.${action}: "${accelerator}" is not a key combination with a modifier (e.g. CommandOrControl+Alt+Shift+A); not registered`);
      continue;
    }
    const taken = register.find((entry) => entry.accelerator.toLowerCase() === accelerator.toLowerCase());
    if (taken) {
      problems.push(`globalShortcuts.${action}: "${accelerator}" is already the ${taken.action} key; not registered`);
      continue;
    }
    register.push({ action, accelerator });
  }
  return { register, problems };
}

/**
 * The call a global key acts on: answer takes the call that has rung longest; hang up takes the call the
 * agent is talking on (not one on hold), else one being dialled. Nothing when there is no such call.
 */
export function globalShortcutTarget(action: GlobalShortcutAction, calls: readonly Call[]): string | undefined {
  if (action === 'answer') {
    const ringing = calls.filter((call) => call.direction === 'inbound' && call.state === 'ringing').sort((a, b) => a.startedAt - b.startedAt);
    return ringing[0]?.id;
  }
  const talking = calls.find((call) => call.state === 'connected' && !call.onHold);
  if (talking) return talking.id;
  return calls.find((call) => call.state === 'dialing')?.id;
}
