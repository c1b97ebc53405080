// Files the app is asked to open from outside: on its command line (first launch, or a second
// launch handed over by the single-instance lock) or by the OS (double-click, "Open with").
import { extname, resolve } from 'node:path';

/** What the app opens from outside: sessions, and arrays as X (the file associations). */
export const OPENABLE_EXTENSIONS = ['.convgrad', '.npy'] as const;

export type LaunchKind = 'session' | 'array';

export function launchKind(path: string): LaunchKind | null {
  const ext = extname(path).toLowerCase();
  return ext === '.convgrad' ? 'session' : ext === '.npy' ? 'array' : null;
}

/**
 * The openable files among command-line arguments: switches (Chromium's and ours) and the app's
 * own path are skipped; relative paths are taken from the launching process's directory.
 */
export function launchPaths(argv: readonly string[], cwd: string, exists: (path: string) => boolean): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && launchKind(arg) !== null)
    .map((arg) => resolve(cwd, arg))
    .filter((path) => exists(path));
}
