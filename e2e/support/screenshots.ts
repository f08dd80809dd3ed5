// Screenshots of the real UI, taken by the e2e suite and linked from the README.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../stack/audio';

export const SCREENSHOT_DIR = process.env.HEARTHLINE_SCREENSHOT_DIR ?? join(REPO_ROOT, 'docs', 'screenshots');

/** The whole page, or just one part of it (a dialog section). */
export async function saveScreenshot(page: Page | Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
