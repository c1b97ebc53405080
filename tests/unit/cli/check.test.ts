// `convgrad check` end to end: the CLI is spawned as a child process, as a user or a script would run it.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/core/check/check';
import { DEFAULT_CONV } from '../../../src/core/problem/defaults';
import type { Tensor } from '../../../src/core/problem/types';
import { readNpy, writeNpy } from '../../../src/formats/npy';

const BIN = resolve('bin/convgrad.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, CONVGRAD_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const t = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });
const write = (name: string, content: Uint8Array | string) => writeFileSync(join(dir, name), content);
const writeTensor = (name: string, tensor: Tensor) => write(name, writeNpy(tensor));
const readTensor = (path: string) => readNpy(readFileSync(join(dir, path)));
const readReport = (out: string) => JSON.parse(readFileSync(join(dir, out, 'report.json'), 'utf8'));
const values = (tensor: Tensor) => Array.from(tensor.data);

// The seed notebook's worked example (NOTES.md).
const X = t([3, 3], [1, 3, 5, 2, 7, 9, 11, 13, 17]);
const W = t([2, 2], [19, 23, 29, 31]);

/** A bad-input run: exit 2, nothing on stdout, and exactly one line on stderr that starts with `subject`. */
function expectBadInput(run: Run, subject: string, problem: RegExp): void {
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr.startsWith(`convgrad: ${subject}: `)).toBe(true);
  expect(run.stderr).toMatch(problem);
  expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  expect(run.code).toBe(2);
}

describe.concurrent('convgrad check', () => {
  beforeAll(() => {
    writeTensor('x.npy', X);
    writeTensor('w.npy', W);
    write('x.json', '[[1,3,5],[2,7,9],[11,13,17]]');
    write('w.json', '[[19,23],[29,31]]');
  });

  it('reproduces the worked example exactly and writes the whole result set', async () => {
    const run = await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--grad', 'ones', '--dtype', 'f64', '--out', 'worked');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readTensor('worked/Y.npy')).toEqual(t([3, 3], [297, 570, 362, 765, 1100, 670, 718, 896, 527]));
    expect(readTensor('worked/dX.npy')).toEqual(t([3, 3], [31, 60, 60, 54, 102, 102, 54, 102, 102]));
    expect(readTensor('worked/dW.npy')).toEqual(t([2, 2], [46, 59, 54, 68]));
    expect(readdirSync(join(dir, 'worked')).sort()).toEqual(
      ['Y.npy', 'convgrad-files.json', 'dW.npy', 'dW_err.npy', 'dW_errbar.npy', 'dW_num.npy', 'dX.npy', 'dX_err.npy', 'dX_errbar.npy', 'dX_num.npy', 'report.json'].sort(),
    );
    const numerical = values(readTensor('worked/dX_num.npy'));
    numerical.forEach((n, i) => expect(Math.abs(n - [31, 60, 60, 54, 102, 102, 54, 102, 102][i])).toBeLessThan(1e-5));
    expect(run.stdout).toMatch(/^convgrad check: PASS\n/);
    expect(run.stdout).toMatch(/dX {2}pass .* failing 0\/9/);
  });

  it('reads JSON arrays and prints only report.json with --json, with every documented key', async () => {
    write('b.json', '[0.5]');
    const ok = await cli('check', '--x=x.json', '--w=w.json', '--bias', 'b.json', '--json', '--out', 'json');
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toEqual(readReport('json'));
    expect(Object.keys(report).sort()).toEqual(['gradients', 'inputs', 'loss', 'options', 'shapes', 'timings_ms', 'verdict', 'version']);
    expect(report.verdict).toBe('pass');
    expect(Object.keys(report.gradients)).toEqual(['dX', 'dW', 'db']);
    for (const summary of Object.values(report.gradients) as Record<string, unknown>[]) {
      expect(Object.keys(summary).sort()).toEqual(
        ['atol', 'count', 'failing', 'inconclusive', 'interval', 'kinked', 'max_abs', 'max_errbar', 'max_rel', 'nonfinite', 'pass', 'rel_count', 'rel_floor', 'rms', 'rtol', 'scale', 'verdict', 'worst'],
      );
      expect(Object.keys((summary.worst as object[])[0]).sort()).toEqual(['abs', 'analytic', 'errbar', 'index', 'judged', 'numerical', 'rel', 'spread']);
    }
    expect(report.shapes).toEqual({ x: [3, 3], w: [2, 2], bias: [1], y: [3, 3] });
    expect(report.options).toMatchObject({ op: 'conv', padding: 'seed', dtype: 'f64', method: 'central', h: 1e-6, atol: 1e-5, rtol: 1e-3, numerical: 'full' });
    expect(Object.keys(report.timings_ms).sort()).toEqual(['forward', 'numerical', 'vjp']);
    expect(report.inputs).toEqual({ x: 'x.json', w: 'w.json', bias: 'b.json' });
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(readdirSync(join(dir, 'json'))).toContain('db_num.npy');
    expect(values(readTensor('json/db.npy'))).toEqual([9]);
  });

  it('accepts images and applies a preset to each channel; --numerical fast reports directional checks only', async () => {
    const rgb = new Uint8Array(4 * 5 * 3).map((_, i) => (i * 37) % 256);
    write('img.png', encodePng({ width: 5, height: 4, data: rgb, channels: 3, depth: 8 }));
    const run = await cli('check', '--x', 'img.png', '--image-mode', 'rgb', '--w', 'gauss5', '--numerical', 'fast', '--json', '--out', 'img');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.shapes).toEqual({ x: [3, 4, 5], w: [3, 3, 5, 5], y: [3, 4, 5] });
    expect(report.gradients).toEqual({});
    expect(report.directional.length).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'img')).sort()).toEqual(['Y.npy', 'convgrad-files.json', 'dW.npy', 'dX.npy', 'report.json']);
  });

  it('prints help and exits 0', async () => {
    const run = await cli('check', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: convgrad check --x FILE/);
    for (const option of ['--x', '--w', '--bias', '--grad', '--loss', '--target', '--activation', '--op', '--padding', '--padding-mode', '--stride', '--dilation', '--dtype', '--method', '--h', '--numerical', '--reference', '--atol', '--rtol', '--analytic-dx', '--analytic-dw', '--inject', '--directions', '--seed', '--compare-dtypes', '--out', '--json', '--image-mode']) {
      expect(run.stdout).toContain(`${option} `);
    }
    const sweep = await cli('sweep', '--help');
    expect(sweep.code).toBe(0);
    expect(sweep.stdout).toMatch(/^Usage: convgrad sweep --x FILE/);
    for (const option of ['--hs', '--elements', '--seed', '--taylor', '--inject', '--h', '--method', '--out', '--json']) expect(sweep.stdout).toContain(`${option} `);
    const render = await cli('render', '--help');
    expect(render.code).toBe(0);
    expect(render.stdout).toMatch(/^Usage: convgrad render --x FILE --out DIR/);
    for (const option of ['--out', '--maps', '--format', '--scale', '--plane', '--range']) expect(render.stdout).toContain(`${option} `);
    expect((await cli('--help')).stdout).toBe(`${run.stdout}\n${sweep.stdout}\n${render.stdout}`);
  });

  describe('a wrong analytic gradient given with --analytic-dx', () => {
    // An asymmetric problem, so forgetting to mirror the kernel changes the gradient.
    const x = t([4, 5], [3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8, 9, -7, 9, 3, 2, -3, 8, 4]);
    const w = t([2, 3], [1, -2, 0.5, 3, 0.25, -1]);
    const gradient = (op: 'conv' | 'xcorr') =>
      runCheck({ x, w, conv: { ...DEFAULT_CONV, op }, loss: { kind: 'linear', grad: { kind: 'random', seed: 3 } }, dtype: 'f64' }, { numerical: 'none' }).analytic.dX;
    const check = (file: string, out: string) =>
      cli('check', '--x', 'ax.npy', '--w', 'aw.npy', '--grad', 'random:3', '--analytic-dx', file, '--out', out);
    beforeAll(() => {
      writeTensor('ax.npy', x);
      writeTensor('aw.npy', w);
    });

    it('passes when it is right', async () => {
      writeTensor('dx-right.npy', gradient('conv'));
      expect((await check('dx-right.npy', 'right')).code).toBe(0);
    });

    it('fails when the kernel was not mirrored, reporting the largest error first', async () => {
      const right = gradient('conv');
      const wrong = gradient('xcorr');
      writeTensor('dx-unmirrored.npy', wrong);
      const run = await check('dx-unmirrored.npy', 'unmirrored');
      expect(run.code).toBe(1);
      const errors = values(wrong).map((v, i) => Math.abs(v - right.data[i]));
      // Elements are ranked by error relative to their allowance atol + rtol*|numerical| (docs/CLI.md).
      const excess = errors.map((e, i) => e / (1e-5 + 1e-3 * Math.abs(right.data[i])));
      const largest = excess.indexOf(Math.max(...excess));
      const report = readReport('unmirrored');
      expect(report.verdict).toBe('fail');
      expect(report.gradients.dX.pass).toBe(false);
      expect(report.gradients.dW.pass).toBe(true);
      expect(report.gradients.dX.max_abs).toBeCloseTo(Math.max(...errors), 6);
      expect(report.gradients.dX.worst[0].index).toEqual([Math.floor(largest / 5), largest % 5]);
      expect(report.inputs.analytic_dx).toBe('dx-unmirrored.npy');
      expect(values(readTensor('unmirrored/dX.npy'))).toEqual(values(wrong));
      expect(run.stdout).toMatch(/^convgrad check: FAIL\n/);
    });

    it('finds a single corrupted element', async () => {
      const corrupted = gradient('conv');
      corrupted.data[2 * 5 + 3] += 1e-2;
      writeTensor('dx-corrupted.npy', corrupted);
      expect((await check('dx-corrupted.npy', 'corrupted')).code).toBe(1);
      const { dX } = readReport('corrupted').gradients;
      expect(dX.failing).toBe(1);
      expect(dX.worst[0].index).toEqual([2, 3]);
    });

    it('reports NaN in it as a discrepancy, never a pass', async () => {
      const withNaN = gradient('conv');
      withNaN.data[1 * 5 + 4] = NaN;
      writeTensor('dx-nan.npy', withNaN);
      expect((await check('dx-nan.npy', 'nan')).code).toBe(1);
      const { dX } = readReport('nan').gradients;
      expect(dX.nonfinite).toBe(1);
      expect(dX.worst[0].index).toEqual([1, 4]);
      expect(dX.worst[0].analytic).toBe('NaN');
    });
  });

  describe('bad input exits 2 with one line naming the file or option', () => {
    it('a missing file', async () => {
      expectBadInput(await cli('check', '--x', 'nope.npy'), '--x nope.npy', /cannot read file: no such file or directory$/m);
    });

    it('a corrupt .npy', async () => {
      write('garbage.npy', 'this is not an array at all');
      expectBadInput(await cli('check', '--x', 'garbage.npy'), '--x garbage.npy', /not a \.npy file/);
    });

    it('a truncated PNG', async () => {
      const png = encodePng({ width: 8, height: 8, data: new Uint8Array(64).fill(200), channels: 1, depth: 8 });
      write('truncated.png', png.subarray(0, Math.floor(png.length / 2)));
      expectBadInput(await cli('check', '--x', 'truncated.png'), '--x truncated.png', /./);
    });

    it('a complex .npy', async () => {
      let header = "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }";
      header = header.padEnd(64 - 10 - 1, ' ') + '\n';
      const bytes = new Uint8Array(10 + header.length + 32);
      bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
      bytes.set(new TextEncoder().encode(header), 10);
      write('complex.npy', bytes);
      expectBadInput(await cli('check', '--x', 'complex.npy'), '--x complex.npy', /complex/);
    });

    it('G whose shape is not Y', async () => {
      write('g22.json', '[[1,1],[1,1]]');
      expectBadInput(await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--grad', 'g22.json'), '--grad g22.json', /\(2,2\).*\(3,3\)/);
    });

    it('T whose shape is not Y', async () => {
      write('t4.json', '[[1,2,3,4]]');
      expectBadInput(await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--loss', 'l2', '--target', 't4.json'), '--target t4.json', /\(1,4\).*\(3,3\)/);
    });

    it('--analytic-dx whose shape is not X', async () => {
      write('dx22.json', '[[1,1],[1,1]]');
      expectBadInput(await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--analytic-dx', 'dx22.json'), '--analytic-dx dx22.json', /\(2,2\).*X \(3,3\)/);
    });

    it('a kernel whose input channels are not X\'s', async () => {
      writeTensor('x3c.npy', t([3, 4, 4], new Array(48).fill(1)));
      writeTensor('w2c.npy', t([1, 2, 2, 2], new Array(8).fill(1)));
      expectBadInput(await cli('check', '--x', 'x3c.npy', '--w', 'w2c.npy'), '--w w2c.npy', /2 input channel.*3/);
    });

    it('a kernel larger than the padded input', async () => {
      write('x2.json', '[[1,2],[3,4]]');
      expectBadInput(await cli('check', '--x', 'x2.json', '--w', 'gauss5', '--padding', 'valid'), '--w gauss5', /larger than the padded input/);
    });

    it('a zero-size dimension', async () => {
      writeTensor('empty.npy', t([0, 3], []));
      expectBadInput(await cli('check', '--x', 'empty.npy'), '--x empty.npy', /zero-size dimension/);
    });

    it('NaN or Infinity in an input', async () => {
      writeTensor('xnan.npy', t([2, 2], [1, NaN, 3, 4]));
      expectBadInput(await cli('check', '--x', 'xnan.npy', '--w', 'identity'), '--x xnan.npy', /NaN at index \[0,1\]/);
      writeTensor('ginf.npy', t([3, 3], [1, 1, 1, 1, 1, 1, 1, 1, -Infinity]));
      expectBadInput(await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--grad', 'ginf.npy'), '--grad ginf.npy', /-Infinity at index \[2,2\]/);
    });

    it('stride or dilation below 1', async () => {
      expectBadInput(await cli('check', '--x', 'x.npy', '--stride', '0'), '--stride', /must be 1 to 100,000, got 0$/m);
      expectBadInput(await cli('check', '--x', 'x.npy', '--dilation=1,0'), '--dilation', /must be 1 to 100,000, got 0$/m);
    });

    it('an unknown preset or option', async () => {
      expectBadInput(await cli('check', '--x', 'x.npy', '--w', 'foo'), '--w foo', /unknown kernel preset 'foo' \(known: identity, box3, /);
      expectBadInput(await cli('check', '--x', 'x.npy', '--frobnicate'), '--frobnicate', /unknown option/);
    });

    it('and leaves an existing --out DIR untouched', async () => {
      expect((await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--out', 'kept')).code).toBe(0);
      const before = Object.fromEntries(readdirSync(join(dir, 'kept')).map((f) => [f, readFileSync(join(dir, 'kept', f))]));
      write('g-bad.json', '[[1,1],[1,1]]');
      const run = await cli('check', '--x', 'x.npy', '--w', 'w.npy', '--grad', 'g-bad.json', '--out', 'kept');
      expect(run.code).toBe(2);
      const after = Object.fromEntries(readdirSync(join(dir, 'kept')).map((f) => [f, readFileSync(join(dir, 'kept', f))]));
      expect(after).toEqual(before);
      expect(readdirSync(dir).filter((f) => f.startsWith('.kept'))).toEqual([]);
    });

    it('--out naming a directory of unrelated files writes next to them and keeps every one', async () => {
      mkdirSync(join(dir, 'docs'));
      write('docs/keep.txt', 'mine');
      write('docs/report.json', '{"mine": true}');
      expectBadInput(await cli('check', '--x', 'x.npy', '--out', 'docs'), '--out docs', /holds a report.json that ConvGrad did not write/);
      expect(readdirSync(join(dir, 'docs')).sort()).toEqual(['keep.txt', 'report.json']);
      rmSync(join(dir, 'docs', 'report.json'));
      expect((await cli('check', '--x', 'x.npy', '--out', 'docs')).code).toBe(0);
      expect(readdirSync(join(dir, 'docs'))).toContain('keep.txt');
      expect(readFileSync(join(dir, 'docs', 'keep.txt'), 'utf8')).toBe('mine');
    });
  });
});
