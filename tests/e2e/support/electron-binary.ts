import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The installed Electron executable, or null when the npm package's postinstall could not
 * download it. Found from the package's path.txt rather than `require('electron')`, which
 * would try to download the binary on the spot.
 */
export function electronBinaryPath(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Why the Electron spec cannot run here, or null when it can (it needs the binary and, on Linux, a display). */
export function electronSkipReason(): string | null {
  if (electronBinaryPath() === null) return 'electron e2e skipped: no Electron binary (cannot be downloaded on this machine)';
  if (process.platform === 'linux' && !process.env['DISPLAY']) return 'electron e2e skipped: no X display (run under xvfb-run, as .ci/run does)';
  return null;
}
