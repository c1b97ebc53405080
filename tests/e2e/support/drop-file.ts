import type { Locator } from '@playwright/test';

export interface DroppedFile {
  readonly name: string;
  readonly mimeType: string;
  readonly buffer: Uint8Array;
}

// Builds the DataTransfer inside the page (a string, since the e2e tsconfig has no DOM types).
const MAKE_DATA_TRANSFER = `(files) => {
  const transfer = new DataTransfer();
  for (const { name, mimeType, base64 } of files) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], name, { type: mimeType }));
  }
  return transfer;
}`;

/**
 * Drops a file on `target` the way a user dragging it from the desktop would: dragenter,
 * dragover and drop events carrying a real DataTransfer with one File.
 */
export async function dropFile(target: Locator, file: DroppedFile): Promise<void> {
  return dropFiles(target, [file]);
}

/** Drops several files at once, as a user dragging a selection from the desktop would. */
export async function dropFiles(target: Locator, files: readonly DroppedFile[]): Promise<void> {
  const init = JSON.stringify(files.map((file) => ({ name: file.name, mimeType: file.mimeType, base64: Buffer.from(file.buffer).toString('base64') })));
  const dataTransfer = await target.page().evaluateHandle(`(${MAKE_DATA_TRANSFER})(${init})`);
  try {
    for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer });
  } finally {
    await dataTransfer.dispose();
  }
}
