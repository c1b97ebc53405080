// Turns the bytes of a user's file into a tensor for the app's workers, with the same decoders
// the CLI uses (PNG, JPEG, WebP, GIF, BMP, .npy, text), so the app and `convgrad check` see the
// same numbers, and PIL's. Every failure becomes "<file>: <problem>". The JPEG and WebP decoders
// need their WebAssembly provided first (`provideWasm`, wasm.ts) by whoever decodes images.
import type { Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { prefixed } from '../core/problem/labelled-error';
import type { Memory } from '../core/problem/memory';
import type { Tensor } from '../core/problem/types';
import { decodeFile, type DecodedFile } from './decode-file';
import { ARRAY_EXTENSIONS, isArrayFile } from './file-kinds';
import type { ImageMode } from './image';

/** An image (or an array) for X; an image's array is allocated in `memory`. */
export async function loadImage(bytes: Uint8Array, fileName: string, mode: ImageMode, budget?: Budget, memory?: Memory): Promise<DecodedFile> {
  try {
    return await decodeFile(bytes, fileName, { imageMode: mode, budget, memory });
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
