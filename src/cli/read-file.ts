// Reads a file named on the command line: only a regular file, and only as far as needed. Its
// size and first bytes are judged before the rest is read, so a 3 GB sparse file, a FIFO or
// /dev/zero is refused at once and in little memory.

import { open, type FileHandle } from 'node:fs/promises';
import { constants, type Stats } from 'node:fs';
import { InputError } from '../core/problem/errors';
import { SCREEN_BYTES } from '../formats/decode-file';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';

/** Judges a file from its first bytes and its size; throws an InputError to refuse it. */
export type Screen = (prefix: Uint8Array, size: number) => void;

/** The bytes of the regular file `path` once `screen` accepted its start, or a CliError whose subject is `subject`. */
export async function readRegularFile(path: string, subject: string, screen: Screen): Promise<Uint8Array> {
  let handle: FileHandle | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; for a regular file it changes nothing.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = await handle.stat();
    if (!stats.isFile()) throw new CliError(subject, `${notRegular(stats)}, not a regular file`);
    const size = stats.size;
    const prefix = await readAt(handle, Math.min(size, SCREEN_BYTES), 0);
    screen(prefix, size);
    if (prefix.length === size) return prefix;
    const bytes = new Uint8Array(size);
    bytes.set(prefix);
    bytes.set(await readAt(handle, size - prefix.length, prefix.length), prefix.length);
    return bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw new CliError(subject, `cannot read file: ${describeFsError(error)}`);
  } finally {
    await handle?.close();
  }
}

/** Exactly `length` bytes from `position`, or an InputError if the file ends (or shrinks) first. */
async function readAt(handle: FileHandle, length: number, position: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(out, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new InputError(`the file ended after ${position + filled} of the ${position + length} bytes it had when opened`);
    filled += bytesRead;
  }
  return out;
}

function notRegular(stats: Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device';
  if (stats.isSocket()) return 'is a socket';
  return 'is a special file';
}
