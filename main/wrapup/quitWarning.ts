// The warning shown when the agent quits with notes the gateway does not have yet. Quitting is never
// blocked: the notes are safe in the encrypted store and the next start sends them.
import type { AppLanguage } from '../../common/i18n/language';
import { mainText } from '../../common/i18n/mainStrings';

export interface QuitWarning {
  title: string;
  body: string;
}

export function quitWarning(unsynced: number, language: AppLanguage): QuitWarning | undefined {
  if (unsynced <= 0) return undefined;
  const body = unsynced === 1 ? mainText(language, 'quitUnsyncedOne') : mainText(language, 'quitUnsyncedOther', { count: unsynced });
  return { title: mainText(language, 'appName'), body };
}
