import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { FILE_KINDS, IPC, SAVE_EXTENSIONS, type FileKind, type SaveRequest } from '../preload/api';
import { chooseAndReadFile } from './open-dialog';
import { chooseAndReadSession, chooseAndSaveFile } from './save-file';

/** Recent files hear of every session saved or opened, and every X opened, through these requests. */
export interface IpcContext {
  isTrusted(url: string): boolean;
  remember(path: string): void;
}

/** The window that sent a request, when the sender is a frame showing our own renderer. */
function senderWindow(event: IpcMainInvokeEvent, what: string, isTrusted: (url: string) => boolean): BrowserWindow {
  const frameUrl = event.senderFrame?.url ?? '';
  if (!isTrusted(frameUrl)) throw new Error(`${what} refused: untrusted sender ${frameUrl || '(unknown)'}`);
  const window = BrowserWindow.fromWebContents(event.sender);
  if (window === null) throw new Error(`${what} refused: sender has no window`);
  return window;
}

function isSaveRequest(value: unknown): value is SaveRequest {
  const request = value as SaveRequest | null;
  if (typeof request?.name !== 'string' || !(request.bytes instanceof Uint8Array)) return false;
  const ext = request.name.slice(request.name.lastIndexOf('.') + 1).toLowerCase();
  return (SAVE_EXTENSIONS as readonly string[]).includes(ext) && !/[\\/]/.test(request.name);
}

/**
 * The whole IPC surface: open a file, save a file, open a session. The sender must be a frame
 * showing our own renderer and the arguments must be of the known shapes; anything else is refused.
 */
export function registerIpcHandlers(context: IpcContext): void {
  ipcMain.handle(IPC.openFile, async (event: IpcMainInvokeEvent, kind: unknown) => {
    const window = senderWindow(event, 'open-file', context.isTrusted);
    if (!FILE_KINDS.includes(kind as FileKind)) throw new Error(`open-file refused: unknown file kind ${JSON.stringify(kind)}`);
    // Recent files reopen as X, so only inputs opened as X are listed.
    return chooseAndReadFile(window, kind as FileKind, kind === 'image' ? context.remember : undefined);
  });
  ipcMain.handle(IPC.saveFile, async (event: IpcMainInvokeEvent, request: unknown) => {
    const window = senderWindow(event, 'save-file', context.isTrusted);
    if (!isSaveRequest(request)) throw new Error('save-file refused: not a file name with a known extension and its bytes');
    return chooseAndSaveFile(window, request, (path) => {
      if (path.toLowerCase().endsWith('.convgrad')) context.remember(path);
    });
  });
  ipcMain.handle(IPC.openSession, async (event: IpcMainInvokeEvent) => {
    const window = senderWindow(event, 'open-session', context.isTrusted);
    return chooseAndReadSession(window, context.remember);
  });
}
