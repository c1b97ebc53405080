import { dialog, type BrowserWindow } from 'electron';
import type { FileKind, OpenFileReply } from '../preload/api';
import { readOpenedFile } from './open-file';

const TITLES: Readonly<Record<FileKind, string>> = {
  image: 'Open Image',
  kernel: 'Open Kernel',
  grad: 'Open Upstream Gradient dL/dY',
};

const FILTERS = [
  { name: 'Images and arrays', extensions: ['png', 'jpg', 'jpeg', 'npy', 'csv', 'txt', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/** Asks the user for a file and reads it; null when the dialog is cancelled. */
export async function chooseAndReadFile(window: BrowserWindow, kind: FileKind): Promise<OpenFileReply> {
  const choice = await dialog.showOpenDialog(window, { title: TITLES[kind], properties: ['openFile'], filters: FILTERS });
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return null;
  try {
    return { file: await readOpenedFile(kind, path) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
