// Hands a file the window made to the user: the desktop app asks where (native dialog), the
// web build downloads it.

const MIME: Readonly<Record<string, string>> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  npy: 'application/octet-stream',
  csv: 'text/csv',
  zip: 'application/zip',
  convgrad: 'application/zip',
  json: 'application/json',
};

/** Resolves the saved name, or null when the user cancelled the dialog. */
export async function saveFile(name: string, content: Uint8Array | string): Promise<string | null> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  if (window.convgrad) return window.convgrad.saveFile({ name, bytes });
  const type = MIME[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return name;
}
