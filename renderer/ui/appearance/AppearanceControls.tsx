// The agent's language and theme pickers: each a labelled select, "same as this computer" first. Language
// names are written in their own language (and marked with it), so an agent can find theirs whatever the
// UI currently shows.
import { memo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_CHOICES, THEME_CHOICES, type Appearance } from '../../../common/contract/appearance';
import { isOneOf } from '../../../common/oneOf';
import { APP_LANGUAGES, LANGUAGE_ENDONYMS } from '../../../common/i18n/language';
import { useCommand } from '../useHearthline';
import { PlainUntilUsedSelect } from '../shell/PlainUntilUsedSelect';
import { chooseAppearance, currentAppearance, onAppearanceChange } from './appearance';

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
      {/* Plain HTML until used (PlainUntilUsedSelect): both stay mounted through every call. */}
      <PlainUntilUsedSelect
        className="react-aria-Select appearance-select"
        label={t('appearance.language')}
        selectedKey={appearance.language}
        items={languages}
        onChange={(key) => isOneOf(LANGUAGE_CHOICES, key) && choose({ language: key })}
        testId="language-select"
      />
      <PlainUntilUsedSelect
        className="react-aria-Select appearance-select"
        label={t('appearance.theme')}
        selectedKey={appearance.theme}
        items={themes}
        onChange={(key) => isOneOf(THEME_CHOICES, key) && choose({ theme: key })}
        testId="theme-select"
      />
      {command.error && <p role="alert">{t('appearance.notSaved', { message: command.error })}</p>}
    </div>
  );
});
