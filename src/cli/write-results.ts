// Writes a result set (--out DIR of check or sweep) without ever losing a user's file: only
// ConvGrad's own files are written, each atomically (a temporary file renamed into place), and
// the only files removed are those an earlier ConvGrad run wrote there and this one does not,
// as listed in the earlier run's manifest (MANIFEST_FILE). Nothing is renamed until every new file
// is on disk, so a failed write leaves DIR as it was.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REPORT_FILE, SWEEP_FILE } from '../export/report';
import { CliError } from './cli-error';
import { describeFsError } from './fs-error';

/** The list of files a run wrote into DIR: the only files a later run may replace or remove. */
export const MANIFEST_FILE = 'convgrad-files.json';
/** An earlier ConvGrad (before the manifest) wrote one of these; its own file names may then be replaced. */
const MARKERS = [REPORT_FILE, SWEEP_FILE];
/** A name a manifest may list: a plain file in DIR, never a path. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export async function writeResultSet(dir: string, files: ReadonlyMap<string, Uint8Array | string>): Promise<void> {
  const subject = `--out ${dir}`;
  const target = resolve(dir);
  const fail = (error: unknown): never => {
    throw error instanceof CliError ? error : new CliError(subject, `cannot write results: ${describeFsError(error)}`);
  };
  const names = [...files.keys()];
  const owned = await ownedFiles(target, names, subject).catch(fail);
  const suffix = `.tmp-${randomBytes(6).toString('hex')}`;
  const staged: string[] = [];
  try {
    await mkdir(target, { recursive: true });
    const manifest = JSON.stringify({ written_by: 'convgrad', files: [...names].sort() }, null, 2) + '\n';
    for (const [name, content] of [...files, [MANIFEST_FILE, manifest] as const]) {
      const temp = join(target, `.${name}${suffix}`);
      staged.push(temp);
      await writeFile(temp, content, { flag: 'wx' });
    }
  } catch (error) {
    await Promise.all(staged.map((temp) => rm(temp, { force: true })));
    fail(error);
  }
  // Every new file is on disk: now each replaces its old version in one rename.
  for (const [i, name] of [...names, MANIFEST_FILE].entries()) await rename(staged[i], join(target, name)).catch(fail);
  for (const stale of owned) {
    if (!files.has(stale)) await rm(join(target, stale), { force: true }).catch(fail);
  }
}

/**
 * The files in DIR that an earlier ConvGrad run wrote (from its manifest, or for a run before
 * manifests the names this run writes, when its report is there). Refuses to overwrite any other
 * existing file with the name of one of ours.
 */
async function ownedFiles(target: string, names: readonly string[], subject: string): Promise<string[]> {
  try {
    if (!(await stat(target)).isDirectory()) throw new CliError(subject, 'exists and is not a directory');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const earlier = await readManifest(join(target, MANIFEST_FILE));
  const legacy = earlier === undefined && (await hasConvgradReport(target));
  const owned = earlier ?? (legacy ? [...names] : []);
  for (const name of names) {
    if (!owned.includes(name) && (await anyExists(target, [name]))) {
      throw new CliError(subject, `holds a ${name} that ConvGrad did not write; refusing to overwrite it`);
    }
  }
  return owned;
}

async function readManifest(path: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    if (Array.isArray(parsed.files)) return parsed.files.filter((f): f is string => typeof f === 'string' && PLAIN_NAME.test(f) && f !== MANIFEST_FILE);
  } catch {
    // A damaged manifest vouches for nothing: no file is removed on its word.
  }
  return [];
}

/** A report.json or sweep.json that ConvGrad wrote (before manifests): a JSON object with ConvGrad's version and a verdict or a sweep. */
async function hasConvgradReport(dir: string): Promise<boolean> {
  for (const name of MARKERS) {
    try {
      const report = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
      if (typeof report.version === 'string' && ('verdict' in report || 'sweep' in report)) return true;
    } catch {
      // Missing, unreadable or not ConvGrad's: not a result set.
    }
  }
  return false;
}

async function anyExists(dir: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    try {
      await stat(join(dir, name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return false;
}
