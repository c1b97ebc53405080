// Electron main process: owns the window, the menu, native dialogs and file reading.
// All numeric work happens in the renderer's worker; main never sees a tensor.
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { IPC, type FileKind, type MenuEvent } from '../preload/api';
import { aboutDetail } from './about';
import { registerIpcHandlers } from './ipc';
import { menuTemplate } from './menu';
import { chooseAndReadFile } from './open-dialog';
import { APP_ENTRY_URL, isTrustedUrl } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySecurityPolicy } from './security';
import { createMainWindow } from './window';

const here = import.meta.dirname;
// electron-vite dev sets this to its dev server; a packaged app never loads a URL from the environment.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const isDevelopment = devServerUrl !== undefined;

let mainWindow: BrowserWindow | null = null;

function send(event: MenuEvent): void {
  mainWindow?.webContents.send(IPC.menu, event);
}

async function openFromMenu(kind: FileKind): Promise<void> {
  if (mainWindow === null) return;
  const reply = await chooseAndReadFile(mainWindow, kind);
  if (reply === null) return;
  send('error' in reply ? { type: 'file-error', kind, message: reply.error } : { type: 'file-opened', file: reply.file });
}

async function showAbout(): Promise<void> {
  const detail = aboutDetail({
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  });
  const options = { type: 'info' as const, title: 'About ConvGrad', message: 'ConvGrad', detail, buttons: ['OK'] };
  await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function start(): void {
  applySecurityPolicy();
  serveRenderer(join(here, '../renderer'));
  registerIpcHandlers((url) => isTrustedUrl(url, devServerUrl));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        { open: (kind) => void openFromMenu(kind), about: () => void showAbout() },
        { isDevelopment, isMac: process.platform === 'darwin' },
      ),
    ),
  );
  mainWindow = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    iconPath: join(here, '../renderer/icon.png'),
    appVersion: app.getVersion(),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
