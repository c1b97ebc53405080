// A set of named files as one .zip (fflate), for "Export results…" and sessions.
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export type FileSet = ReadonlyMap<string, Uint8Array | string>;

export function zipFiles(files: FileSet): Uint8Array {
  const entries: Zippable = {};
  for (const [name, content] of files) entries[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(entries, { level: 6 });
}

/** The files of a zip by name; throws fflate's error on anything that is not one. */
export function unzipFiles(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}
