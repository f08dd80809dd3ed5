// Form fields as plain HTML elements, for the forms the page keeps many of at once (every open wrap-up
// form, its channel guidance). Same roles, accessible names and class names as the accessible component
// library's fields (react-aria-components), so styles, tests and screen readers see the same controls;
// but a library field keeps a hundred-odd React hooks alive per field, which made each open wrap-up form
// cost about 0.6 MB of the page's heap (docs/performance.md, "The UI's heap and the ring").
import { useId, type KeyboardEvent, type ReactNode, type Ref } from 'react';

/** A labelled multi-line text field (textbox). */
export function PlainTextArea({ label, value, onChange, maxLength, rows, testId }: { label: string; value: string; onChange: (value: string) => void; maxLength: number; rows: number; testId?: string }) {
  const id = useId();
  return (
    <div className="react-aria-TextField">
      <label className="react-aria-Label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="react-aria-TextArea" rows={rows} maxLength={maxLength} value={value} onChange={(event) => onChange(event.currentTarget.value)} data-testid={testId} />
    </div>
  );
}

/** A one-line field, named by a visible label or (without one) by `ariaLabel`. */
export function PlainInput({
  label,
  ariaLabel,
  value,
  onChange,
  onKeyDown,
  type = 'text',
  inputMode,
  maxLength,
  placeholder,
  testId,
}: {
  label?: string;
  ariaLabel?: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  type?: 'text' | 'datetime-local';
  inputMode?: 'tel';
  maxLength?: number;
  placeholder?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="react-aria-TextField">
      {label !== undefined && (
        <label className="react-aria-Label" htmlFor={id}>
          {label}
        </label>
      )}
      <input
        id={id}
        className="react-aria-Input"
        type={type}
        inputMode={inputMode}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-label={label === undefined ? ariaLabel : undefined}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        data-testid={testId}
      />
    </div>
  );
}

/** A checkbox: the native input, transparent over its whole label (which draws the box), so a click anywhere on it lands on the input. */
export function PlainCheckbox({ checked, onChange, children, testId }: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode; testId?: string }) {
  return (
    <label className="react-aria-Checkbox" data-selected={checked || undefined} data-testid={testId}>
      <input type="checkbox" className="choice-input" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />
      {children}
    </label>
  );
}

export interface PlainRadioOption<V extends string> {
  value: V;
  label: string;
}

/** A labelled group of native radios (arrow keys move between them); `value` null: none chosen yet. */
export function PlainRadioGroup<V extends string>({ label, value, options, onChange, className }: { label: string; value: V | null; options: readonly PlainRadioOption<V>[]; onChange: (value: V) => void; className?: string }) {
  const id = useId();
  return (
    <div role="radiogroup" aria-labelledby={`${id}label`} className={className ? `react-aria-RadioGroup ${className}` : 'react-aria-RadioGroup'}>
      <span id={`${id}label`} className="react-aria-Label">
        {label}
      </span>
      {options.map((option) => (
        <label key={option.value} className="react-aria-Radio" data-selected={value === option.value || undefined}>
          <input type="radio" className="choice-input" name={id} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** A submit button (native), marked the way the library marks a disabled one (data-disabled). */
export function PlainSubmit({ disabled, children, testId, buttonRef }: { disabled: boolean; children: ReactNode; testId?: string; buttonRef?: Ref<HTMLButtonElement> }) {
  return (
    <button type="submit" className="react-aria-Button primary" disabled={disabled} data-disabled={disabled || undefined} data-testid={testId} ref={buttonRef}>
      {children}
    </button>
  );
}

/**
 * The library's tag list as it renders with no tags (a focusable, labelled group saying so), without its
 * collection and list state; a form mounts the library's TagGroup once it has a tag.
 */
export function PlainEmptyTagList({ label, empty }: { label: string; empty: string }) {
  const id = useId();
  return (
    <div className="react-aria-TagGroup">
      <span className="react-aria-Label" id={`${id}label`}>
        {label}
      </span>
      <div className="react-aria-TagList" role="group" aria-labelledby={`${id}label`} tabIndex={0} aria-atomic="false" aria-relevant="additions" aria-live="off" data-empty="true">
        {empty}
      </div>
    </div>
  );
}
