// Turns the bytes of a user's file into a tensor, choosing the decoder by extension.
// PNG and JPEG go through the shared pure decoders so the app sees the same numbers as the
// CLI; formats only the browser can decode (WebP, BMP, GIF) go through createImageBitmap
// with colour management off. Every failure becomes "<file>: <problem>".
import { InputError } from '../../core/problem/errors';
import type { Tensor } from '../../core/problem/types';
import { decodeFile } from '../../formats/decode-file';
import { imageToTensor, type DecodedImage } from '../../formats/image';
import { ARRAY_EXTENSIONS, BROWSER_IMAGE_EXTENSIONS, extensionOf, isArrayFile } from './file-types';
import { prefixed } from './labelled-error';
import type { ChannelMode } from './protocol';

async function decodeInBrowser(bytes: Uint8Array, ext: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: `image/${ext}` }), {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch {
    throw new InputError(`not a readable ${ext.toUpperCase()} image (corrupt or unsupported)`);
  }
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb' });
  if (!context) throw new InputError('cannot create a 2-D canvas to read the image');
  context.drawImage(bitmap, 0, 0);
  const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
  bitmap.close();
  return { width: canvas.width, height: canvas.height, channels: 4, bitDepth: 8, data: new Uint8Array(rgba.buffer) };
}

async function decodeAny(bytes: Uint8Array, fileName: string, mode: ChannelMode): Promise<Tensor> {
  const ext = extensionOf(fileName);
  if (BROWSER_IMAGE_EXTENSIONS.includes(ext)) return imageToTensor(await decodeInBrowser(bytes, ext), mode);
  return decodeFile(bytes, fileName, mode);
}

/** An image (or an array) for X. */
export async function loadImage(bytes: Uint8Array, fileName: string, mode: ChannelMode): Promise<Tensor> {
  try {
    return await decodeAny(bytes, fileName, mode);
  } catch (error) {
    throw prefixed(fileName, error);
  }
}

/** An array for the kernel, G or T. */
export function loadArray(bytes: Uint8Array, fileName: string): Tensor {
  try {
    if (!isArrayFile(fileName)) throw new InputError(`unsupported array file type (expected .${ARRAY_EXTENSIONS.join(', .')})`);
    return decodeFile(bytes, fileName, 'luma');
  } catch (error) {
    throw prefixed(fileName, error);
  }
}
