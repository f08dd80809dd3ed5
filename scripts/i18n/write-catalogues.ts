// Build step (scripts/build.mjs): writes the UI's fetched catalogues (every language but English) as JSON
// beside the UI page, e.g. dist/renderer/i18n/zh-Hans.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { catalogueFileContents } from './fetchedCatalogues';

const pageDir = process.argv[2] ?? join('dist', 'renderer');
for (const [file, contents] of catalogueFileContents()) {
  mkdirSync(dirname(join(pageDir, file)), { recursive: true });
  writeFileSync(join(pageDir, file), contents);
}
