// The agent's language and theme pickers: each a labelled select, "same as this computer" first. Language
// names are written in their own language (and marked with it), so an agent can find theirs whatever the
// UI currently shows.
import { memo, useSyncExternalStore } from 'react';
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, THEME_CHOICES, type Appearance } from '../../../common/contract/appearance';
import { isOneOf } from '../../../common/oneOf';
import { APP_LANGUAGES, LANGUAGE_ENDONYMS } from '../../../common/i18n/language';
import { useCommand } from '../useHearthline';
import { chooseAppearance, currentAppearance, onAppearanceChange } from './appearance';

function AppearanceSelect({ label, selected, items, onChange, testId }: { label: string; selected: string; items: { id: string; name: string; lang?: string }[]; onChange: (key: Key) => void; testId: string }) {
  return (
    <Select className="react-aria-Select appearance-select" selectedKey={selected} onSelectionChange={(key) => key !== null && onChange(key)}>
      <Label>{label}</Label>
      <Button data-testid={testId}>
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

// Memoised: it reads nothing from its parent, so a snapshot change (a call ringing) does not render it.
export const AppearanceControls = memo(function AppearanceControls() {
  const { t } = useTranslation();
  const appearance = useSyncExternalStore(onAppearanceChange, currentAppearance);
  const command = useCommand();
  const choose = (change: Partial<Appearance>) => command.run(() => chooseAppearance(change));
  const languages = [{ id: 'system', name: t('appearance.followComputer') }, ...APP_LANGUAGES.map((id) => ({ id, name: LANGUAGE_ENDONYMS[id], lang: id }))];
  const themes = THEME_CHOICES.map((id) => ({ id, name: t(`appearance.themes.${id}`) }));
  return (
    <div className="appearance" role="group" aria-label={t('appearance.group')}>
      <AppearanceSelect
        label={t('appearance.language')}
        selected={appearance.language}
        items={languages}
        onChange={(key) => isOneOf(LANGUAGE_CHOICES, key) && choose({ language: key })}
        testId="language-select"
      />
      <AppearanceSelect
        label={t('appearance.theme')}
        selected={appearance.theme}
        items={themes}
        onChange={(key) => isOneOf(THEME_CHOICES, key) && choose({ theme: key })}
        testId="theme-select"
      />
      {command.error && <p role="alert">{t('appearance.notSaved', { message: command.error })}</p>}
    </div>
  );
});
