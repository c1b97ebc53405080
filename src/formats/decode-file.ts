import { checkFileBytes, DEFAULT_BUDGET, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import type { Memory } from '../core/problem/memory';
import type { Tensor } from '../core/problem/types';
import { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS, TEXT_ARRAY_EXTENSIONS, extensionOf } from './file-kinds';
import type { DecodedImage, ImageMode } from './image';
import { NPY_PREFIX_BYTES, readNpy, readNpyLayout } from './npy';

// TextDecoder exists in browsers, workers and Node alike; the core's ES-only lib just doesn't declare it.
const { TextDecoder: Utf8Decoder } = globalThis as unknown as {
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array, options?: { stream: boolean }): string };
};

export interface DecodeOptions {
  readonly imageMode: ImageMode;
  readonly budget?: Budget;
  /** Where an image's array is allocated (default own memory). */
  readonly memory?: Memory;
}

/** A decoded array and, for images, what the caller may want to tell the user (an EXIF orientation left unapplied). */
export interface DecodedFile {
  readonly tensor: Tensor;
  readonly orientation?: number;
}

/** Bytes from a file's start that are enough for screenFile to judge it (every header it reads fits). */
export const SCREEN_BYTES = Math.max(NPY_PREFIX_BYTES, 64 * 1024);

/** Throws the one-line InputError for a file name whose extension decodeFile does not read. */
export function assertDecodable(fileName: string): void {
  const ext = extensionOf(fileName);
  if (!IMAGE_EXTENSIONS.includes(ext) && !ARRAY_EXTENSIONS.includes(ext)) {
    throw new InputError(`unsupported file type '${ext ? `.${ext}` : '(none)'}' (expected .${[...ARRAY_EXTENSIONS, ...IMAGE_EXTENSIONS].join(', .')})`);
  }
}

/**
 * Judges a file from its size and first bytes (at most SCREEN_BYTES) before the rest is read: the
 * byte budget, a .npy header's shape and data size, and text that is not text. Throws InputError.
 */
export function screenFile(prefix: Uint8Array, fileSize: number, fileName: string, budget: Budget = DEFAULT_BUDGET): void {
  assertDecodable(fileName);
  if (fileSize === 0) throw new InputError('empty file');
  checkFileBytes(fileSize, budget);
  const ext = extensionOf(fileName);
  if (ext === 'npy') readNpyLayout(prefix, budget, fileSize);
  else if (TEXT_ARRAY_EXTENSIONS.includes(ext)) decodeText(prefix, prefix.length < fileSize);
}

/**
 * The array in a file, by the file name's extension: .npy, text arrays, or an image converted by
 * `imageMode`. Throws InputError with a one-line message (without the file name). The image
 * decoders and the text parser are imported when a file needs them: together with their packages
 * (codecs, EXIF, PNG, CSV) they took ~150 ms to load, which a check of .npy files paid for nothing.
 */
export async function decodeFile(bytes: Uint8Array, fileName: string, options: DecodeOptions): Promise<DecodedFile> {
  const budget = options.budget ?? DEFAULT_BUDGET;
  screenFile(bytes.subarray(0, SCREEN_BYTES), bytes.length, fileName, budget);
  const ext = extensionOf(fileName);
  if (ext === 'npy') return { tensor: readNpy(bytes, budget) };
  if (IMAGE_EXTENSIONS.includes(ext)) {
    const { decodeImage, imageToTensor } = await import('./image');
    const image: DecodedImage = await decodeImage(bytes, budget);
    const tensor = imageToTensor(image, options.imageMode, options.memory);
    return image.orientation === undefined ? { tensor } : { tensor, orientation: image.orientation };
  }
  const { parseTextArray } = await import('./text-array');
  return { tensor: parseTextArray(decodeText(bytes, false), budget) };
}

/** UTF-8 text without NUL bytes (a binary or sparse file named .csv is refused from its first bytes). */
function decodeText(bytes: Uint8Array, partial: boolean): string {
  if (bytes.includes(0)) throw new InputError('not a text file (it contains NUL bytes)');
  try {
    return new Utf8Decoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
  } catch {
    throw new InputError('not a UTF-8 text file');
  }
}
