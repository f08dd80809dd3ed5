// A select that is plain HTML until it is used. Many pickers stay mounted while the agent is on a call
// (one outcome picker per open wrap-up form, the language and theme pickers) and the library's Select
// (button, list box, hidden select, collection) keeps ~200 React hooks and its collection for each; this
// one shows the same button as plain HTML until it is focused or pressed and then swaps in the library's,
// which takes over the keys and the list; when focus leaves it, the plain button comes back. Both have the
// same role, accessible name (chosen value, then label) and classes.
import { useEffect, useId, useRef, useState } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from 'react-aria-components';

export interface SelectChoice {
  id: string;
  name: string;
  /** The language the name is written in, when it is not the UI's (a language's own name). */
  lang?: string;
}

type Props = {
  label: string;
  items: SelectChoice[];
  /** null: nothing chosen yet (the placeholder shows). */
  selectedKey: string | null;
  /** What the closed picker says for the chosen key when it is not among the items (default: its item's name). */
  selectedName?: string;
  onChange: (key: string) => void;
  placeholder?: string;
  isRequired?: boolean;
  className?: string;
  testId?: string;
};

/**
 * 'closed': the picker as it looks when nobody uses it (a plain button, see ClosedSelect);
 * 'focused': the library's Select, its button focused (keys from here on are the library's);
 * 'opened': the library's Select, its list open (a pointer pressed the closed button).
 */
type Mode = 'closed' | 'focused' | 'opened';

export function PlainUntilUsedSelect({ label, items, selectedKey, selectedName, onChange, placeholder, isRequired, className = 'react-aria-Select', testId }: Props) {
  const [mode, setMode] = useState<Mode>('closed');
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const isOpen = useRef(false);
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  const chosen = selectedKey === null ? undefined : items.find((item) => item.id === selectedKey);
  const chosenName = selectedKey === null ? undefined : (selectedName ?? chosen?.name);
  if (mode === 'closed') {
    return (
      <ClosedSelect
        label={label}
        text={chosenName ?? placeholder ?? ''}
        lang={chosen?.lang}
        placeholder={chosenName === undefined}
        isRequired={isRequired}
        className={className}
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
      className={className}
      selectedKey={selectedKey}
      onSelectionChange={(key) => key !== null && onChange(String(key))}
      placeholder={placeholder}
      isRequired={isRequired}
      defaultOpen={mode === 'opened'}
      onOpenChange={(open) => {
        isOpen.current = open;
        if (!open) settle(true);
      }}
      onFocusChange={(focused) => !focused && settle(false)}
    >
      <Label>{label}</Label>
      <Button ref={trigger} data-testid={testId} autoFocus>
        <SelectValue />
      </Button>
      <Popover>
        <ListBox items={items}>
          {(item) => (
            <ListBoxItem id={item.id} textValue={item.name} lang={item.lang}>
              {item.name}
            </ListBoxItem>
          )}
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
function ClosedSelect({ label, text, lang, placeholder, isRequired, className, testId, onActivate }: { label: string; text: string; lang?: string; placeholder: boolean; isRequired?: boolean; className: string; testId?: string; onActivate: (open: boolean) => void }) {
  const labelId = useId();
  const valueId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  return (
    <div className={className} data-rac="" data-required={isRequired ? 'true' : undefined}>
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
        <span id={valueId} className="react-aria-SelectValue" data-rac="" data-placeholder={placeholder ? 'true' : undefined} lang={lang}>
          {text}
        </span>
      </button>
    </div>
  );
}
