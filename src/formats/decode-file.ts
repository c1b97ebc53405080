import { InputError } from '../core/problem/errors';
import type { Tensor } from '../core/problem/types';
import { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS, extensionOf } from './file-kinds';
import { decodeImage, imageToTensor, type ImageMode } from './image';
import { readNpy } from './npy';
import { parseTextArray } from './text-array';

// TextDecoder exists in browsers, workers and Node alike; the core's ES-only lib just doesn't declare it.
const { TextDecoder: Utf8Decoder } = globalThis as unknown as {
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
};

/** Throws the one-line InputError for a file name whose extension decodeFile does not read. */
export function assertDecodable(fileName: string): void {
  const ext = extensionOf(fileName);
  if (!IMAGE_EXTENSIONS.includes(ext) && !ARRAY_EXTENSIONS.includes(ext)) {
    throw new InputError(`unsupported file type '${ext ? `.${ext}` : '(none)'}' (expected .${[...ARRAY_EXTENSIONS, ...IMAGE_EXTENSIONS].join(', .')})`);
  }
}

/**
 * The array in a file, by the file name's extension: .npy, text arrays, or a PNG/JPEG image
 * converted by `imageMode`. Throws InputError with a one-line message (without the file name).
 */
export function decodeFile(bytes: Uint8Array, fileName: string, imageMode: ImageMode): Tensor {
  assertDecodable(fileName);
  const ext = extensionOf(fileName);
  if (ext === 'npy') return readNpy(bytes);
  if (IMAGE_EXTENSIONS.includes(ext)) return imageToTensor(decodeImage(bytes), imageMode);
  let text: string;
  try {
    text = new Utf8Decoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('not a UTF-8 text file');
  }
  return parseTextArray(text);
}
