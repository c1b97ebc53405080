// A file the user chose (dialog, file input or drop), before it is decoded.
import { checkFileBytes } from '../../core/problem/budget';
import { ARRAY_EXTENSIONS, IMAGE_EXTENSIONS } from '../../formats/file-kinds';
export interface PickedFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

const acceptList = (extensions: readonly string[]) => extensions.map((e) => `.${e}`).join(',');

/** For X: any image, or an array. */
export const IMAGE_ACCEPT = acceptList([...IMAGE_EXTENSIONS, ...ARRAY_EXTENSIONS]);
export const ARRAY_ACCEPT = acceptList(ARRAY_EXTENSIONS);

/** The file's bytes, refusing one over the byte budget before reading it (a 3 GB file never reaches memory). */
export async function fromFile(file: File): Promise<PickedFile> {
  try {
    checkFileBytes(file.size);
  } catch (error) {
    throw new Error(`${file.name}: ${(error as Error).message}`);
  }
  return { name: file.name, bytes: await file.arrayBuffer() };
}
