// Runs the real main-process entry (src/main/index.ts) against a recording stand-in for the
// 'electron' module, since the Electron binary is not available everywhere tests run. Checks
// the wiring: privileged scheme, window security, app:// serving, IPC validation, lockdown.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../src/preload/api';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/csp';

type Handler = (...args: any[]) => any;

const userData = vi.hoisted(() => `${process.env['TMPDIR'] ?? '/tmp'}/convgrad-main-test-${process.pid}`);

const electron = vi.hoisted(() => {
  const appListeners = new Map<string, Handler>();
  const windows: { options: any; loadURL: any }[] = [];
  class BrowserWindow {
    webContents = { send: () => undefined, on: () => undefined };
    loadURL = vi.fn(async () => undefined);
    constructor(public options: any) {
      windows.push(this);
    }
    once() {}
    on() {}
    static fromWebContents = () => windows[0] ?? null;
  }
  return {
    appListeners,
    windows,
    ipcHandlers: new Map<string, Handler>(),
    protocolHandlers: new Map<string, Handler>(),
    privileged: [] as unknown[],
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    menu: undefined as unknown,
    showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
    BrowserWindow,
  };
});

vi.mock('electron', () => ({
  app: {
    isPackaged: false,
    getVersion: () => '0.1.0',
    getPath: () => userData,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    on: (event: string, listener: Handler) => electron.appListeners.set(event, listener),
    whenReady: () => Promise.resolve(),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: Handler) => electron.protocolHandlers.set(scheme, handler),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: Handler) => (electron.permissionRequest = h),
      setPermissionCheckHandler: (h: Handler) => (electron.permissionCheck = h),
    },
  },
  ipcMain: { handle: (channel: string, handler: Handler) => electron.ipcHandlers.set(channel, handler) },
  Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (electron.menu = menu) },
  dialog: { showOpenDialog: electron.showOpenDialog, showMessageBox: async () => ({ response: 0 }) },
  BrowserWindow: electron.BrowserWindow,
}));

beforeAll(async () => {
  delete process.env['ELECTRON_RENDERER_URL'];
  await import('../../../src/main/index');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) run
});

describe('main process wiring', () => {
  it('registers app:// as a standard, secure, fetch-capable scheme', () => {
    expect(electron.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one sandboxed, isolated window on app://convgrad/', () => {
    expect(electron.windows).toHaveLength(1);
    const { webPreferences } = electron.windows[0]!.options;
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(electron.windows[0]!.loadURL).toHaveBeenCalledWith('app://convgrad/index.html');
  });

  it('serves files under the renderer root with the CSP and cross-origin isolation, and refuses the rest', async () => {
    const handle = electron.protocolHandlers.get('app')!;
    const ok: Response = await handle(new Request('app://convgrad/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(ok.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(await ok.text()).toContain('<div id="app">');
    expect((await handle(new Request('app://convgrad/..%2f..%2fpackage.json'))).status).toBe(403);
    expect((await handle(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('answers open-file only for our own frames and known kinds', async () => {
    const openFile = electron.ipcHandlers.get(IPC.openFile)!;
    const from = (url: string) => ({ senderFrame: { url }, sender: {} });
    await expect(openFile(from('https://evil.example/'), 'image')).rejects.toThrow(/untrusted sender/);
    await expect(openFile(from('app://convgrad/index.html'), 'passwords')).rejects.toThrow(/unknown file kind/);
    await expect(openFile(from('app://convgrad/index.html'), 'image')).resolves.toBeNull();
    expect(electron.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('denies navigation, new windows, webviews and every permission', () => {
    const listeners = new Map<string, Handler>();
    let openHandler: Handler | undefined;
    const contents = { on: (event: string, l: Handler) => listeners.set(event, l), setWindowOpenHandler: (h: Handler) => (openHandler = h) };
    electron.appListeners.get('web-contents-created')!({}, contents);
    for (const event of ['will-navigate', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault }, 'https://example.com/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const callback = vi.fn();
    electron.permissionRequest!(null, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electron.permissionCheck!(null, 'clipboard-read')).toBe(false);
  });

  it('installs the File / Edit / View / Help menu', () => {
    expect((electron.menu as { label?: string; role?: string }[]).map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'help']);
  });

  it('answers save-file only for our own frames and known file names', async () => {
    const saveFile = electron.ipcHandlers.get(IPC.saveFile)!;
    const from = (url: string) => ({ senderFrame: { url }, sender: {} });
    const bytes = Uint8Array.of(1);
    await expect(saveFile(from('https://evil.example/'), { name: 'a.png', bytes })).rejects.toThrow(/untrusted sender/);
    await expect(saveFile(from('app://convgrad/index.html'), { name: 'evil.sh', bytes })).rejects.toThrow(/save-file refused/);
    await expect(saveFile(from('app://convgrad/index.html'), { name: '../a.png', bytes })).rejects.toThrow(/save-file refused/);
    await expect(saveFile(from('app://convgrad/index.html'), { name: 'a.png', bytes: 'x' })).rejects.toThrow(/save-file refused/);
  });

  it("takes the single-instance lock and opens a second launch's files in this window", () => {
    expect(electron.appListeners.has('second-instance')).toBe(true);
    expect(electron.appListeners.has('open-file')).toBe(true);
  });
});
