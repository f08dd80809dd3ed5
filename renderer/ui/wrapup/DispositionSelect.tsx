import { useEffect, useId, useRef, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';
import { useSharedTranslation } from '../i18n/sharedTranslation';
import type { Disposition } from '../../../common/contract/gateway';
import { useDispositionLabel } from './useDispositionLabel';

type Props = { value: string; dispositions: Disposition[]; onChange: (code: string) => void; testId?: string };

/**
 * 'closed': the picker as it looks when nobody uses it (a plain button, see ClosedOutcome);
 * 'focused': the library's Select, its button focused (keys from here on are the library's);
 * 'opened': the library's Select, its list open (a pointer pressed the closed button).
 */
type Mode = 'closed' | 'focused' | 'opened';

/**
 * The outcome picker of the wrap-up form and of the editor for a refused note; '' means none chosen.
 * Many forms stay open at once and the library's Select (button, list box, hidden select, collection) is
 * the largest part of each, so a form shows the same button as plain HTML until it is focused or pressed
 * and then swaps in the library's, which takes over the keys and the list; when focus leaves it, the plain
 * button comes back. Both have the same role, accessible name (chosen value, then label) and classes.
 */
export function DispositionSelect({ value, dispositions, onChange, testId }: Props) {
  const { t } = useSharedTranslation();
  const label = useDispositionLabel();
  const [mode, setMode] = useState<Mode>('closed');
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const isOpen = useRef(false);
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  const chosen = value ? label(dispositions, value) : undefined;
  if (mode === 'closed') {
    return (
      <ClosedOutcome
        label={t('wrapup.disposition')}
        text={chosen ?? t('wrapup.choose')}
        placeholder={chosen === undefined}
        testId={testId}
        onActivate={(opened) => {
          // The list opened by default reports no change: mark it open here.
          isOpen.current = opened;
          setMode(opened ? 'opened' : 'focused');
        }}
      />
    );
  }

  // After the list closes or focus moves: keep the library's Select while focus is in it; give the focus
  // back to its button if closing the list left it nowhere (as the library does when the button opened it);
  // otherwise go back to the plain button.
  const settle = (justClosed: boolean) => {
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => {
      if (isOpen.current) return;
      const active = document.activeElement;
      if (active && root.current?.contains(active)) return;
      if (justClosed && (!active || active === document.body)) return trigger.current?.focus();
      setMode('closed');
    });
  };

  return (
    <Select
      ref={root}
      selectedKey={value || null}
      onSelectionChange={(key) => key !== null && onChange(String(key))}
      placeholder={t('wrapup.choose')}
      isRequired
      defaultOpen={mode === 'opened'}
      onOpenChange={(open) => {
        isOpen.current = open;
        if (!open) settle(true);
      }}
      onFocusChange={(focused) => !focused && settle(false)}
    >
      <Label>{t('wrapup.disposition')}</Label>
      <Button ref={trigger} data-testid={testId} autoFocus>
        <SelectValue />
      </Button>
      <Popover>
        <ListBox items={dispositions.map((d) => ({ id: d.code, label: label(dispositions, d.code) }))}>
          {(item) => <ListBoxItem id={item.id}>{item.label}</ListBoxItem>}
        </ListBox>
      </Popover>
    </Select>
  );
}

/**
 * The closed picker in plain HTML, as the library renders it: a labelled button that says it opens a list
 * box, named by its value then its label. Focus (Tab, a click on the label, a shortcut) hands over to the
 * library's Select; a pointer press or a click also opens its list (`onActivate(true)`), as on its button.
 */
function ClosedOutcome({ label, text, placeholder, testId, onActivate }: { label: string; text: string; placeholder: boolean; testId?: string; onActivate: (open: boolean) => void }) {
  const labelId = useId();
  const valueId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  return (
    <div className="react-aria-Select" data-rac="" data-required="true">
      <span className="react-aria-Label" id={labelId} onClick={() => button.current?.focus()}>
        {label}
      </span>
      <button
        ref={button}
        type="button"
        className="react-aria-Button"
        data-rac=""
        data-testid={testId}
        aria-labelledby={`${valueId} ${labelId}`}
        aria-haspopup="listbox"
        aria-expanded="false"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          // Focus it first, so the library's list gives focus back to the button when it closes.
          event.preventDefault();
          pressed.current = true;
          button.current?.focus();
        }}
        onFocus={() => onActivate(pressed.current)}
        // A click with no press before it (a screen reader's, or a script's): open, as the library does.
        onClick={() => {
          pressed.current = true;
          if (document.activeElement === button.current) onActivate(true);
          else button.current?.focus();
        }}
      >
        <span id={valueId} className="react-aria-SelectValue" data-rac="" data-placeholder={placeholder ? 'true' : undefined}>
          {text}
        </span>
      </button>
    </div>
  );
}
