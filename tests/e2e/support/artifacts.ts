import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** Screenshots of the main views, kept for humans to look at (gitignored). */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../artifacts');

/** Saves a full-page screenshot as tests/e2e/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`saveScreenshot: name must be kebab-case, got ${JSON.stringify(name)}`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
