// Reads one array file named on the command line, choosing the decoder by extension.

import { readFile } from 'node:fs/promises';
import { InputError } from '../core/problem/errors';
import type { Tensor } from '../core/problem/types';
import { assertDecodable, decodeFile } from '../formats/decode-file';
import type { ImageMode } from '../formats/image';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';

/** The array in `path`, or a CliError whose subject is `subject` (e.g. `--x data/img.npy`). */
export async function loadArray(path: string, subject: string, imageMode: ImageMode): Promise<Tensor> {
  try {
    assertDecodable(path);
    return decodeFile(await readBytes(path, subject), path, imageMode);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw error;
  }
}

async function readBytes(path: string, subject: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliError(subject, `cannot read file: ${describeFsError(error)}`);
  }
}
