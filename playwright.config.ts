import { defineConfig } from '@playwright/test';
import { BROWSER_ARGS, testBrowser } from './tests/e2e/support/browser';

// The web build is served by scripts/serve-web.ts; the webServer command builds it first, so
// `npx playwright test` alone always tests the current sources.
const PORT = Number(process.env['CONVGRAD_E2E_PORT'] ?? 5198);
const BASE_URL = `http://127.0.0.1:${PORT}/`;
const BROWSER = testBrowser();
// Once per run (workers load this file too): which browser the specs drive.
if (process.env['TEST_WORKER_INDEX'] === undefined) console.log(`e2e browser: ${BROWSER.executablePath} (${BROWSER.source})`);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  // Two cores: the app's compute worker and Chromium compete with the runner.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list']],
  webServer: {
    command: `npx electron-vite build && npx tsx scripts/serve-web.ts --port ${PORT}`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1360, height: 900 },
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Found by tests/e2e/support/browser.ts; Playwright's own browsers are never downloaded.
      executablePath: BROWSER.executablePath,
      args: [...BROWSER_ARGS],
      env: { ...process.env, ...BROWSER.env },
    },
  },
});
