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
    // Shared memory: an array decoded in place from these bytes (.npy) reaches the numerical
    // pool's threads without a copy. The rest is read straight after the prefix, not copied there.
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    const screened = Math.min(size, SCREEN_BYTES);
    await readInto(handle, bytes, 0, screened);
    screen(bytes.subarray(0, screened), size);
    await readInto(handle, bytes, screened, size);
    return bytes;
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw new CliError(subject, `cannot read file: ${describeFsError(error)}`);
  } finally {
    await handle?.close();
  }
}

/** Bytes [from, to) of the file into out[from, to), or an InputError if the file ends (or shrinks) first. */
async function readInto(handle: FileHandle, out: Uint8Array, from: number, to: number): Promise<void> {
  for (let filled = from; filled < to; ) {
    const { bytesRead } = await handle.read(out, filled, to - filled, filled);
    if (bytesRead === 0) throw new InputError(`the file ended after ${filled} of the ${to} bytes it had when opened`);
    filled += bytesRead;
  }
}

function notRegular(stats: Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFIFO()) return 'is a pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device';
  if (stats.isSocket()) return 'is a socket';
  return 'is a special file';
}
