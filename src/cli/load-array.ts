// Reads one array file named on the command line, choosing the decoder by extension.

import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../worker/core/errors';
import type { Tensor } from '../worker/core/types';
import { decodeImage, imageToTensor, type ImageMode } from '../worker/formats/image';
import { readNpy } from '../worker/formats/npy';
import { parseTextArray } from '../worker/formats/text-array';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';

const TEXT_EXTENSIONS = ['.csv', '.tsv', '.txt', '.json'];
const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
export const ARRAY_EXTENSIONS = ['.npy', ...TEXT_EXTENSIONS, ...IMAGE_EXTENSIONS];

/** The array in `path`, or a CliError whose subject is `subject` (e.g. `--x data/img.npy`). */
export async function loadArray(path: string, subject: string, imageMode: ImageMode): Promise<Tensor> {
  const extension = extname(path).toLowerCase();
  if (!ARRAY_EXTENSIONS.includes(extension)) {
    throw new CliError(subject, `unsupported file type '${extension || '(none)'}' (expected ${ARRAY_EXTENSIONS.join(', ')})`);
  }
  const bytes = await readBytes(path, subject);
  try {
    return decode(bytes, extension, imageMode);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw error;
  }
}

function decode(bytes: Uint8Array, extension: string, imageMode: ImageMode): Tensor {
  if (extension === '.npy') return readNpy(bytes);
  if (IMAGE_EXTENSIONS.includes(extension)) return imageToTensor(decodeImage(bytes), imageMode);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('not a UTF-8 text file');
  }
  return parseTextArray(text);
}

async function readBytes(path: string, subject: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CliError(subject, `cannot read file: ${describeFsError(error)}`);
  }
}
