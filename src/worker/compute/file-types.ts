// Which files the app reads: ConvGrad's own formats plus the images only a browser decodes.
// No decoder imports, so the renderer's accept lists can use it cheaply.
export { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS as SHARED_IMAGE_EXTENSIONS, extensionOf, isArrayFile } from '../../formats/file-kinds';

/** Decoded by the browser (createImageBitmap) in the worker. */
export const BROWSER_IMAGE_EXTENSIONS: readonly string[] = ['webp', 'bmp', 'gif'];
