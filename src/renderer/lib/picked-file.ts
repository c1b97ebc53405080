// A file the user chose (dialog, file input or drop), before it is decoded.
import { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS } from '../../formats/file-kinds';
export interface PickedFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

const acceptList = (extensions: readonly string[]) => extensions.map((e) => `.${e}`).join(',');

/** For X: any image, or an array. */
export const IMAGE_ACCEPT = acceptList([...IMAGE_EXTENSIONS, ...ARRAY_EXTENSIONS]);
export const ARRAY_ACCEPT = acceptList(ARRAY_EXTENSIONS);

export async function fromFile(file: File): Promise<PickedFile> {
  return { name: file.name, bytes: await file.arrayBuffer() };
}
