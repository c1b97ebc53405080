import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail } from '../../../src/main/about';
import { CONTENT_SECURITY_POLICY, DEVELOPMENT_POLICY } from '../../../src/main/csp';
import { menuTemplate } from '../../../src/main/menu';
import { readOpenedFile } from '../../../src/main/open-file';
import { isTrustedUrl } from '../../../src/main/origin';

describe('isTrustedUrl', () => {
  it('trusts only app://convgrad, and the dev server when one is given', () => {
    expect(isTrustedUrl('app://convgrad/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('file:///work/main/out/renderer/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('not a url', 'http://localhost:5173')).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows no inline or eval script and nothing remote; only compiling WebAssembly (the image codecs)', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('relaxes only styles for the dev server', () => {
    expect(DEVELOPMENT_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
  });
});

describe('readOpenedFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convgrad-open-'));

  it('returns the base name and the bytes', async () => {
    const path = join(dir, 'kernel.npy');
    writeFileSync(path, Uint8Array.of(1, 2, 3));
    const file = await readOpenedFile('kernel', path);
    expect(file).toEqual({ kind: 'kernel', name: 'kernel.npy', bytes: Uint8Array.of(1, 2, 3) });
  });

  it('refuses files over the size limit with a one-line message naming the file', async () => {
    const path = join(dir, 'big.png');
    writeFileSync(path, new Uint8Array(3 * 1024 * 1024));
    await expect(readOpenedFile('image', path, 2 * 1024 * 1024)).rejects.toThrow('big.png: file is 3 MB, larger than the 2 MB limit');
  });

  it('names the file when it is missing or a directory', async () => {
    await expect(readOpenedFile('grad', join(dir, 'gone.npy'))).rejects.toThrow('gone.npy: cannot read file (ENOENT)');
    await expect(readOpenedFile('grad', dir)).rejects.toThrow(/: not a regular file$/);
  });
});

describe('menuTemplate', () => {
  const submenu = (template: MenuItemConstructorOptions[], label: string) =>
    template.find((item) => item.label === label)?.submenu as MenuItemConstructorOptions[];
  const actions = () => ({ open: vi.fn(), about: vi.fn(), command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn() });

  it('opens each file kind from File with its accelerator, and sends the window its commands', () => {
    const a = actions();
    const file = submenu(menuTemplate(a, { isDevelopment: false, isMac: false }), 'File');
    const items = file.filter((item) => item.accelerator);
    expect(items.map((item) => [item.label, item.accelerator])).toEqual([
      ['Open Session…', 'CmdOrCtrl+Shift+O'],
      ['Open Image…', 'CmdOrCtrl+O'],
      ['Open Kernel…', 'CmdOrCtrl+K'],
      ['Open dL/dY…', 'CmdOrCtrl+G'],
      ['Save Session…', 'CmdOrCtrl+S'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Export Results…', 'CmdOrCtrl+Shift+E'],
    ]);
    for (const item of items) (item.click as () => void)();
    expect(a.open.mock.calls).toEqual([['image'], ['kernel'], ['grad']]);
    expect(a.command.mock.calls).toEqual([['open-session'], ['save-session'], ['export'], ['export-results']]);
    expect(file.some((item) => item.role === 'quit')).toBe(true);
  });

  it('lists recent files numbered, newest first, with a way to clear them', () => {
    const a = actions();
    const recent = (list: string[]) => submenu(menuTemplate(a, { isDevelopment: false, isMac: false, recent: list }), 'File').find((i) => i.label === 'Open Recent')?.submenu as MenuItemConstructorOptions[];
    expect(recent([]).map((i) => [i.label, i.enabled])).toEqual([['No Recent Files', false]]);
    const items = recent(['/data/a b.convgrad', '/data/R&D.npy']);
    expect(items.map((i) => i.label)).toEqual(['&1 a b.convgrad', '&2 R&&D.npy', undefined, 'Clear Recent Files']);
    (items[1]!.click as () => void)();
    (items[3]!.click as () => void)();
    expect(a.openRecent).toHaveBeenCalledWith('/data/R&D.npy');
    expect(a.clearRecent).toHaveBeenCalled();
  });

  it('forwards undo, redo and the shortcuts overlay to the window', () => {
    const a = actions();
    const template = menuTemplate(a, { isDevelopment: false, isMac: false });
    for (const item of [...submenu(template, 'Edit'), ...(template.find((i) => i.role === 'help')!.submenu as MenuItemConstructorOptions[])]) {
      if (item.label === 'Undo' || item.label === 'Redo' || item.label === 'Keyboard Shortcuts') (item.click as () => void)();
    }
    expect(a.command.mock.calls).toEqual([['undo'], ['redo'], ['shortcuts']]);
  });

  it('offers developer tools only in development', () => {
    const roles = (isDevelopment: boolean) =>
      submenu(menuTemplate(actions(), { isDevelopment, isMac: false }), 'View').map((item) => item.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });
});

describe('aboutDetail', () => {
  it('lists the app, Electron, Chromium and Node versions', () => {
    const text = aboutDetail({ app: '0.1.0', electron: '45.5.0', chrome: '140.0', node: '22.1.0' });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Electron 45.5.0');
    expect(text).toContain('Chromium 140.0');
    expect(text).toContain('Node 22.1.0');
  });
});
