// Writes a result set (--out DIR of check or sweep) all-or-nothing: an earlier result set is replaced only once every new file
// is on disk, and a failure leaves DIR as it was.

import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';
import { REPORT_FILE } from '../export/result-files';

/** The file every sweep result set contains. */
export const SWEEP_FILE = 'sweep.json';
/** A directory holding one of these is an earlier result set, which makes it safe to replace. */
const MARKERS = [REPORT_FILE, SWEEP_FILE];

export async function writeResultSet(dir: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<void> {
  const subject = `--out ${dir}`;
  const target = resolve(dir);
  const parent = dirname(target);
  const replacing = await checkReplaceable(target, subject);
  let staging: string | undefined;
  try {
    await mkdir(parent, { recursive: true });
    // Staging next to DIR keeps the final rename on one file system, where it is atomic.
    staging = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
    for (const [name, content] of files) await writeFile(join(staging, name), content);
    if (replacing) {
      await swapInto(staging, target);
    } else {
      await rename(staging, target);
    }
    staging = undefined;
  } catch (error) {
    throw error instanceof CliError ? error : new CliError(subject, `cannot write results: ${describeFsError(error)}`);
  } finally {
    if (staging !== undefined) await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Whether DIR already exists (and so must be replaced). Refuses anything that is not an empty directory or an
 * earlier result set, so a mistyped --out can never delete unrelated files.
 */
async function checkReplaceable(target: string, subject: string): Promise<boolean> {
  let entries: string[];
  try {
    if (!(await stat(target)).isDirectory()) throw new CliError(subject, 'exists and is not a directory');
    entries = await readdir(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    if (error instanceof CliError) throw error;
    throw new CliError(subject, `cannot inspect: ${describeFsError(error)}`);
  }
  if (entries.length > 0 && !MARKERS.some((marker) => entries.includes(marker))) {
    throw new CliError(subject, `exists, is not empty and holds no ${MARKERS.join(' or ')}; refusing to replace it`);
  }
  return true;
}

/** Moves the old set aside, the new one in, then deletes the old one; puts the old one back if the move fails. */
async function swapInto(staging: string, target: string): Promise<void> {
  const aside = `${staging}.old`;
  await rename(target, aside);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(aside, target);
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
}
