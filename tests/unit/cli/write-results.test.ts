import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error';
import { MANIFEST_FILE, writeResultSet } from '../../../src/cli/write-results';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'convgrad-out-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files = (report: string) => new Map<string, Uint8Array | string>([['Y.npy', new Uint8Array([1, 2, 3])], ['report.json', report]]);
const listing = (dir: string) => readdirSync(dir).sort();

describe('writeResultSet', () => {
  it('creates DIR (and missing parents) holding the given files and their manifest, leaving no temporary file', async () => {
    const out = join(root, 'a', 'b', 'res');
    await writeResultSet(out, files('{"n":1}'));
    expect(listing(out)).toEqual(['Y.npy', MANIFEST_FILE, 'report.json'].sort());
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('{"n":1}');
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8'))).toEqual({ written_by: 'convgrad', files: ['Y.npy', 'report.json'] });
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['res']);
  });

  it('replaces an earlier result set and removes only the files that run wrote and this one does not', async () => {
    const out = join(root, 'res');
    await writeResultSet(out, new Map([['report.json', 'old'], ['db.npy', 'stale']]));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await writeResultSet(out, files('new'));
    expect(listing(out)).toEqual(['Y.npy', MANIFEST_FILE, 'notes.txt', 'report.json'].sort());
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('keeps every other file of a folder holding a report.json (the input x.npy, notes)', async () => {
    const out = join(root, 'work');
    mkdirSync(out);
    writeFileSync(join(out, 'x.npy'), 'input');
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    writeFileSync(join(out, 'report.json'), '{"version":"0.1.0","verdict":"pass"}'); // an earlier ConvGrad run, before manifests
    await writeResultSet(out, files('new'));
    expect(listing(out)).toEqual(['Y.npy', MANIFEST_FILE, 'notes.txt', 'report.json', 'x.npy'].sort());
    expect(readFileSync(join(out, 'x.npy'), 'utf8')).toBe('input');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('writes next to unrelated files, but never over a file of the same name ConvGrad did not write', async () => {
    const out = join(root, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await writeResultSet(out, new Map([['sweep.csv', 'a']]));
    expect(listing(out)).toEqual([MANIFEST_FILE, 'notes.txt', 'sweep.csv'].sort());

    const other = join(root, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'Y.npy'), 'my own Y');
    await expect(writeResultSet(other, files('x'))).rejects.toThrow(CliError);
    await expect(writeResultSet(other, files('x'))).rejects.toThrow('holds a Y.npy that ConvGrad did not write; refusing to overwrite it');
    expect(listing(other)).toEqual(['Y.npy']);
    expect(readFileSync(join(other, 'Y.npy'), 'utf8')).toBe('my own Y');

    const plain = join(root, 'plain');
    writeFileSync(plain, '');
    await expect(writeResultSet(plain, files('x'))).rejects.toThrow('exists and is not a directory');
  });

  it('leaves the folder exactly as it was when a file cannot be written', async () => {
    const out = join(root, 'res');
    await writeResultSet(out, files('old'));
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const before = listing(out);
    const bad = new Map<string, Uint8Array | string>([['report.json', 'new'], ['no/such/dir/Y.npy', 'x']]);
    const error = await writeResultSet(out, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).line).toBe(`--out ${out}: cannot write results: no such file or directory`);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('old');
    expect(listing(out)).toEqual(before);
  });
});
