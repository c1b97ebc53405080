// The local job writes a linear loss's terms out in its two hottest loops (JobContext.linear;
// dL/dX two pixels at a time): its maps against the same job through the general Differencer,
// bit for bit.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { emptyTarget } from '../../../../src/core/check/difference';
import { createNumericalJob } from '../../../../src/core/check/numerical';
import { InputError } from '../../../../src/core/problem/errors';
import { arrayType } from '../../../../src/core/problem/tensor';
import type { Loss } from '../../../../src/core/problem/loss';
import type { FdMethod, GradientName, Problem } from '../../../../src/core/problem/types';
import { buildProblem, convOptions, problemShape } from '../../support/problems';

/** While set, every loss the core creates hides its linear coefficients: the job then visits each output through the general Differencer. */
const hide = vi.hoisted(() => ({ coefficients: false, created: [] as Loss[] }));

vi.mock('../../../../src/core/problem/loss', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../../src/core/problem/loss')>();
  return {
    ...actual,
    createLoss: (...args: Parameters<typeof actual.createLoss>): Loss => {
      const loss = actual.createLoss(...args);
      hide.created.push(loss);
      if (!hide.coefficients) return loss;
      // The loss's own methods on its own object, through a stand-in whose linearCoefficients is undefined.
      return Object.create(loss, { linearCoefficients: { value: undefined } }) as Loss;
    },
  };
});

function maps(problem: Problem, method: FdMethod, hidden: boolean): Float64Array[] {
  hide.coefficients = hidden;
  try {
    const job = createNumericalJob(problem, { method, h: 1e-3, auto: true });
    return (['dX', 'dW', 'db'] as GradientName[]).flatMap((name) => {
      const target = emptyTarget(job.counts[name], arrayType(problem.dtype));
      job.fill(name, 0, job.counts[name], target);
      return [Float64Array.from(target.values), target.errbar, target.spread, Float64Array.from(target.kinks)];
    });
  } finally {
    hide.coefficients = false;
  }
}

describe('the linear loss written out in the local job', () => {
  it('gives the maps of the general per-output path, bit for bit, over every option', () => {
    let linearJobs = 0;
    fc.assert(
      fc.property(problemShape, convOptions, fc.nat(), fc.constantFrom<FdMethod>('central', 'forward'), fc.constantFrom('f64' as const, 'f32' as const), (shape, conv, seed, method, dtype) => {
        const problem = buildProblem(shape, conv, { kind: 'linear', grad: { kind: 'random', seed } }, dtype);
        let written: Float64Array[];
        hide.created.length = 0;
        try {
          written = maps(problem, method, false);
        } catch (e) {
          if (e instanceof InputError) return;
          throw e;
        }
        // The written-out path was there to take: the job's float64 loss had coefficients.
        if (hide.created.some((loss) => loss.linearCoefficients)) linearJobs++;
        const general = maps(problem, method, true);
        written.forEach((array, i) => expect(Object.is(array.length, general[i].length) && array.every((v, j) => Object.is(v, general[i][j]))).toBe(true));
      }),
      { numRuns: 300, seed: 20261202 },
    );
    expect(linearJobs).toBeGreaterThan(150);
  });
});
