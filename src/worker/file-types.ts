// Which file extensions the app reads, and how: shared by the worker (to pick a decoder) and
// the renderer (file dialogs' accept lists), with no imports so either can load it cheaply.

/** Decoded by the shared pure decoders, so the app and the CLI see the same numbers. */
export const SHARED_IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg'];
/** Decoded by the browser (createImageBitmap) in the worker. */
export const BROWSER_IMAGE_EXTENSIONS: readonly string[] = ['webp', 'bmp', 'gif'];
export const ARRAY_EXTENSIONS: readonly string[] = ['npy', 'csv', 'json'];

/** Lower-case extension without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function isArrayFile(fileName: string): boolean {
  return ARRAY_EXTENSIONS.includes(extensionOf(fileName));
}
