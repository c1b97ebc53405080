// Which files ConvGrad reads, by extension. No imports, so a renderer's accept lists can use it
// without pulling in the decoders.

/** Images read by ConvGrad's own decoders, so the app and the CLI see the same numbers. */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'];
export const TEXT_ARRAY_EXTENSIONS: readonly string[] = ['csv', 'tsv', 'txt', 'json'];
export const ARRAY_EXTENSIONS: readonly string[] = ['npy', ...TEXT_ARRAY_EXTENSIONS];

/** Lower-case extension without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  const dot = fileName.lastIndexOf('.');
  return dot <= slash ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function isArrayFile(fileName: string): boolean {
  return ARRAY_EXTENSIONS.includes(extensionOf(fileName));
}
