// Reads the .npz named by --npz.

import { checkFileBytes } from '../core/problem/budget';
import { readNpz, type NpzBundle } from '../formats/npz';
import { asCliError } from './cli-error';
import { readRegularFile } from './read-file';

export async function loadNpz(path: string): Promise<NpzBundle> {
  const subject = `--npz ${path}`;
  const bytes = await readRegularFile(path, subject, (_, size) => checkFileBytes(size));
  try {
    return readNpz(bytes);
  } catch (error) {
    throw asCliError(subject, error);
  }
}
