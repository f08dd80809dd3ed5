// Carries out the desk's keyboard shortcuts (shortcuts.ts) by pressing or focusing the control on screen
// that does the same, so a shortcut can never do what the visible button would not.
import { useEffect } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcuts';

const inTextField = (element: Element | null): boolean =>
  element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(element.type)) || (element instanceof HTMLElement && element.isContentEditable);

/** The call the call-bar keys act on: the live one not on hold, else a held one, else one being dialled. */
function currentCard(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('[data-testid="call-card"][data-call-state="connected"]:not([data-on-hold="true"])') ??
    document.querySelector<HTMLElement>('[data-testid="call-card"][data-call-state="connected"]') ??
    document.querySelector<HTMLElement>('[data-testid="call-card"][data-call-state="dialing"]')
  );
}

const press = (element: HTMLElement | null | undefined): boolean => {
  if (!element || element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true' || element.hasAttribute('data-disabled')) return false;
  element.click();
  return true;
};
const focus = (element: HTMLElement | null | undefined): boolean => {
  if (!element) return false;
  element.focus();
  return true;
};

function nextSuggestion(): boolean {
  const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="suggestion"]')];
  if (cards.length === 0) return false;
  const at = cards.findIndex((card) => card.contains(document.activeElement));
  const next = cards[(at + 1) % cards.length]!;
  next.scrollIntoView({ block: 'nearest' });
  return focus(next);
}

function run(action: ShortcutAction, openCheatSheet: () => void): boolean {
  const card = currentCard();
  switch (action) {
    case 'answer':
      return press(document.querySelector<HTMLElement>('[data-testid="answer"], [data-testid="hold-answer"]'));
    case 'hangup':
      return press(card?.querySelector<HTMLElement>('[data-testid="hangup"]'));
    case 'hold':
      return press(card?.querySelector<HTMLElement>('[data-testid="hold"]'));
    case 'mute':
      return press(card?.querySelector<HTMLElement>('[data-testid="mute"]'));
    case 'transfer': {
      const open = card?.querySelector<HTMLElement>('[data-testid="transfer-target"]');
      if (open) return focus(open);
      if (!press(card?.querySelector<HTMLElement>('[data-testid="transfer-toggle"]'))) return false;
      requestAnimationFrame(() => card?.querySelector<HTMLElement>('[data-testid="transfer-target"]')?.focus());
      return true;
    }
    case 'keypad':
      return focus(card?.querySelector<HTMLElement>('[data-testid="dtmf-1"]'));
    case 'search':
      return focus(document.querySelector<HTMLElement>('[data-testid="kb-search"]'));
    case 'submitWrapUp': {
      // Not ready to submit (no outcome chosen yet): go to the outcome, the field that is missing.
      const form = document.querySelector<HTMLElement>('[data-testid="wrapup-form"]');
      return press(form?.querySelector<HTMLElement>('[data-testid="wrapup-submit"]')) || focus(form?.querySelector<HTMLElement>('[data-testid="wrapup-disposition"]'));
    }
    case 'nextSuggestion':
      return nextSuggestion();
    case 'raiseHand':
      return press(document.querySelector<HTMLElement>('[data-testid="raise-hand"]'));
    case 'cheatSheet':
      openCheatSheet();
      return true;
  }
}

export function useDeskShortcuts(openCheatSheet: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      // An open dialog (a confirmation, the cheat sheet, settings) keeps its keys to itself.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const action = shortcutFor(event, inTextField(document.activeElement));
      if (!action) return;
      if (run(action, openCheatSheet)) event.preventDefault();
    };
    // Capture: text fields and menus must not swallow Alt+letter before the desk sees it.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [openCheatSheet]);
}
