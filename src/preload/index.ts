// The only code with both Electron APIs and access to the page. It runs sandboxed, so it is
// bundled to CommonJS and may import nothing but 'electron'; it exposes four members and
// never hands the page an ipcRenderer or event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  APP_VERSION_SWITCH,
  FILE_KINDS,
  IPC,
  type ConvGradBridge,
  type FileKind,
  type MenuEvent,
  type OpenFileReply,
} from './api';

function appVersion(): string {
  const arg = process.argv.find((a) => a.startsWith(APP_VERSION_SWITCH));
  return arg ? arg.slice(APP_VERSION_SWITCH.length) : 'unknown';
}

const bridge: ConvGradBridge = {
  platform: process.platform,
  versions: {
    app: appVersion(),
    electron: process.versions.electron ?? 'unknown',
    chrome: process.versions.chrome ?? 'unknown',
    node: process.versions.node,
  },
  async openFile(kind: FileKind) {
    if (!FILE_KINDS.includes(kind)) throw new Error(`openFile: unknown file kind ${JSON.stringify(kind)}`);
    const reply = (await ipcRenderer.invoke(IPC.openFile, kind)) as OpenFileReply;
    if (reply === null) return null;
    if ('error' in reply) throw new Error(reply.error);
    return reply.file;
  },
  onMenu(listener: (event: MenuEvent) => void) {
    const forward = (_event: IpcRendererEvent, menuEvent: MenuEvent) => listener(menuEvent);
    ipcRenderer.on(IPC.menu, forward);
    return () => {
      ipcRenderer.removeListener(IPC.menu, forward);
    };
  },
};

contextBridge.exposeInMainWorld('convgrad', bridge);
