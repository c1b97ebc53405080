import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FileKind, OpenedFile } from '../preload/api';

/** Larger files are refused before reading: they would not fit the renderer's memory anyway. */
export const MAX_OPEN_BYTES = 512 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(0)} MB`;
}

/** Reads a user-chosen file for the renderer; throws an Error whose message is one line naming the file. */
export async function readOpenedFile(kind: FileKind, filePath: string, maxBytes = MAX_OPEN_BYTES): Promise<OpenedFile> {
  const name = basename(filePath);
  let size: number;
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new Error(`${name}: not a regular file`);
    size = info.size;
  } catch (error) {
    throw describe(name, error);
  }
  if (size > maxBytes) {
    throw new Error(`${name}: file is ${megabytes(size)}, larger than the ${megabytes(maxBytes)} limit`);
  }
  try {
    const bytes = await readFile(filePath);
    return { kind, name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    throw describe(name, error);
  }
}

function describe(name: string, error: unknown): Error {
  if (error instanceof Error && error.message.startsWith(`${name}: `)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new Error(`${name}: cannot read file${code ? ` (${code})` : ''}`);
}
