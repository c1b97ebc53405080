// Properties of the numeric core over random shapes and every option.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { runCheck } from '../../../../src/core/check/check';
import { directionalChecks } from '../../../../src/core/check/directional';
import { InputError } from '../../../../src/core/problem/errors';
import { emptyTarget } from '../../../../src/core/check/difference';
import { createNumericalJob } from '../../../../src/core/check/numerical';
import { createReferenceJob } from '../../../../src/core/check/reference';
import { createRandom } from '../../../../src/core/problem/random';
import type { FloatArray, GradientName, Problem } from '../../../../src/core/problem/types';
import { buildProblem, convOptions, problemShape, smoothLoss } from '../../support/problems';

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function absDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] * b[i]);
  return s;
}

/** Runs `body` on a valid problem; combinations the core rightly refuses are skipped. */
function whenValid(build: () => Problem, body: (p: Problem) => void): void {
  const problem = build();
  try {
    analyze(problem);
  } catch (e) {
    if (e instanceof InputError) {
      fc.pre(false);
      return;
    }
    throw e;
  }
  body(problem);
}

describe('adjoint identities of the linear loss', () => {
  it('<Y - b, G> = <X, dL/dX> = <W, dL/dW>, and dL/db is G summed per output channel', () => {
    fc.assert(
      fc.property(problemShape, convOptions, fc.nat(), (shape, conv, gseed) => {
        const loss = { kind: 'linear', grad: { kind: 'random', seed: gseed } } as const;
        whenValid(
          () => buildProblem(shape, conv, loss),
          (problem) => {
            const r = analyze(problem);
            const biasPart = r.db && problem.bias ? dot(r.db.data, problem.bias.data) : 0;
            const yg = dot(r.y.data, r.gy.data) - biasPart;
            // Round-off scales with the sum of magnitudes, not with the (possibly cancelling) result.
            const scale = absDot(r.y.data, r.gy.data) + 1e-300;
            expect(Math.abs(yg - dot(problem.x.data, r.dX.data)) / scale).toBeLessThan(1e-12);
            expect(Math.abs(yg - dot(problem.w.data, r.dW.data)) / scale).toBeLessThan(1e-12);
            if (r.db) {
              const cout = r.db.data.length;
              const perChannel = r.y.shape.slice(-2).reduce((a, b) => a * b, 1);
              const channelOf = (o: number) => Math.floor(o / perChannel) % cout;
              const sums = new Float64Array(cout);
              r.gy.data.forEach((g, o) => (sums[channelOf(o)] += g));
              sums.forEach((s, co) => expect(Math.abs(s - r.db!.data[co])).toBeLessThan(1e-12 * (1 + Math.abs(s))));
            }
          },
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('numerical gradients', () => {
  const fill = (job: ReturnType<typeof createNumericalJob>, name: GradientName): FloatArray => {
    const out = emptyTarget(job.counts[name], Float64Array);
    job.fill(name, 0, job.counts[name], out);
    return out.values;
  };

  it('the local method equals the black-box reference method', () => {
    fc.assert(
      fc.property(problemShape, convOptions, smoothLoss, fc.constantFrom('central', 'forward', 'backward'), (shape, conv, loss, method) => {
        whenValid(
          () => buildProblem(shape, conv, loss),
          (problem) => {
            const settings = { method, h: 1e-6 } as const;
            const reference = createReferenceJob(problem, settings);
            const local = createNumericalJob(problem, settings);
            for (const name of ['dX', 'dW', 'db'] as const) {
              const a = fill(local, name);
              const b = fill(reference, name);
              expect(a.length).toBe(b.length);
              // Same step points, different summation order: they differ by round-off / h, about 1e-10 here.
              for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(b[i])));
            }
          },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('the local method computes any range of elements the same as the whole map', () => {
    const problem = buildProblem({ n: 1, c: 2, cout: 2, h: 6, w: 5, k: 3, l: 2, rank: 3, bias: true, seed: 5 },
      { op: 'conv', padding: 'same', paddingMode: 'reflect', stride: [1, 1], dilation: [1, 2] },
      { kind: 'l2', activation: 'tanh', target: { kind: 'zeros' } });
    const job = createNumericalJob(problem, { method: 'central', h: 1e-6 });
    for (const name of ['dX', 'dW', 'db'] as const) {
      const whole = fill(job, name);
      const pieces = emptyTarget(whole.length, Float64Array);
      const cut = Math.floor(whole.length / 2) + 1;
      job.fill(name, cut, whole.length, pieces);
      job.fill(name, 0, cut, pieces);
      expect(Array.from(pieces.values), name).toEqual(Array.from(whole));
    }
  });

  it('agrees with the VJP on random float64 problems (no false alarms)', () => {
    fc.assert(
      fc.property(problemShape, convOptions, smoothLoss, (shape, conv, loss) => {
        whenValid(
          () => buildProblem(shape, conv, loss),
          (problem) => {
            const r = runCheck(problem, { numerical: 'full' });
            expect(r.verdict, JSON.stringify(r.summaries)).toBe('pass');
          },
        );
      }),
      { numRuns: 200 },
    );
  });

  it('the directional check agrees with the full map along the same direction', () => {
    fc.assert(
      fc.property(problemShape, convOptions, smoothLoss, fc.nat(1000), (shape, conv, loss, seed) => {
        whenValid(
          () => buildProblem(shape, conv, loss),
          (problem) => {
            const own = analyze(problem);
            const checks = directionalChecks(problem, own, { method: 'central', h: 1e-6 }, { atol: 1e-5, rtol: 1e-3 }, 2, seed);
            const full = runCheck(problem, { numerical: 'full' }).numerical!;
            for (const check of checks) {
              expect(check.pass).toBe(true);
              // Rebuild the check's unit direction and project the full numerical map on it.
              const grad = full[check.gradient]!.data;
              const next = createRandom(check.seed);
              const u = Float64Array.from({ length: grad.length }, () => next());
              const norm = Math.hypot(...u);
              const projected = dot(u, grad) / norm;
              expect(Math.abs(projected - check.numerical)).toBeLessThanOrEqual(1e-5 + 1e-5 * Math.abs(projected));
            }
          },
        );
      }),
      { numRuns: 100 },
    );
  });
});
