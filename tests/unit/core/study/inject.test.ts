// Injected VJP bugs: each is caught by the full check, and only where the mistake acts; without a
// bug the check raises no false alarm in float64 or float32.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck, type CheckResult } from '../../../../src/core/check/check';
import { DEFAULT_CONV, DEFAULT_STEP, defaultTolerance } from '../../../../src/core/problem/defaults';
import { InputError } from '../../../../src/core/problem/errors';
import { BUG_NAMES } from '../../../../src/core/problem/options';
import { BUGS, injectBug, type BugName } from '../../../../src/core/study/inject';
import { isBugName } from '../../../../src/core/problem/options';
import { unravelIndex } from '../../../../src/core/problem/tensor';
import type { ConvOptions, GradientName, LossSpec, Problem } from '../../../../src/core/problem/types';
import { buildProblem, convOptions, problemShape, randomTensor, smoothLoss } from '../../support/problems';

const ONES: LossSpec = { kind: 'linear', grad: { kind: 'ones' } };
const RANDOM_G: LossSpec = { kind: 'linear', grad: { kind: 'random', seed: 7 } };
const TANH: LossSpec = { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } };

function problem(x: number[], w: number[], conv: Partial<ConvOptions> = {}, loss: LossSpec = ONES, seed = 1): Problem {
  return { x: randomTensor(x, seed), w: randomTensor(w, seed + 1), conv: { ...DEFAULT_CONV, ...conv }, loss, dtype: 'f64' };
}

/** Where an element of a gradient sits: its full index and the spatial (row, col) of its last two axes. */
interface Element {
  readonly gradient: GradientName;
  readonly index: number[];
  readonly row: number;
  readonly col: number;
}

function element(gradient: GradientName, index: number[]): Element {
  return { gradient, index, row: index[index.length - 2], col: index[index.length - 1] };
}

/** The elements the check flags, from its own error and numerical maps and tolerance rule. */
function failingElements(r: CheckResult): Element[] {
  const tol = defaultTolerance('f64');
  const out: Element[] = [];
  for (const name of ['dX', 'dW'] as const) {
    const err = r.error![name].data;
    const num = r.numerical![name].data;
    for (let i = 0; i < err.length; i++) {
      if (!(err[i] <= tol.atol + tol.rtol * Math.abs(num[i]))) out.push(element(name, unravelIndex(i, r.error![name].shape)));
    }
  }
  return out;
}

/** The check fails, flags at least one element, and every flagged element (the worst ones included) lies in `region`. */
function expectCaughtOnlyIn(p: Problem, bug: BugName, region: (e: Element) => boolean, mustFail: readonly GradientName[]): void {
  expect(BUGS.find((b) => b.name === bug)!.applies(p)).toEqual({ applies: true });
  const r = runCheck(p, { numerical: 'full', analytic: injectBug(p, bug) });
  expect(r.verdict).toBe('fail');
  const failing = failingElements(r);
  expect(failing.length).toBeGreaterThan(0);
  for (const e of failing) expect(region(e), `${bug}: ${e.gradient}[${e.index}] fails outside the bug's region`).toBe(true);
  for (const name of ['dX', 'dW'] as const) {
    const summary = r.summaries[name]!;
    expect(summary.pass).toBe(!mustFail.includes(name));
    if (!summary.pass) expect(region(element(name, summary.worst[0].index))).toBe(true);
  }
}

describe('every injected bug is caught where it acts', () => {
  it('kernel-not-mirrored: with G = ones only the partial windows at the top/left border of dX; with a random G all of dX', () => {
    const K = 3;
    const L = 2;
    const p = problem([6, 5], [K, L]);
    expectCaughtOnlyIn(p, 'kernel-not-mirrored', (e) => e.gradient === 'dX' && (e.row < K - 1 || e.col < L - 1), ['dX']);
    expectCaughtOnlyIn(problem([2, 6, 5], [2, 2, K, L], { op: 'xcorr', padding: 'same' }, RANDOM_G), 'kernel-not-mirrored', (e) => e.gradient === 'dX', ['dX']);
  });

  it('padding-off-by-one: with G = ones only the border bands and the last row/column of dX', () => {
    const [H, W, K, L] = [7, 6, 3, 2];
    const p = problem([H, W], [K, L]);
    const border = (e: Element) => e.row < K - 1 || e.row === H - 1 || e.col < L - 1 || e.col === W - 1;
    expectCaughtOnlyIn(p, 'padding-off-by-one', (e) => e.gradient === 'dX' && border(e), ['dX']);
    expectCaughtOnlyIn(problem([5, 6], [3, 3], { paddingMode: 'reflect', padding: 'same' }, TANH), 'padding-off-by-one', (e) => e.gradient === 'dX', ['dX']);
  });

  it('kernel-transposed: with G = ones only the top/left border bands of dX', () => {
    const K = 3;
    const p = problem([6, 7], [K, K]);
    expectCaughtOnlyIn(p, 'kernel-transposed', (e) => e.gradient === 'dX' && (e.row < K - 1 || e.col < K - 1), ['dX']);
  });

  it('seed-unpad: only the last row and column of dX with valid padding, only the last row for a 1-row kernel under seed padding', () => {
    const [H, W] = [6, 5];
    expectCaughtOnlyIn(problem([H, W], [2, 3], { padding: 'valid' }, RANDOM_G), 'seed-unpad', (e) => e.gradient === 'dX' && (e.row === H - 1 || e.col === W - 1), ['dX']);
    expectCaughtOnlyIn(problem([H, W], [1, 3], {}, TANH), 'seed-unpad', (e) => e.gradient === 'dX' && e.row === H - 1, ['dX']);
  });

  it('stride-ignored: both dX and dW', () => {
    expectCaughtOnlyIn(problem([2, 7, 8], [3, 2, 3, 2], { padding: [1, 1, 0, 1], stride: [2, 3] }, TANH), 'stride-ignored', () => true, ['dX', 'dW']);
  });

  it('dilation-ignored: both dX and dW', () => {
    expectCaughtOnlyIn(problem([7, 8], [2, 3], { dilation: [2, 2] }, RANDOM_G), 'dilation-ignored', () => true, ['dX', 'dW']);
  });

  it('dw-not-mirrored: dW only', () => {
    expectCaughtOnlyIn(problem([2, 6, 6], [2, 2, 3, 3], {}, TANH), 'dw-not-mirrored', (e) => e.gradient === 'dW', ['dW']);
  });

  it('channels-swapped: dX only, in the input channels whose kernel row and column differ', () => {
    expectCaughtOnlyIn(problem([1, 2, 5, 5], [2, 2, 2, 2], { op: 'xcorr' }, RANDOM_G), 'channels-swapped', (e) => e.gradient === 'dX', ['dX']);
    // Make W[co,ci] = W[ci,co] for every pair except (0,1)/(1,0).
    const p = problem([3, 5, 5], [3, 3, 2, 2]);
    const w = p.w.data.slice();
    const plane = 4;
    const at = (co: number, ci: number) => (co * 3 + ci) * plane;
    for (const [a, b] of [[0, 2], [1, 2]]) w.copyWithin(at(b, a), at(a, b), at(a, b) + plane);
    const partly = { ...p, w: { shape: p.w.shape, data: w } };
    // Only (0,1) and (1,0) differ, so only input channels 0 and 1 of dX can be wrong.
    expectCaughtOnlyIn(partly, 'channels-swapped', (e) => e.gradient === 'dX' && e.index[0] !== 2, ['dX']);
  });

  it('float32: every bug is still caught with the f32 defaults, in the gradient(s) it acts on', () => {
    const settings: Record<BugName, [number[], number[], Partial<ConvOptions>]> = {
      'kernel-not-mirrored': [[8, 8], [3, 3], {}],
      'padding-off-by-one': [[8, 8], [3, 3], {}],
      'kernel-transposed': [[8, 8], [3, 3], {}],
      'seed-unpad': [[8, 8], [3, 3], { padding: 'valid' }],
      'stride-ignored': [[8, 8], [3, 3], { stride: [2, 2] }],
      'dilation-ignored': [[8, 8], [2, 2], { dilation: [2, 2] }],
      'dw-not-mirrored': [[8, 8], [3, 3], {}],
      'channels-swapped': [[2, 6, 6], [2, 2, 3, 3], {}],
    };
    for (const bug of BUGS) {
      const [x, w, conv] = settings[bug.name];
      const p = { ...problem(x, w, conv, TANH), dtype: 'f32' as const };
      expect(bug.applies(p)).toEqual({ applies: true });
      const injected = injectBug(p, bug.name);
      expect(injected.dX.data).toBeInstanceOf(Float32Array);
      const r = runCheck(p, { numerical: 'full', analytic: injected, h: DEFAULT_STEP, tolerance: defaultTolerance('f32') });
      const acts = bug.acts === 'both' ? ['dX', 'dW'] : [bug.acts];
      expect([r.summaries.dX!.pass, r.summaries.dW!.pass], bug.name).toEqual([!acts.includes('dX'), !acts.includes('dW')]);
    }
  });

  it('covers every bug in the catalogue', () => {
    expect(BUGS.map((b) => b.name)).toEqual([...BUG_NAMES]);
    for (const b of BUGS) {
      expect(b.explanation).toMatch(/^[^.]+(\.[^ .][^.]*)*\.$/);
      expect(isBugName(b.name)).toBe(true);
    }
    expect(isBugName('no-such-bug')).toBe(false);
  });
});

describe('when a bug does not apply', () => {
  const cases: [BugName, Problem, RegExp][] = [
    ['kernel-not-mirrored', { ...problem([5, 5], [3, 3]), w: { shape: [3, 3], data: Float64Array.from([1, 2, 3, 4, 5, 4, 3, 2, 1]) } }, /180-degree turn/],
    ['kernel-transposed', { ...problem([5, 5], [3, 3]), w: { shape: [3, 3], data: Float64Array.from([1, 2, 3, 2, 5, 6, 3, 6, 9]) } }, /transpose/],
    ['seed-unpad', problem([5, 5], [2, 2]), /end padding is 1 row\(s\) and 1 column\(s\)/],
    ['stride-ignored', problem([5, 5], [2, 2]), /stride is 1/],
    ['dilation-ignored', problem([5, 5], [2, 2]), /dilation is 1/],
    ['dw-not-mirrored', problem([5, 5], [2, 2], { op: 'xcorr' }), /xcorr/],
    ['channels-swapped', problem([5, 5], [2, 2]), /one input and one output channel/],
    ['dw-not-mirrored', problem([5, 5], [1, 1]), /happens to give exactly the correct gradients/],
  ];
  it.each(cases)('%s says why, and the injected gradients equal the VJP bit for bit', (bug, p, reason) => {
    const a = BUGS.find((b) => b.name === bug)!.applies(p);
    expect(a.applies).toBe(false);
    if (!a.applies) expect(a.reason).toMatch(reason);
    const injected = injectBug(p, bug);
    const own = analyze(p);
    expect(Array.from(injected.dX.data)).toEqual(Array.from(own.dX.data));
    expect(Array.from(injected.dW.data)).toEqual(Array.from(own.dW.data));
    expect(injected.dX.shape).toEqual(own.dX.shape);
  });

  it('refuses mistakes that would be shape errors, and unknown names', () => {
    expect(() => injectBug(problem([5, 5], [2, 3]), 'kernel-transposed')).toThrow(/not square/);
    expect(() => injectBug(problem([3, 5, 5], [2, 3, 2, 2]), 'channels-swapped')).toThrow(InputError);
    expect(BUGS.find((b) => b.name === 'channels-swapped')!.applies(problem([3, 5, 5], [2, 3, 2, 2]))).toMatchObject({ applies: false, reason: /Cout = 2 and Cin = 3/ });
    expect(() => injectBug(problem([5, 5], [2, 2]), 'nope' as BugName)).toThrow(/unknown bug 'nope'/);
  });
});

describe('no bug, no false alarm', () => {
  /** Skips option combinations the core rightly refuses. */
  function valid(p: Problem): boolean {
    try {
      analyze(p);
      return true;
    } catch (e) {
      if (e instanceof InputError) return false;
      throw e;
    }
  }

  it('float64 with the f64 defaults, every option, smooth losses', () => {
    let checked = 0;
    fc.assert(
      fc.property(problemShape, convOptions, smoothLoss, (shape, conv, loss) => {
        const p = buildProblem(shape, conv, loss, 'f64');
        fc.pre(valid(p));
        checked++;
        const r = runCheck(p, { numerical: 'full', h: DEFAULT_STEP, tolerance: defaultTolerance('f64') });
        expect(r.verdict, JSON.stringify(r.summaries)).toBe('pass');
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(200);
  });

  it('float32 with the f32 defaults, every option, smooth losses', () => {
    let checked = 0;
    fc.assert(
      fc.property(problemShape, convOptions, smoothLoss, (shape, conv, loss) => {
        const p = buildProblem(shape, conv, loss, 'f32');
        fc.pre(valid(p));
        checked++;
        // h and atol as given (not scaled): the float64 twin's error bars are far below any
        // float32 tolerance, so every correct gradient is judged, and passes.
        const r = runCheck(p, { numerical: 'full', h: DEFAULT_STEP, tolerance: defaultTolerance('f32') });
        expect(r.verdict, JSON.stringify(r.summaries)).toBe('pass');
      }),
      { numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});
