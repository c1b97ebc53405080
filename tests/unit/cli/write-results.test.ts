import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../src/cli/cli-error';
import { writeResultSet } from '../../../src/cli/write-results';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'convgrad-out-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const files = (report: string) => new Map<string, Uint8Array | string>([['Y.npy', new Uint8Array([1, 2, 3])], ['report.json', report]]);

describe('writeResultSet', () => {
  it('creates DIR (and missing parents) holding exactly the given files, leaving no staging directory', async () => {
    const out = join(root, 'a', 'b', 'res');
    await writeResultSet(out, files('{"n":1}'));
    expect(readdirSync(out).sort()).toEqual(['Y.npy', 'report.json']);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('{"n":1}');
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['res']);
  });

  it('replaces an earlier result set as a whole', async () => {
    const out = join(root, 'res');
    await writeResultSet(out, new Map([['report.json', 'old'], ['db.npy', 'stale']]));
    await writeResultSet(out, files('new'));
    expect(readdirSync(out).sort()).toEqual(['Y.npy', 'report.json']);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('new');
    expect(readdirSync(root)).toEqual(['res']);
  });

  it('refuses to replace a non-empty directory that is not a result set, and a plain file', async () => {
    const out = join(root, 'precious');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    await expect(writeResultSet(out, files('x'))).rejects.toThrow(CliError);
    await expect(writeResultSet(out, files('x'))).rejects.toThrow(/holds no report.json or sweep.json; refusing to replace it/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    const plain = join(root, 'plain');
    writeFileSync(plain, '');
    await expect(writeResultSet(plain, files('x'))).rejects.toThrow('exists and is not a directory');
    expect(readdirSync(root).sort()).toEqual(['plain', 'precious']);
  });

  it('leaves an earlier result set untouched when a file cannot be written', async () => {
    const out = join(root, 'res');
    await writeResultSet(out, files('old'));
    const bad = new Map<string, Uint8Array | string>([['report.json', 'new'], ['no/such/dir/Y.npy', 'x']]);
    const error = await writeResultSet(out, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).line).toBe(`--out ${out}: cannot write results: no such file or directory`);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['res']);
  });
});
