// Saving what the window made (exports, sessions) and opening sessions, through native dialogs.
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SAVE_EXTENSIONS, type OpenedSession, type SaveFileReply, type SaveRequest } from '../preload/api';
import { readOpenedFile } from './open-file';

/** A failed write as one line naming the file. */
function describeWriteError(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `${name}: cannot write file${code ? ` (${code})` : ''}`;
}

const FILTER_NAMES: Readonly<Record<(typeof SAVE_EXTENSIONS)[number], string>> = {
  convgrad: 'ConvGrad session',
  png: 'PNG image',
  svg: 'SVG image',
  npy: 'NumPy array',
  csv: 'CSV table',
  zip: 'Zip archive',
  json: 'JSON',
};

export const SESSION_FILTER: FileFilter = { name: 'ConvGrad session', extensions: ['convgrad'] };

function filterFor(name: string): FileFilter[] {
  const ext = extname(name).slice(1).toLowerCase() as (typeof SAVE_EXTENSIONS)[number];
  return FILTER_NAMES[ext] ? [{ name: FILTER_NAMES[ext], extensions: [ext] }] : [];
}

/** Asks where to save and writes the file; `onSaved` hears the full path (recent files). */
export async function chooseAndSaveFile(window: BrowserWindow, request: SaveRequest, onSaved: (path: string) => void): Promise<SaveFileReply> {
  const result = await dialog.showSaveDialog(window, { title: 'Save', defaultPath: request.name, filters: filterFor(request.name) });
  if (result.canceled || !result.filePath) return null;
  try {
    await writeFile(result.filePath, request.bytes);
  } catch (error) {
    return { error: describeWriteError(basename(result.filePath), error) };
  }
  onSaved(result.filePath);
  return { saved: basename(result.filePath) };
}

/** Reads a session file by path (recent files, command line, OS); throws a one-line Error naming it. */
export async function readSession(path: string): Promise<OpenedSession> {
  // The same size limit and one-line errors as any opened file; the kind is not passed on.
  const file = await readOpenedFile('image', path);
  return { name: file.name, bytes: file.bytes };
}

/** Asks for a session file and reads it; `onOpened` hears the full path. */
export async function chooseAndReadSession(window: BrowserWindow, onOpened: (path: string) => void): Promise<{ session: OpenedSession } | { error: string } | null> {
  const result = await dialog.showOpenDialog(window, { title: 'Open session', properties: ['openFile'], filters: [SESSION_FILTER] });
  const path = result.filePaths[0];
  if (result.canceled || path === undefined) return null;
  try {
    const session = await readSession(path);
    onOpened(path);
    return { session };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
