// The verdict's promise on random problems with flat patches (Y exactly 0 on many outputs, ReLU's
// kink): a correct VJP never fails, and every catalogued bug (and a dropped activation derivative)
// that changes the gradient beyond the tolerance never passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { ACTIVATIONS } from '../../../../src/core/problem/activation';
import { InputError } from '../../../../src/core/problem/errors';
import { createRandom } from '../../../../src/core/problem/random';
import { BUGS, injectBug } from '../../../../src/core/study/inject';
import type { Activation, ConvOptions, KinkConvention, Problem, Tensor } from '../../../../src/core/problem/types';
import { convOptions } from '../../support/problems';

interface FlatCase {
  readonly h: number;
  readonly w: number;
  readonly c: number;
  readonly cout: number;
  readonly k: number;
  readonly l: number;
  readonly seed: number;
  readonly activation: Exclude<Activation, 'identity'>;
  readonly targeted: boolean;
  readonly convention: KinkConvention;
}

const flatCase: fc.Arbitrary<FlatCase> = fc.record({
  h: fc.integer({ min: 3, max: 9 }),
  w: fc.integer({ min: 3, max: 9 }),
  c: fc.integer({ min: 1, max: 2 }),
  cout: fc.integer({ min: 1, max: 2 }),
  k: fc.integer({ min: 1, max: 3 }),
  l: fc.integer({ min: 2, max: 3 }),
  seed: fc.nat(),
  activation: fc.constantFrom('relu', 'tanh', 'sigmoid'),
  targeted: fc.boolean(),
  convention: fc.constantFrom('zero', 'one', 'any'),
});

/**
 * X of a few flat blocks (values in eighths, so sums are exact) and kernels whose taps (integers)
 * sum to 0 per input channel: every output whose window lies in one block is exactly 0.
 */
function flatProblem(s: FlatCase, conv: ConvOptions): Problem {
  const next = createRandom(s.seed);
  const level = () => Math.round(next() * 16) / 8;
  const blocks = [level(), level(), level()];
  const x = new Float64Array(s.c * s.h * s.w);
  for (let ci = 0; ci < s.c; ci++) {
    for (let i = 0; i < s.h; i++) {
      for (let j = 0; j < s.w; j++) x[(ci * s.h + i) * s.w + j] = j < s.w / 2 ? blocks[ci] : i < s.h / 2 ? blocks[2] : blocks[ci] + (next() > 0.7 ? 0.5 : 0);
    }
  }
  const taps = s.k * s.l;
  const w = new Float64Array(s.cout * s.c * taps);
  for (let p = 0; p < s.cout * s.c; p++) {
    let sum = 0;
    for (let t = 0; t < taps - 1; t++) sum += w[p * taps + t] = Math.round(next() * 4);
    w[p * taps + taps - 1] = -sum;
  }
  const xT: Tensor = { shape: [s.c, s.h, s.w], data: x };
  const wT: Tensor = { shape: [s.cout, s.c, s.k, s.l], data: w };
  const y = analyze({ x: xT, w: wT, conv, loss: { kind: 'linear', grad: { kind: 'ones' } }, dtype: 'f64' }).y;
  // Nonzero targets in eighths, some exactly 0.
  const target = s.targeted
    ? ({ kind: 'array', value: { shape: [...y.shape], data: y.data.map(() => (next() > 0.2 ? Math.round(next() * 8) / 8 : 0)) } } as const)
    : ({ kind: 'zeros' } as const);
  return { x: xT, w: wT, conv, loss: { kind: 'l2', activation: s.activation, target }, dtype: 'f64' };
}

function whenValid(build: () => Problem, body: (p: Problem) => void): void {
  let problem: Problem;
  try {
    problem = build();
    analyze(problem);
  } catch (e) {
    if (e instanceof InputError) return fc.pre(false);
    throw e;
  }
  body(problem);
}

const TOL = { atol: 1e-5, rtol: 1e-3 };

/** Whether `wrong` differs from `right` somewhere by well over the tolerance (else the bug changes nothing measurable). */
function differs(wrong: Tensor, right: Tensor): boolean {
  return wrong.data.some((v, i) => Math.abs(v - right.data[i]) > 10 * (TOL.atol + TOL.rtol * Math.abs(right.data[i])) + 1e-6 * Math.abs(right.data[i]));
}

/** The VJP of a backward pass that forgot the activation's derivative: dL/dY = act(Y) - T. */
function derivativeDropped(problem: Problem): { dX: Tensor; dW: Tensor } {
  const own = analyze(problem);
  const loss = problem.loss as Extract<Problem['loss'], { kind: 'l2' }>;
  const act = ACTIVATIONS[loss.activation];
  const t = loss.target.kind === 'array' ? loss.target.value.data : undefined;
  const g = own.y.data.map((y, o) => act.value(y) - (t ? t[o] : 0));
  const r = analyze({ ...problem, loss: { kind: 'linear', grad: { kind: 'array', value: { shape: [...own.y.shape], data: g } } } });
  return { dX: r.dX, dW: r.dW };
}

describe('verdicts on problems with flat patches and kinks', () => {
  it('a correct VJP never fails, under every kink convention that matches it', () => {
    let kinked = 0;
    fc.assert(
      fc.property(flatCase, convOptions, (s, conv) => {
        whenValid(
          () => flatProblem(s, conv),
          (problem) => {
            // ConvGrad's VJP follows relu'(0) = 0: 'zero' and 'any' must accept it.
            const convention = s.convention === 'one' ? 'zero' : s.convention;
            const r = runCheck(problem, { numerical: 'full', kinkConvention: convention });
            expect(r.verdict, JSON.stringify({ s, conv, dX: r.summaries.dX?.worst[0], dW: r.summaries.dW?.worst[0] })).not.toBe('fail');
            kinked += r.summaries.dX!.kinked + r.summaries.dW!.kinked;
          },
        );
      }),
      { numRuns: 150 },
    );
    // The generator really produces real kinks.
    expect(kinked).toBeGreaterThan(0);
  });

  it('each catalogued bug, where it changes a gradient beyond the tolerance, never passes', () => {
    let tried = 0;
    fc.assert(
      fc.property(flatCase, convOptions, fc.constantFrom(...BUGS), (s, conv, bug) => {
        whenValid(
          () => flatProblem(s, conv),
          (problem) => {
            if (!bug.applies(problem).applies) return;
            let wrong;
            try {
              wrong = injectBug(problem, bug.name);
            } catch (e) {
              if (e instanceof InputError) return;
              throw e;
            }
            const own = analyze(problem);
            if (!differs(wrong.dX, own.dX) && !differs(wrong.dW, own.dW)) return;
            tried++;
            const r = runCheck(problem, { numerical: 'full', kinkConvention: s.convention === 'one' ? 'zero' : s.convention, analytic: wrong });
            expect(r.verdict, `${bug.name} ${JSON.stringify(s)}`).not.toBe('pass');
          },
        );
      }),
      { numRuns: 200 },
    );
    expect(tried).toBeGreaterThan(20);
  });

  // Under 'one' or 'any', relu(y) - t at an output exactly at 0 is a valid (sub)gradient: the default convention is the one it breaks.
  it("a dropped activation derivative never passes where it matters, under the default 'zero' convention", () => {
    let tried = 0;
    fc.assert(
      fc.property(flatCase, convOptions, (s, conv) => {
        whenValid(
          () => flatProblem(s, conv),
          (problem) => {
            const wrong = derivativeDropped(problem);
            const own = analyze(problem);
            if (!differs(wrong.dX, own.dX) && !differs(wrong.dW, own.dW)) return;
            tried++;
            const r = runCheck(problem, { numerical: 'full', analytic: wrong });
            expect(r.verdict, JSON.stringify(s)).not.toBe('pass');
          },
        );
      }),
      { numRuns: 150 },
    );
    expect(tried).toBeGreaterThan(20);
  });
});
