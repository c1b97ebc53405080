// The only code with both Electron APIs and access to the page. It runs sandboxed, so it is
// bundled to CommonJS and may import nothing but 'electron'; it exposes the members of
// ConvGradBridge only and never hands the page an ipcRenderer or event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  APP_VERSION_SWITCH,
  FILE_KINDS,
  IPC,
  type ConvGradBridge,
  SAVE_EXTENSIONS,
  type FileKind,
  type MenuEvent,
  type OpenedSession,
  type OpenFileReply,
  type SaveFileReply,
  type SaveRequest,
} from './api';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

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
  async saveFile(request: SaveRequest) {
    const { name, bytes } = request ?? {};
    if (typeof name !== 'string' || !(SAVE_EXTENSIONS as readonly string[]).includes(extensionOf(name))) {
      throw new Error(`saveFile: cannot save ${JSON.stringify(name)} (allowed: ${SAVE_EXTENSIONS.map((e) => '.' + e).join(' ')})`);
    }
    if (!(bytes instanceof Uint8Array)) throw new Error('saveFile: bytes must be a Uint8Array');
    const reply = (await ipcRenderer.invoke(IPC.saveFile, { name, bytes })) as SaveFileReply;
    if (reply === null) return null;
    if ('error' in reply) throw new Error(reply.error);
    return reply.saved;
  },
  async openSession() {
    const reply = (await ipcRenderer.invoke(IPC.openSession)) as { session: OpenedSession } | { error: string } | null;
    if (reply === null) return null;
    if ('error' in reply) throw new Error(reply.error);
    return reply.session;
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
