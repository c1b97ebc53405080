// Reads one array file named on the command line (read-file.ts), judging its size and first bytes
// (byte budget, .npy header, text that is not text) before the rest is read.

import type { Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import type { Tensor } from '../core/problem/types';
import { assertDecodable, decodeFile, screenFile } from '../formats/decode-file';
import type { ImageMode } from '../formats/image';
import { CliError } from './cli-error';
import { readRegularFile } from './read-file';
import './wasm-node';

/** The array in `path`, or a CliError whose subject is `subject` (e.g. `--x data/img.npy`). */
export async function loadArray(path: string, subject: string, imageMode: ImageMode, budget?: Budget): Promise<Tensor> {
  try {
    assertDecodable(path);
    const bytes = await readRegularFile(path, subject, (prefix, size) => screenFile(prefix, size, path, budget));
    return (await decodeFile(bytes, path, { imageMode, budget })).tensor;
  } catch (error) {
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw error;
  }
}
