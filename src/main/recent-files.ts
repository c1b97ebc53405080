// The File menu's recent files: at most nine, newest first, kept in userData as JSON; files
// that no longer exist are pruned whenever the list is read. (TypeScript `private`, not `#`
// fields: the Electron audit's parser cannot read class private fields in out/main.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const MAX_RECENT = 9;

export class RecentFiles {
  private readonly store: string;
  private readonly exists: (path: string) => boolean;

  constructor(storePath: string, exists: (path: string) => boolean = existsSync) {
    this.store = storePath;
    this.exists = exists;
  }

  /** The recent files that still exist, newest first (a broken or missing store is an empty list). */
  list(): string[] {
    let stored: unknown;
    try {
      stored = JSON.parse(readFileSync(this.store, 'utf8'));
    } catch {
      return [];
    }
    const paths = Array.isArray(stored) ? stored.filter((p): p is string => typeof p === 'string') : [];
    const kept = paths.filter((p) => this.exists(p)).slice(0, MAX_RECENT);
    if (kept.length !== paths.length) this.write(kept);
    return kept;
  }

  /** Puts a file first (moving it up if it was already listed). */
  add(path: string): string[] {
    const absolute = resolve(path);
    const next = [absolute, ...this.list().filter((p) => p !== absolute)].slice(0, MAX_RECENT);
    this.write(next);
    return next;
  }

  clear(): void {
    this.write([]);
  }

  private write(paths: readonly string[]): void {
    try {
      mkdirSync(dirname(this.store), { recursive: true });
      writeFileSync(this.store, JSON.stringify(paths, null, 2) + '\n');
    } catch {
      // A read-only profile loses the list, not the file being opened.
    }
  }
}
