// `convgrad render`: the app's maps as its "Export…" writes them, from the command line. A map's
// PNG has one pixel per element (k×k with --scale) in the heatmap's colours, and its bytes are
// those the export path (src/export/map-files.ts on the app's map catalogue) gives for the problem.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { gradientChecks } from '../../../src/core/check/check';
import { fillHere, runPipeline } from '../../../src/core/check/pipeline';
import { defaultTolerance } from '../../../src/core/problem/defaults';
import type { Problem, Tensor } from '../../../src/core/problem/types';
import { KINK_RGB } from '../../../src/export/kink-marks';
import { mapPng } from '../../../src/export/map-files';
import type { MapId } from '../../../src/core/problem/options';
import { spacesOf } from '../../../src/export/maps';
import { writeNpy } from '../../../src/formats/npy';
import { encodeSession } from '../../../src/formats/session';

const dir = mkdtempSync(join(tmpdir(), 'convgrad-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  let text = '';
  return { write: (s: string) => (text += s), get text() { return text; } };
}

async function render(...args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(['render', ...args], stdout, stderr);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const t = (shape: number[], f: (i: number) => number): Tensor => ({ shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)) });
const x = t([6, 7], (i) => Math.sin(i * 0.9) + 0.3);
const w = t([3, 3], (i) => (i * 7) % 5 - 2 + i / 10);
writeFileSync(join(dir, 'x.npy'), writeNpy(x));
writeFileSync(join(dir, 'w.npy'), writeNpy(w));
const PROBLEM = ['--x', join(dir, 'x.npy'), '--w', join(dir, 'w.npy'), '--grad', 'random:4'];

const png = (out: string, name: string) => decode(readFileSync(join(dir, out, name)));
const pixel = (image: ReturnType<typeof decode>, i: number) => [...image.data.subarray(4 * i, 4 * i + 3)];

describe('convgrad render', () => {
  it('writes the default maps as PNG and SVG, each PNG with H×W pixels and the export path’s bytes', async () => {
    const run = await render(...PROBLEM, '--out', join(dir, 'a'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const names = ['y', 'dx-analytic', 'dw-analytic', 'dx-error', 'dw-error'].flatMap((id) => [`${id}.png`, `${id}.svg`]);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual([...names, 'convgrad-files.json'].sort());
    expect(run.stdout).toContain('10 files');

    // The same problem through the app's path: the core's check, the map catalogue, the export's PNG.
    const problem: Problem = { x, w, conv: { op: 'conv', padding: 'seed', paddingMode: 'zeros', stride: [1, 1], dilation: [1, 1] }, loss: { kind: 'linear', grad: { kind: 'random', seed: 4 } }, dtype: 'f64' };
    const { plan, result } = (await runPipeline(problem, { numerical: 'full' }, fillHere))!;
    const maps = spacesOf(x, w, plan.own, gradientChecks(result), '', {}).flatMap((s) => s.maps);
    const atol = defaultTolerance('f64').atol;
    for (const id of ['y', 'dx-analytic', 'dw-analytic', 'dx-error', 'dw-error'] as MapId[]) {
      const map = maps.find((m) => m.id === id)!;
      const file = readFileSync(join(dir, 'a', `${id}.png`));
      expect(Buffer.compare(file, Buffer.from(mapPng(map, { plane: 0, atol }))), id).toBe(0);
      const [height, width] = map.tensor.shape.slice(-2);
      const image = decode(file);
      expect([image.width, image.height], id).toEqual([width, height]);
    }

    // The colours themselves: dL/dW is diverging about 0, its largest |value| at an end of RdBu.
    const dW = Array.from(plan.own.dW.data);
    const top = dW.reduce((best, v, i) => (Math.abs(v) > Math.abs(dW[best]!) ? i : best), 0);
    expect(pixel(png('a', 'dw-analytic.png'), top)).toEqual(dW[top]! > 0 ? [103, 0, 31] : [5, 48, 97]);
    const svg = readFileSync(join(dir, 'a', 'dx-error.svg'), 'utf8');
    expect(svg).toContain('|error| of dL/dX');
    expect(svg).toContain('>atol</text>');
  });

  it('magnifies PNGs ×k by repetition, picks maps, formats, planes and the robust range', async () => {
    const x3 = t([2, 12, 20], (i) => (i === 7 ? 40 : Math.cos(i)));
    writeFileSync(join(dir, 'x3.npy'), writeNpy(x3));
    const run = await render('--x', join(dir, 'x3.npy'), '--maps', 'x,dx-analytic', '--format', 'png', '--scale', '3', '--out', join(dir, 'b'));
    expect(run.stderr).toBe('');
    expect(readdirSync(join(dir, 'b')).sort()).toEqual(['convgrad-files.json', 'dx-analytic-plane0-x3.png', 'dx-analytic-plane1-x3.png', 'x-plane0-x3.png', 'x-plane1-x3.png']);
    const big = png('b', 'x-plane1-x3.png');
    expect([big.width, big.height]).toEqual([60, 36]);
    for (const [row, col] of [[0, 0], [2, 1], [35, 59]]) expect(pixel(big, row * 60 + col)).toEqual(pixel(big, Math.floor(row / 3) * 3 * 60 + Math.floor(col / 3) * 3));

    await render('--x', join(dir, 'x3.npy'), '--maps', 'x', '--format', 'png', '--plane', '0', '--out', join(dir, 'full'));
    await render('--x', join(dir, 'x3.npy'), '--maps', 'x', '--format', 'png', '--plane', '0', '--range', 'robust', '--out', join(dir, 'robust'));
    expect(readdirSync(join(dir, 'full'))).toContain('x-plane0.png');
    // One value of 40 among values in [-1, 1]: the full range paints the rest nearly black, the robust one does not.
    expect(pixel(png('full', 'x-plane0.png'), 0)).not.toEqual(pixel(png('robust', 'x-plane0.png'), 0));
  });

  it('renders the problem and the gradient under test a session holds, titled as the app titles them', async () => {
    const wrong = { ...w, data: w.data.map((v, i) => (i === 4 ? v + 1 : v)) };
    const problem: Problem = { x, w, conv: { op: 'xcorr', padding: 'same', paddingMode: 'reflect', stride: [1, 1], dilation: [1, 1] }, loss: { kind: 'linear', grad: { kind: 'ones' } }, dtype: 'f64' };
    const session = encodeSession({
      appVersion: 'test',
      problem,
      check: { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 } },
      underTest: { gradients: { dW: { name: 'my-dw.npy', tensor: wrong } } },
    });
    writeFileSync(join(dir, 's.convgrad'), session);
    const run = await render('--session', join(dir, 's.convgrad'), '--maps', 'dw-analytic,dw-error', '--format', 'svg', '--out', join(dir, 'c'));
    expect(run.stderr).toBe('');
    expect(readFileSync(join(dir, 'c', 'dw-analytic.svg'), 'utf8')).toContain('dL/dW under test: my-dw.npy');
    expect(readFileSync(join(dir, 'c', 'dw-error.svg'), 'utf8')).toContain('|dL/dW under test − numerical|');

    const bug = await render(...PROBLEM, '--inject', 'kernel-not-mirrored', '--maps', 'dx-analytic', '--format', 'svg', '--out', join(dir, 'd'));
    expect(bug.stderr).toBe('');
    expect(readFileSync(join(dir, 'd', 'dx-analytic.svg'), 'utf8')).toContain('dL/dX under test: kernel-not-mirrored');
  });

  it('paints the elements that passed at a ReLU kink in the kink colour, and only those, as the app does', async () => {
    // Y = X * [[1,-1]] (valid xcorr) is exactly 0 where two neighbours are equal: ReLU's kink
    // (tests/unit/core/check/kinks.test.ts); X's elements 0, 1, 6, 7 difference across it.
    writeFileSync(join(dir, 'xk.npy'), writeNpy(t([3, 4], (i) => [1, 1, 2, 5, 3, 1, 4, 4, 2, 7, 1, 6][i]!)));
    writeFileSync(join(dir, 'wk.npy'), writeNpy(t([1, 2], (i) => [1, -1][i]!)));
    writeFileSync(join(dir, 'tk.npy'), writeNpy(t([3, 3], () => 0.5)));
    const kinkPixels = async (convention: string) => {
      const out = `kinks-${convention}`;
      const run = await render(
        ...['--x', join(dir, 'xk.npy'), '--w', join(dir, 'wk.npy'), '--op', 'xcorr', '--padding', 'valid', '--loss', 'l2', '--activation', 'relu', '--target', join(dir, 'tk.npy')],
        ...['--kink-convention', convention, '--maps', 'dx-error', '--format', 'png', '--out', join(dir, out)],
      );
      expect(run.stderr).toBe('');
      const image = png(out, 'dx-error.png');
      return Array.from({ length: 12 }, (_, i) => (pixel(image, i).join() === KINK_RGB.join() ? 1 : 0));
    };
    expect(await kinkPixels('zero')).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    // Under 'one' ConvGrad's VJP fails exactly there: the failures show as errors, never in the kink colour.
    expect(await kinkPixels('one')).toEqual(new Array(12).fill(0));
  });

  it('renders maps that need no numerical gradient with --numerical none', async () => {
    const run = await render(...PROBLEM, '--maps', 'y,dw-analytic', '--numerical', 'none', '--out', join(dir, 'e'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.each([
    [[...PROBLEM], '--out', /required: the directory/],
    [[...PROBLEM, '--out', 'o', '--maps', 'y,dz-error'], '--maps', /unknown map 'dz-error'; the maps are x,y,gy,w,dx-analytic,/],
    [[...PROBLEM, '--out', 'o', '--maps', 'dx-vs-vjp'], '--maps', /drawn only in the app/],
    [[...PROBLEM, '--out', 'o', '--maps', 'y,y'], '--maps', /'y' given twice/],
    [[...PROBLEM, '--out', 'o', '--numerical', 'fast'], '--numerical', /'fast' computes no numerical map, which dx-error needs/],
    [[...PROBLEM, '--out', 'o', '--format', 'jpg'], '--format', /must be png, svg or png,svg, got 'jpg'/],
    [[...PROBLEM, '--out', 'o', '--scale', '17'], '--scale', /the scale must be 1 to 16, got 17/],
    [[...PROBLEM, '--out', 'o', '--format', 'svg', '--scale', '2'], '--scale', /only applies to PNG/],
    [[...PROBLEM, '--out', 'o', '--range', 'wide'], '--range', /must be one of full\|robust/],
    [[...PROBLEM, '--out', 'o', '--json'], '--json', /unknown option \(see 'convgrad render --help'\)/],
    [[...PROBLEM, '--out', 'o', '--compare-dtypes'], '--compare-dtypes', /unknown option/],
    [[...PROBLEM, '--out', join(dir, 'f'), '--maps', 'dw-analytic', '--plane', '1'], '--plane 1', /dw-analytic has one plane \(0\)/],
    [['--x', join(dir, 'missing.npy'), '--out', 'o'], `--x ${join(dir, 'missing.npy')}`, /./],
  ])('refuses bad input in one line naming the option: %j', async (args, subject, message) => {
    const run = await render(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThanOrEqual(200);
    expect(lines[0]!.startsWith(`convgrad: ${subject}: `), lines[0]).toBe(true);
    expect(lines[0]).toMatch(message);
  });
});
