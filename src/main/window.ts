import { BrowserWindow } from 'electron';
import { APP_VERSION_SWITCH } from '../preload/api';

export interface WindowOptions {
  readonly preloadPath: string;
  readonly iconPath: string;
  readonly appVersion: string;
}

/**
 * The single application window, with the renderer isolated from Node and Electron.
 * DevTools are not switched off here (that can get in the way of test drivers); production
 * builds just offer no menu item or shortcut to open them.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 900,
    minWidth: 800,
    minHeight: 560,
    title: 'ConvGrad',
    icon: options.iconPath,
    show: false,
    backgroundColor: '#1e1f24',
    webPreferences: {
      // Reviewed (electronegativity PRELOAD_JS_CHECK): the sandboxed preload exposes only the
      // typed members of ConvGradBridge through contextBridge, never ipcRenderer or an event.
      preload: /* eng-disable PRELOAD_JS_CHECK @preserve */ options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      additionalArguments: [`${APP_VERSION_SWITCH}${options.appVersion}`],
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
