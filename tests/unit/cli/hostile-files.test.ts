// The fuzz corpus (tests/support/hostile-files.ts) and special files through `convgrad check`:
// each is refused with exit status 2 and one line of at most 200 characters that names the file,
// in words (no engine or library error names), and quickly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControl } from '../../../src/cli/cli-error';
import { runCli } from '../../../src/cli/run';
import { writeNpy } from '../../../src/formats/npy';
import { hostileFiles } from '../../support/hostile-files';

const corpus = hostileFiles();
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-hostile-'));
  for (const file of corpus) writeFileSync(join(dir, file.name), file.bytes);
  writeFileSync(join(dir, 'x.npy'), writeNpy({ shape: [6, 6], data: new Float64Array(36).fill(0.5) }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Engine and library texts that must never reach a user. */
const INTERNAL = /TypeError|RangeError|Error:|undefined|DataView|typed array|stack|ELOOP|ENAMETOOLONG|EIO|ENOENT|EACCES|ExitStatus|internal error/;

async function refused(args: string[], label: string): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const started = performance.now();
  const code = await runCli(['check', ...args], { write: (s: string) => void out.push(s) }, { write: (s: string) => void err.push(s) });
  const ms = performance.now() - started;
  const line = err.join('');
  expect(code, `${label}: ${line}`).toBe(2);
  expect(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, `one line: ${line}`).toBe(true);
  expect(line.length - 1, line).toBeLessThanOrEqual(200);
  expect(line, label).not.toMatch(INTERNAL);
  // A hang guard on a loaded machine; the image bombs are held to a second in hostile-memory.test.ts.
  expect(ms, `${label} took ${Math.round(ms)} ms`).toBeLessThan(10_000);
  return line;
}

describe('the fuzz corpus through the CLI loader', () => {
  it('has a few hundred files covering every format', () => {
    expect(corpus.length).toBeGreaterThan(150);
    for (const ext of ['npy', 'json', 'csv', 'png', 'jpg', 'webp', 'gif', 'bmp']) {
      expect(corpus.filter((f) => f.name.endsWith(`.${ext}`)).length, ext).toBeGreaterThan(4);
    }
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s: exit 2, one short line naming it', async (name, file) => {
    const line = await refused(['--x', join(dir, name)], name);
    expect(line).toContain(escapeControl(name).slice(-40));
    if (file.expect) expect(line).toMatch(file.expect);
  });

  it('refuses a PNG bomb given as the gradient under test, naming the option and file', async () => {
    const line = await refused(['--x', join(dir, 'x.npy'), '--w', 'box3', '--analytic-dx', join(dir, 'bomb-20000.png')], 'bomb as --analytic-dx');
    expect(line).toMatch(/--analytic-dx .*bomb-20000\.png: the PNG image \(20000 x 20000 x 1\) has 400,000,000 elements, over the limit/);
  });
});

describe('values the working dtype cannot hold', () => {
  it('1e39 in X or in G with --dtype f32 is bad input (exit 2), not a discrepancy', async () => {
    writeFileSync(join(dir, 'big.csv'), '1,2,3\n4,1e39,6\n7,8,9\n');
    writeFileSync(join(dir, 'g-big.csv'), '1,1\n1,-1e39\n');
    expect(await refused(['--x', join(dir, 'big.csv'), '--dtype', 'f32'], 'f32 x')).toMatch(/big\.csv: value 1e\+39 at index \[1,1\] is beyond float32's range/);
    expect(await refused(['--x', join(dir, 'x.npy'), '--w', 'box3', '--padding', 'valid', '--grad', join(dir, 'g-big.csv'), '--dtype', 'f32', '--op', 'xcorr', '--stride', '2'], 'f32 grad')).toMatch(
      /g-big\.csv: value -1e\+39 at index \[1,1\] is beyond float32's range/,
    );
  });
});

describe('special files', () => {
  it('a FIFO is refused at once (opening it does not wait for a writer)', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.npy')]);
    expect(await refused(['--x', join(dir, 'pipe.npy')], 'fifo')).toMatch(/pipe\.npy: is a pipe \(FIFO\), not a regular file/);
  });

  it('--npz and --session read only regular files too', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.npz')]);
    expect(await refused(['--npz', join(dir, 'pipe.npz')], 'npz fifo')).toMatch(/--npz .*pipe\.npz: is a pipe \(FIFO\), not a regular file/);
    symlinkSync('/dev/zero', join(dir, 'zero.convgrad'));
    expect(await refused(['--session', join(dir, 'zero.convgrad')], 'session device')).toMatch(/--session .*zero\.convgrad: is a device, not a regular file/);
  });

  it('devices, /proc/self/mem, loops, directories and long names, each in words', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.npy'));
    symlinkSync('/dev/urandom', join(dir, 'urandom.csv'));
    symlinkSync('/proc/self/mem', join(dir, 'mem.npy'));
    symlinkSync('loop-b.npy', join(dir, 'loop-a.npy'));
    symlinkSync('loop-a.npy', join(dir, 'loop-b.npy'));
    mkdirSync(join(dir, 'folder.npy'));
    expect(await refused(['--x', join(dir, 'zero.npy')], 'zero')).toMatch(/is a device, not a regular file/);
    expect(await refused(['--x', join(dir, 'urandom.csv')], 'urandom')).toMatch(/is a device, not a regular file/);
    expect(await refused(['--x', join(dir, 'mem.npy')], 'mem')).toMatch(/mem\.npy: (empty file|cannot read file)/);
    expect(await refused(['--x', join(dir, 'loop-a.npy')], 'loop')).toMatch(/too many levels of symbolic links/);
    expect(await refused(['--x', join(dir, 'folder.npy')], 'folder')).toMatch(/is a directory, not a regular file/);
    expect(await refused(['--x', join(dir, `${'n'.repeat(300)}.npy`)], 'long')).toMatch(/the file name is too long/);
    expect(await refused(['--x', join(dir, 'missing.npy')], 'missing')).toMatch(/no such file or directory/);
  });

  it('a 3 GiB sparse file is refused from its size, a 400 MB sparse text file from its first bytes', async () => {
    writeFileSync(join(dir, 'sparse.npy'), '');
    truncateSync(join(dir, 'sparse.npy'), 3 * 2 ** 30);
    expect(await refused(['--x', join(dir, 'sparse.npy')], 'sparse npy')).toMatch(/file of 3,221,225,472 bytes is over the limit/);
    writeFileSync(join(dir, 'sparse.csv'), '');
    truncateSync(join(dir, 'sparse.csv'), 400 * 2 ** 20);
    expect(await refused(['--x', join(dir, 'sparse.csv')], 'sparse csv')).toMatch(/not a text file \(it contains NUL bytes\)/);
  });

  it('a control character in a file name is escaped, never written to the terminal', async () => {
    const name = '\u001b[2J\u001b[Hclear.npy';
    writeFileSync(join(dir, name), 'not npy');
    const line = await refused(['--x', join(dir, name)], 'escape');
    expect(line).not.toContain('\u001b');
    expect(line).toContain('\\x1b[2J\\x1b[Hclear.npy');
  });
});
