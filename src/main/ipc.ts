import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { FILE_KINDS, IPC, type FileKind } from '../preload/api';
import { chooseAndReadFile } from './open-dialog';

/**
 * The whole IPC surface: one request. The sender must be a frame showing our own
 * renderer and the argument must be a known file kind; anything else is refused.
 */
export function registerIpcHandlers(isTrusted: (url: string) => boolean): void {
  ipcMain.handle(IPC.openFile, async (event: IpcMainInvokeEvent, kind: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrusted(frameUrl)) throw new Error(`open-file refused: untrusted sender ${frameUrl || '(unknown)'}`);
    if (!FILE_KINDS.includes(kind as FileKind)) throw new Error(`open-file refused: unknown file kind ${JSON.stringify(kind)}`);
    const window = BrowserWindow.fromWebContents(event.sender);
    if (window === null) throw new Error('open-file refused: sender has no window');
    return chooseAndReadFile(window, kind as FileKind);
  });
}
