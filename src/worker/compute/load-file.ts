// Turns the bytes of a user's file into a tensor with the same decoders the CLI uses (PNG, JPEG,
// WebP, GIF, BMP, .npy, text), so the app and `convgrad check` see the same numbers, and PIL's.
// Every failure becomes "<file>: <problem>".
import './wasm-assets';
import type { Budget } from '../../core/problem/budget';
import { InputError } from '../../core/problem/errors';
import type { Tensor } from '../../core/problem/types';
import { decodeFile, type DecodedFile } from '../../formats/decode-file';
import { ARRAY_EXTENSIONS, isArrayFile } from './file-types';
import { prefixed } from './labelled-error';
import type { ChannelMode } from './protocol';

/** An image (or an array) for X. */
export async function loadImage(bytes: Uint8Array, fileName: string, mode: ChannelMode, budget?: Budget): Promise<DecodedFile> {
  try {
    return await decodeFile(bytes, fileName, { imageMode: mode, budget });
  } catch (error) {
    throw prefixed(fileName, error);
  }
}

/** An array for the kernel, G or T. */
export async function loadArray(bytes: Uint8Array, fileName: string, budget?: Budget): Promise<Tensor> {
  try {
    if (!isArrayFile(fileName)) throw new InputError(`unsupported array file type (expected .${ARRAY_EXTENSIONS.join(', .')})`);
    return (await decodeFile(bytes, fileName, { imageMode: 'luma', budget })).tensor;
  } catch (error) {
    throw prefixed(fileName, error);
  }
}
