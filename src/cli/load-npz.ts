// Reads the .npz named by --npz.

import { readFile } from 'node:fs/promises';
import { InputError } from '../core/problem/errors';
import { readNpz, type NpzBundle } from '../formats/npz';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';

export async function loadNpz(path: string): Promise<NpzBundle> {
  const subject = `--npz ${path}`;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(subject, `cannot read file: ${describeFsError(error)}`);
  }
  try {
    return readNpz(bytes);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(subject, error.message);
    throw error;
  }
}
