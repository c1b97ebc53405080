import { describe, expect, it } from 'vitest';
import { findBrowser, type DiscoveryInput } from '../../e2e/support/browser';

function input(files: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux'): DiscoveryInput & { unpacked: number } {
  const state = {
    env,
    exists: (path: string) => files.includes(path),
    bundledChromium: () => {
      state.unpacked += 1;
      return '/tmp/chromium';
    },
    platform,
    arch: 'x64',
    unpacked: 0,
  };
  return state;
}

describe('findBrowser', () => {
  it('takes CONVGRAD_CHROMIUM first, even with a system browser present', () => {
    const found = findBrowser(input(['/opt/c/chrome', '/usr/bin/chromium'], { CONVGRAD_CHROMIUM: '/opt/c/chrome' }));
    expect(found).toEqual({ executablePath: '/opt/c/chrome', source: 'CONVGRAD_CHROMIUM', env: {} });
  });

  it('refuses a CONVGRAD_CHROMIUM that does not exist rather than falling through', () => {
    expect(() => findBrowser(input(['/usr/bin/chromium'], { CONVGRAD_CHROMIUM: '/nope' }))).toThrow(/CONVGRAD_CHROMIUM=\/nope: no such file/);
  });

  it('then a system Chromium or Chrome, without unpacking the bundled one', () => {
    const state = input(['/usr/bin/google-chrome', '/etc/fonts/fonts.conf']);
    expect(findBrowser(state).executablePath).toBe('/usr/bin/google-chrome');
    expect(state.unpacked).toBe(0);
  });

  it('falls back to @sparticuz/chromium with no system browser, or when forced', () => {
    for (const state of [input(['/etc/fonts/fonts.conf']), input(['/usr/bin/chromium', '/etc/fonts/fonts.conf'], { CONVGRAD_BROWSER_FALLBACK: '1' })]) {
      expect(findBrowser(state)).toEqual({ executablePath: '/tmp/chromium', source: '@sparticuz/chromium', env: {} });
      expect(state.unpacked).toBe(1);
    }
  });

  it("points the fallback at the package's fonts only when the system has no fontconfig", () => {
    expect(findBrowser(input([])).env['FONTCONFIG_PATH']).toMatch(/fonts$/);
  });

  it('says what to install where the fallback does not exist', () => {
    expect(() => findBrowser(input([], {}, 'darwin'))).toThrow(/install Chrome or Chromium, or set CONVGRAD_CHROMIUM/);
  });
});
