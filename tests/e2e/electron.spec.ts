// The desktop app end to end: launches the built app (out/main) in Electron and checks the
// window and the isolation of the renderer. Needs the Electron binary, which cannot be
// downloaded on every machine; there the test reports one skip line instead.
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';
import { BRIDGE_KEYS } from '../../src/preload/api';
import { saveScreenshot } from './support/artifacts';
import { electronSkipReason } from './support/electron-binary';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Launches the built app the standard way (Playwright resolves the binary through the electron package). */
async function launchApp(): Promise<ElectronApplication> {
  const env = { ...process.env };
  delete env['ELECTRON_RENDERER_URL'];
  delete env['ELECTRON_RUN_AS_NODE'];
  return electron.launch({ args: [REPO_ROOT], cwd: REPO_ROOT, env: env as Record<string, string>, timeout: 60_000 });
}

test('the desktop app opens one isolated window on app://', async () => {
  const reason = electronSkipReason();
  if (reason !== null) {
    console.log(reason);
    test.skip(true, reason);
    return;
  }
  const app = await launchApp();
  try {
    const window = await app.firstWindow();
    await window.locator('#app > *').first().waitFor({ state: 'attached' });
    await expect(window).toHaveTitle('ConvGrad');
    expect(window.url()).toBe('app://convgrad/index.html');
    expect(app.windows()).toHaveLength(1);

    const exposed = await window.evaluate('Object.keys(window.convgrad ?? {}).sort()');
    expect(exposed).toEqual([...BRIDGE_KEYS].sort());
    const leaked = await window.evaluate(`['require', 'process', 'module', 'Buffer', 'global'].filter((name) => typeof globalThis[name] !== 'undefined')`);
    expect(leaked).toEqual([]);
    expect(await window.evaluate('window.open("https://example.com/") === null')).toBe(true);
    const servedPolicy = await window.evaluate(`fetch('./index.html').then((r) => r.headers.get('content-security-policy'))`);
    expect(servedPolicy).toBe(CONTENT_SECURITY_POLICY);
    // app:// sends COOP/COEP (src/main/isolation.ts): the numerical pool shares memory with its helpers.
    expect(await window.evaluate('crossOriginIsolated')).toBe(true);

    await saveScreenshot(window, 'electron-initial');
  } finally {
    await app.close();
  }
});
