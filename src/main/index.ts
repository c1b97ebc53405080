// Electron main process: owns the window, the menu, native dialogs and file reading.
// All numeric work happens in the renderer's worker; main never sees a tensor.
import { app, dialog, Menu, type BrowserWindow } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IPC, type FileKind, type MenuEvent } from '../preload/api';
import { aboutDetail } from './about';
import { registerIpcHandlers } from './ipc';
import { launchKind, launchPaths } from './launch-paths';
import { menuTemplate } from './menu';
import { chooseAndReadFile } from './open-dialog';
import { readOpenedFile } from './open-file';
import { RecentFiles } from './recent-files';
import { readSession } from './save-file';
import { APP_ENTRY_URL, isTrustedUrl } from './origin';
import { registerAppScheme, serveRenderer } from './protocol';
import { applySecurityPolicy } from './security';
import { createMainWindow } from './window';

const here = import.meta.dirname;
// electron-vite dev sets this to its dev server; a packaged app never loads a URL from the environment.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const isDevelopment = devServerUrl !== undefined;

let mainWindow: BrowserWindow | null = null;
let recent: RecentFiles | null = null;
/** Files asked for before the window could take them (command line, macOS open-file at launch). */
const pendingPaths: string[] = [];
let windowReady = false;

function send(event: MenuEvent): void {
  mainWindow?.webContents.send(IPC.menu, event);
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          open: (kind) => void openFromMenu(kind),
          about: () => void showAbout(),
          command: (command) => send({ type: 'command', command }),
          openRecent: (path) => void openPath(path),
          clearRecent: () => {
            recent?.clear();
            buildMenu();
          },
        },
        { isDevelopment, isMac: process.platform === 'darwin', recent: recent?.list() ?? [] },
      ),
    ),
  );
}

function remember(path: string): void {
  recent?.add(path);
  buildMenu();
}

/** Opens a session or an array (as X) given by path: recent files, the command line, the OS. */
async function openPath(path: string): Promise<void> {
  if (!windowReady || mainWindow === null) {
    pendingPaths.push(path);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  const kind = launchKind(path);
  try {
    if (kind === 'session') {
      send({ type: 'session-opened', session: await readSession(path) });
    } else {
      send({ type: 'file-opened', file: await readOpenedFile('image', path) });
    }
    remember(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send(kind === 'session' ? { type: 'session-error', message } : { type: 'file-error', kind: 'image', message });
    buildMenu();
  }
}

async function openFromMenu(kind: FileKind): Promise<void> {
  if (mainWindow === null) return;
  const reply = await chooseAndReadFile(mainWindow, kind, kind === 'image' ? remember : undefined);
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
  recent = new RecentFiles(join(app.getPath('userData'), 'recent-files.json'));
  registerIpcHandlers({ isTrusted: (url) => isTrustedUrl(url, devServerUrl), remember });
  buildMenu();
  mainWindow = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    iconPath: join(here, '../renderer/icon.png'),
    appVersion: app.getVersion(),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
    windowReady = false;
  });
  // The renderer subscribes to menu events while it loads; files wait until it has.
  mainWindow.webContents.on('did-finish-load', () => {
    windowReady = true;
    for (const path of pendingPaths.splice(0)) void openPath(path);
  });
  pendingPaths.push(...launchPaths(process.argv, process.cwd(), existsSync));
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

registerAppScheme();
// One window: a second launch (e.g. double-clicking a .convgrad file) hands its files to this one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    for (const path of launchPaths(argv, workingDirectory, existsSync)) void openPath(path);
  });
  // macOS hands files over with this event, also before the app is ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openPath(path);
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
