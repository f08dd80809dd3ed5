// The catalogues the UI fetches instead of bundling (renderer/ui/i18n/catalogueFiles.ts), as the files
// the build writes beside the UI page.
import { catalogueFile, type FetchedLanguage } from '../../renderer/ui/i18n/catalogueFiles';
import { zh, type Widen } from '../../renderer/ui/i18n/zh';
import type { Messages } from '../../renderer/ui/i18n/en';
import { zhHant } from '../../renderer/ui/i18n/zhHant';

export const FETCHED_CATALOGUES: Readonly<Record<FetchedLanguage, Widen<Messages>>> = { 'zh-Hans': zh, 'zh-Hant': zhHant };

/** [path relative to the UI page, file contents] for each fetched language. */
export function catalogueFileContents(): Array<[string, string]> {
  return Object.entries(FETCHED_CATALOGUES).map(([language, catalogue]) => [catalogueFile(language) ?? '', JSON.stringify(catalogue)]);
}
