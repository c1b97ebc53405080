import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { agreement, diagnose, HYPOTHESIS_NAMES, type DiagnosedName } from '../../../../src/core/diagnosis';
import { defaultTolerance } from '../../../../src/core/problem/defaults';
import { mirrorPlanes } from '../../../../src/core/problem/problem';
import { BUG_NAMES } from '../../../../src/core/problem/options';
import { BUGS, injectBug } from '../../../../src/core/study/inject';
import type { Problem, Tensor } from '../../../../src/core/problem/types';
import { randomTensor } from '../../support/problems';

const tol = defaultTolerance('f64');

function problemOf(overrides: Partial<Problem['conv']> = {}, c = 1, cout = 1, extra: Partial<Problem> = {}): Problem {
  return {
    x: randomTensor(c === 1 ? [9, 8] : [c, 9, 8], 1),
    w: randomTensor(c === 1 && cout === 1 ? [3, 3] : [cout, c, 3, 3], 2),
    conv: { op: 'conv', padding: 'seed', paddingMode: 'zeros', stride: [1, 1], dilation: [1, 1], ...overrides },
    loss: { kind: 'linear', grad: { kind: 'random', seed: 3 } },
    dtype: 'f64',
    ...extra,
  };
}

/** Diagnoses both gradients under test, failing where they differ from ConvGrad's VJP. */
function diagnoseTested(problem: Problem, tested: { dX: Tensor; dW: Tensor }) {
  const own = analyze(problem);
  const failing = (['dX', 'dW'] as DiagnosedName[]).filter((g) => agreement(tested[g].data, own[g].data, tol) === undefined);
  // Failing where the allclose rule against the exact gradient fails (the check would measure it).
  const mask = (a: ArrayLike<number>, n: ArrayLike<number>) => Uint8Array.from(a, (v, i) => (Math.abs(v - n[i]) <= tol.atol + tol.rtol * Math.abs(n[i]) ? 0 : 1));
  const masks = Object.fromEntries(failing.map((g) => [g, mask(tested[g].data, own[g].data)]));
  return diagnose({ problem, tolerance: tol, tested, failing, masks });
}

const SHAPES: [string, Problem][] = [
  ['single channel, seed padding', problemOf()],
  ['two channels, xcorr, explicit padding', problemOf({ op: 'xcorr', padding: [1, 0, 2, 0] }, 2, 2)],
  ['stride 2, dilation 2', problemOf({ padding: 'valid', stride: [2, 2], dilation: [2, 2] }, 2, 2)],
];

describe('diagnose', () => {
  for (const [label, problem] of SHAPES) {
    for (const bug of BUGS.filter((b) => b.applies(problem).applies)) {
      it(`names ${bug.name} (${label})`, () => {
        const d = diagnoseTested(problem, injectBug(problem, bug.name));
        const named = Object.values(d).map((g) => g?.match?.name);
        expect(named.length).toBeGreaterThan(0);
        expect(named.every((n) => n === bug.name)).toBe(true);
      });
    }
  }

  it('covers every catalogued bug with at least one shape', () => {
    for (const bug of BUGS) expect(SHAPES.some(([, p]) => bug.applies(p).applies), bug.name).toBe(true);
  });

  it('gives no diagnosis to a correct gradient', () => {
    const problem = SHAPES[1][1];
    const own = analyze(problem);
    expect(diagnoseTested(problem, { dX: own.dX, dW: own.dW })).toEqual({});
  });

  it('names cross-correlation for PyTorch gradients checked as a convolution', () => {
    const problem = SHAPES[0][1];
    const torch = analyze({ ...problem, conv: { ...problem.conv, op: 'xcorr' } });
    const d = diagnoseTested(problem, { dX: torch.dX, dW: torch.dW });
    expect(d.dX?.match?.name).toBe('cross-correlation');
    expect(d.dW?.match?.name).toBe('cross-correlation');
    expect(d.dX?.match?.fix).toMatch(/cross-correlation/);
  });

  it('names convolution for convolution gradients checked as cross-correlation', () => {
    const problem = SHAPES[1][1];
    const conv = analyze({ ...problem, conv: { ...problem.conv, op: 'conv' } });
    expect(diagnoseTested(problem, { dX: conv.dX, dW: conv.dW }).dX?.match?.name).toBe('convolution');
  });

  it('names a sign flip and a constant multiple with its factor', () => {
    const problem = SHAPES[0][1];
    const own = analyze(problem);
    const flipped = diagnoseTested(problem, { dX: { ...own.dX, data: own.dX.data.map((v) => -v) }, dW: own.dW });
    expect(flipped.dX?.match?.name).toBe('sign-flipped');
    expect(flipped.dW).toBeUndefined();
    const doubled = diagnoseTested(problem, { dX: own.dX, dW: { ...own.dW, data: own.dW.data.map((v) => 0.5 * v) } });
    expect(doubled.dW?.match?.name).toBe('constant-multiple');
    expect(doubled.dW?.match?.title).toContain('dW x 0.5');
  });

  it('names a crop one row early and the kernel gradient mirrored, transposed or with swapped channels', () => {
    const problem = SHAPES[1][1];
    const own = analyze(problem);
    const w = own.dW;
    const mirrored = { ...w, data: mirrorPlanes(w.data, 3, 3) };
    expect(diagnoseTested(problem, { dX: own.dX, dW: mirrored }).dW?.match?.name).toBe('dw-mirrored');
    const swapped = { ...w, data: w.data.slice() };
    swapped.data.set(w.data.subarray(9, 18), 18);
    swapped.data.set(w.data.subarray(18, 27), 9);
    expect(diagnoseTested(problem, { dX: own.dX, dW: swapped }).dW?.match?.name).toBe('dw-channels-swapped');
  });

  it('names a crop that starts one row early (a top padding one too small)', () => {
    const problem = SHAPES[0][1];
    const own = analyze(problem);
    const [h, w] = own.dX.shape;
    // Seed padding has no top padding, so the early crop reads dL/dX one row up and zero above the image.
    const early = new Float64Array(h * w);
    early.set(own.dX.data.subarray(0, (h - 1) * w), w);
    expect(diagnoseTested(problem, { dX: { shape: [h, w], data: early }, dW: own.dW }).dX?.match?.name).toBe('padding-top-1');
  });

  it("names a dropped activation derivative", () => {
    const target = randomTensor([7, 6], 5);
    const problem = problemOf({ padding: 'valid' }, 1, 1, { loss: { kind: 'l2', activation: 'tanh', target: { kind: 'array', value: target } } });
    const y = analyze(problem).y;
    const g = { shape: y.shape, data: y.data.map((v, i) => Math.tanh(v) - target.data[i]) };
    const dropped = analyze({ ...problem, loss: { kind: 'linear', grad: { kind: 'array', value: g } } });
    const d = diagnoseTested(problem, { dX: dropped.dX, dW: dropped.dW });
    expect(d.dX?.match?.name).toBe('activation-derivative-dropped');
    expect(d.dW?.match?.name).toBe('activation-derivative-dropped');
  });

  it('gives a random perturbation a footprint, not a name', () => {
    const problem = SHAPES[2][1];
    const own = analyze(problem);
    const dX = { ...own.dX, data: own.dX.data.slice() };
    for (const i of [5, 77, 140]) dX.data[i] += 0.3;
    const d = diagnoseTested(problem, { dX, dW: own.dW });
    expect(d.dX?.match).toBeNull();
    expect(d.dX?.footprint).toMatchObject({ kind: 'isolated', failing: 3 });
    const noisy = { ...own.dX, data: own.dX.data.map((v, i) => v + 0.01 * Math.sin(i * 12.9898)) };
    const e = diagnoseTested(problem, { dX: noisy, dW: own.dW });
    expect(e.dX?.match).toBeNull();
    expect(e.dX?.footprint?.kind).toBe('everywhere');
  });

  it('lists every name it can give', () => {
    expect(HYPOTHESIS_NAMES).toEqual(expect.arrayContaining([...BUG_NAMES, 'cross-correlation', 'sign-flipped', 'padding-top-1']));
    expect(new Set(HYPOTHESIS_NAMES).size).toBe(HYPOTHESIS_NAMES.length);
  });
});
