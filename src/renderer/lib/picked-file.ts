// A file the user chose (dialog, file input or drop), before it is decoded.
export interface PickedFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

export const IMAGE_ACCEPT = '.png,.jpg,.jpeg,.webp,.bmp,.gif,.npy,.csv,.json';
export const ARRAY_ACCEPT = '.npy,.csv,.json';

export async function fromFile(file: File): Promise<PickedFile> {
  return { name: file.name, bytes: await file.arrayBuffer() };
}
