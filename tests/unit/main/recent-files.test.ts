import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECENT, RecentFiles } from '../../../src/main/recent-files';

function store() {
  return join(mkdtempSync(join(tmpdir(), 'convgrad-recent-')), 'sub', 'recent-files.json');
}

describe('RecentFiles', () => {
  it('keeps at most nine, newest first, moving a reopened file to the top', () => {
    const recent = new RecentFiles(store(), () => true);
    for (let i = 0; i < 12; i++) recent.add(`/f/${i}.convgrad`);
    recent.add('/f/5.convgrad');
    const list = recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.slice(0, 3)).toEqual(['/f/5.convgrad', '/f/11.convgrad', '/f/10.convgrad']);
    expect(new Set(list).size).toBe(MAX_RECENT);
  });

  it('prunes files that no longer exist, and remembers the pruned list', () => {
    const path = store();
    let gone = new Set<string>();
    const recent = new RecentFiles(path, (p) => !gone.has(p));
    recent.add('/f/a.convgrad');
    recent.add('/f/b.npy');
    gone = new Set(['/f/a.convgrad']);
    expect(recent.list()).toEqual(['/f/b.npy']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(['/f/b.npy']);
  });

  it('reads a broken store as empty and clears', () => {
    const path = store();
    const recent = new RecentFiles(path, () => true);
    recent.add('/f/a.convgrad');
    writeFileSync(path, '{not json');
    expect(recent.list()).toEqual([]);
    recent.add('/f/b.convgrad');
    recent.clear();
    expect(recent.list()).toEqual([]);
  });
});
