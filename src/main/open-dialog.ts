import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { FileKind, OpenFileReply } from '../preload/api';
import { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS } from '../formats/file-kinds';
import { readOpenedFile } from './open-file';

const TITLES: Readonly<Record<FileKind, string>> = {
  image: 'Open Image',
  kernel: 'Open Kernel',
  grad: 'Open Array for dL/dY',
};

// What the renderer's worker decodes: the same lists its file inputs accept.
const ARRAYS = [...ARRAY_EXTENSIONS];
const FILTERS: Readonly<Record<FileKind, FileFilter[]>> = {
  image: [{ name: 'Images and arrays', extensions: [...IMAGE_EXTENSIONS, ...ARRAYS] }],
  kernel: [{ name: 'Arrays', extensions: ARRAYS }],
  grad: [{ name: 'Arrays', extensions: ARRAYS }],
};
const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

/** Asks the user for a file and reads it; null when the dialog is cancelled. `onOpened` hears the path of a file read (recent files). */
export async function chooseAndReadFile(window: BrowserWindow, kind: FileKind, onOpened?: (path: string) => void): Promise<OpenFileReply> {
  const choice = await dialog.showOpenDialog(window, { title: TITLES[kind], properties: ['openFile'], filters: [...FILTERS[kind], ALL_FILES] });
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return null;
  try {
    const file = await readOpenedFile(kind, path);
    onOpened?.(path);
    return { file };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
