// The verdicts of `convgrad check` as a user meets them: the camera photo with a ReLU and flat
// areas no longer passes a wrong dL/dW, with or without a target; `any` judges kinks by interval;
// nothing measured is "not checked"; exit statuses 0/1/2/4.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/core/problem/random';
import { writeNpy } from '../../../src/formats/npy';

const BIN = resolve('bin/convgrad.js');
const CAMERA = resolve('resources/samples/camera.png');
const RELU = ['check', '--x', CAMERA, '--w', 'sobel-x', '--padding', 'same', '--loss', 'l2', '--activation', 'relu'];

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let target: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-verdict-'));
  // A random target in [0, 1): a real kink (a jump of t) on every output that is exactly 0.
  const next = createRandom(7);
  target = join(dir, 'target.npy');
  writeFileSync(target, writeNpy({ shape: [512, 512], data: Float64Array.from({ length: 512 * 512 }, () => (next() + 1) / 2) }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('convgrad check verdicts', { timeout: 120_000 }, () => {
  it('float32 on the camera: a dL/dW tap 2% wrong is never passed under a wide round-off bar', async () => {
    // The round-off bar of a float32 tap summed over 512² outputs is ~7% of dL/dW's scale; judged
    // with it, a tap 2% wrong passed. Now such a bar makes the tap inconclusive.
    const f64 = await cli('check', '--x', CAMERA, '--w', 'sobel-x', '--grad', 'random', '--out', join(dir, 'f64'));
    expect(f64.code).toBe(0);
    const { readNpy } = await import('../../../src/formats/npy');
    const dW = readNpy(readFileSync(join(dir, 'f64', 'dW.npy')));
    const wrong = join(dir, 'dw-2pct.npy');
    writeFileSync(wrong, writeNpy({ shape: dW.shape, data: dW.data.map((v, i) => (i === 4 ? v * 1.02 : v)) }));
    const run = await cli('check', '--x', CAMERA, '--w', 'sobel-x', '--grad', 'random', '--dtype', 'f32', '--analytic-dw', wrong, '--json');
    const report = JSON.parse(run.stdout);
    const tap = report.gradients.dW.worst.find((w: { index: number[] }) => w.index.join() === '1,1');
    expect(tap.judged).not.toBe('pass');
    expect(report.gradients.dW.verdict).not.toBe('pass');
    expect(report.verdict).not.toBe('pass');
    expect(run.code).not.toBe(0);
  });

  it('the issue\'s command: dw-not-mirrored on the camera with relu (target 0) exits 1 and names dL/dW', async () => {
    const run = await cli(...RELU, '--inject', 'dw-not-mirrored', '--json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toBe('fail');
    expect(report.gradients.dW.verdict).toBe('fail');
    expect(report.gradients.dW.failing).toBeGreaterThan(0);
    expect(report.gradients.dX.verdict).toBe('pass');
    // Target 0: 1/2 relu(y)^2 has no kink, nothing is judged by a convention.
    expect(report.gradients.dW.kinked).toBe(0);
  });

  it('with a random target (real kinks on every flat output) the default convention still fails it, and passes the correct VJP', async () => {
    const wrong = await cli(...RELU, '--target', target, '--inject', 'dw-not-mirrored', '--json');
    expect(wrong.code).toBe(1);
    const report = JSON.parse(wrong.stdout);
    expect(report.options.kink_convention).toBe('zero');
    expect(report.gradients.dW.verdict).toBe('fail');
    expect(report.gradients.dW.kinked).toBe(9);
    const right = await cli(...RELU, '--target', target);
    expect(right.code).toBe(0);
    expect(right.stdout).toMatch(/^convgrad check: PASS\n/);
    expect(right.stdout).toMatch(/dW {2}FAIL|dW {2}pass .*kinked 9 {2}by interval 0/);
  });

  it("under --kink-convention any a correct gradient passes and the report says how many elements were judged by interval", async () => {
    const run = await cli(...RELU, '--target', target, '--kink-convention', 'any', '--out', 'any');
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'any', 'report.json'), 'utf8'));
    expect(report.verdict).toBe('pass');
    expect(report.options.kink_convention).toBe('any');
    expect(report.gradients.dX.interval).toBeGreaterThan(1000);
    expect(report.gradients.dX.interval).toBe(report.gradients.dX.kinked);
    expect(report.gradients.dW.interval).toBe(9);
    expect(run.stdout).toMatch(new RegExp(`dX {2}pass .*by interval ${report.gradients.dX.interval}`));
    expect(run.stdout).toContain('+ error bar + kink interval');
  });

  it('--numerical none says "not checked", never PASS', async () => {
    const run = await cli('check', '--x', CAMERA, '--numerical', 'none', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).verdict).toBe('not checked');
    const text = await cli('check', '--x', CAMERA, '--numerical', 'none');
    expect(text.stdout).toMatch(/^convgrad check: NOT CHECKED\n/);
    expect(text.stdout).not.toContain('PASS');
  });

  it('an h below float64\'s resolution of X measures nothing: inconclusive (exit 4); bad settings exit 2', async () => {
    const x = join(dir, 'x.npy');
    writeFileSync(x, writeNpy({ shape: [4, 4], data: Float64Array.from({ length: 16 }, (_, i) => 100 + i) }));
    // 100 + 1e-15 is 100 in float64, the numerical job's arithmetic whatever the dtype.
    const tiny = await cli('check', '--x', x, '--dtype', 'f32', '--h', '1e-15', '--json');
    expect(tiny.code).toBe(4);
    const report = JSON.parse(tiny.stdout);
    expect(report.verdict).toBe('inconclusive');
    expect(report.gradients.dX.inconclusive).toBe(16);
    for (const bad of [['--h', '0'], ['--h', '-1'], ['--atol', '-1'], ['--kink-convention', 'half'], ['--padding', 'same', '--stride', '2']]) {
      const run = await cli('check', '--x', x, ...bad);
      expect(run.code, bad.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
