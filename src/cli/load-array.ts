// Reads one array file named on the command line (read-file.ts), judging its size and first bytes
// (byte budget, .npy header, text that is not text) before the rest is read, and decodes it:
// two steps, so a command reads all its files at once and decodes them one by one.

import type { Budget } from '../core/problem/budget';
import type { Tensor } from '../core/problem/types';
import { assertDecodable, decodeFile, screenFile } from '../formats/decode-file';
import type { ImageMode } from '../formats/image';
import { asCliError } from './cli-error';
import { readRegularFile } from './read-file';
import './wasm-node';

/**
 * The bytes of the array file `path`, its size and first bytes judged before the rest is read,
 * or a CliError whose subject is `subject` (e.g. `--x data/img.npy`).
 */
export async function readArrayFile(path: string, subject: string, budget?: Budget): Promise<Uint8Array> {
  try {
    assertDecodable(path);
    return await readRegularFile(path, subject, (prefix, size) => screenFile(prefix, size, path, budget));
  } catch (error) {
    throw asCliError(subject, error);
  }
}

/** The array that readArrayFile's bytes of `path` hold, or a CliError whose subject is `subject`. */
export async function decodeArrayFile(bytes: Uint8Array, path: string, subject: string, imageMode: ImageMode, budget?: Budget): Promise<Tensor> {
  try {
    return (await decodeFile(bytes, path, { imageMode, budget })).tensor;
  } catch (error) {
    throw asCliError(subject, error);
  }
}
