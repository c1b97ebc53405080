// Which Chromium the browser specs drive. In order: an explicit CONVGRAD_CHROMIUM path; a system
// Chromium or Chrome; the Chromium that `npm install` brings inside @sparticuz/chromium (Linux
// x64; the package decompresses its bundled binary into the temp directory on first use, no
// download). Setting CONVGRAD_BROWSER_FALLBACK=1 skips the system browsers, so the fallback can
// be tested on a machine that has one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BrowserSource = 'CONVGRAD_CHROMIUM' | 'system' | '@sparticuz/chromium';

export interface FoundBrowser {
  executablePath: string;
  source: BrowserSource;
  /** Extra environment for the browser process (only the fallback needs one, and only without system fonts). */
  env: Record<string, string>;
}

/** Where Linux distributions, macOS and Windows install Chromium or Chrome. */
export const SYSTEM_BROWSERS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** The flags every spec needs, whichever browser runs them (root in CI needs --no-sandbox). */
export const BROWSER_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface DiscoveryInput {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  /** Decompresses @sparticuz/chromium's binary and returns its path. */
  bundledChromium: () => string;
  platform: NodeJS.Platform;
  arch: string;
}

export function findBrowser(input: DiscoveryInput): FoundBrowser {
  const explicit = input.env['CONVGRAD_CHROMIUM'];
  if (explicit !== undefined && explicit !== '') {
    if (!input.exists(explicit)) throw new Error(`CONVGRAD_CHROMIUM=${explicit}: no such file`);
    return { executablePath: explicit, source: 'CONVGRAD_CHROMIUM', env: {} };
  }
  if (input.env['CONVGRAD_BROWSER_FALLBACK'] !== '1') {
    const system = SYSTEM_BROWSERS.find((path) => input.exists(path));
    if (system !== undefined) return { executablePath: system, source: 'system', env: {} };
  }
  if (input.platform !== 'linux' || input.arch !== 'x64') {
    throw new Error(
      `no Chromium found: install Chrome or Chromium, or set CONVGRAD_CHROMIUM to its executable (the bundled fallback is Linux x64 only; this is ${input.platform} ${input.arch})`,
    );
  }
  // Without system fonts, the text would be drawn as boxes; the package ships a few fonts.
  const env: Record<string, string> = input.exists('/etc/fonts/fonts.conf') ? {} : { FONTCONFIG_PATH: join(tmpdir(), 'fonts') };
  return { executablePath: input.bundledChromium(), source: '@sparticuz/chromium', env };
}

/** Runs the package's async decompression in a child so the (synchronous) Playwright config can use it. */
function decompressBundledChromium(): string {
  const script = "const c = (await import('@sparticuz/chromium')).default; process.stdout.write(await c.executablePath());";
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: join(import.meta.dirname, '../../..') }).trim();
}

let found: FoundBrowser | undefined;

/** The browser for this run, found once per process. */
export function testBrowser(): FoundBrowser {
  found ??= findBrowser({
    env: process.env,
    exists: existsSync,
    bundledChromium: decompressBundledChromium,
    platform: process.platform,
    arch: process.arch,
  });
  return found;
}
