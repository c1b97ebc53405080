// Which files the app reads: ConvGrad's own formats, decoded by the same code as in the CLI.
// No decoder imports, so the renderer's accept lists can use it cheaply.
export { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS, extensionOf, isArrayFile } from '../../formats/file-kinds';
