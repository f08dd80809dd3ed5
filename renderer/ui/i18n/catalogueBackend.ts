// i18next asks this for a language's catalogue the first time the UI speaks it; i18next switches the
// language only once the catalogue is in, so a switch never shows keys (or English) in between.
import type { BackendModule, ReadCallback, ResourceKey } from 'i18next';
import { catalogueFile } from './catalogueFiles';

/** `load` fetches a file relative to the page and parses it as JSON. */
export function catalogueBackend(load: (path: string) => Promise<unknown>): BackendModule {
  return {
    type: 'backend',
    callbackApi: true,
    init: () => undefined,
    read(language: string, _namespace: string, callback: ReadCallback) {
      const file = catalogueFile(language);
      // A code i18next derives ('zh' from 'zh-Hans') or the bundled English: nothing to fetch.
      if (!file) return callback(null, {});
      load(`./${file}`).then(
        (catalogue) => callback(null, catalogue as ResourceKey),
        // `true`: i18next tries again a few times, waiting longer each time.
        (error: unknown) => callback(error instanceof Error ? error : String(error), true),
      );
    },
  };
}

/** The page's loader: the catalogue files are served beside it (same origin). */
export async function fetchCatalogue(path: string): Promise<unknown> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
