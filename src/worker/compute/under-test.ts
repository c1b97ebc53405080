// The main check's gradient under test: ConvGrad's own VJP, gradients from files or a .npz, or the
// VJP with an injected bug. The worker computes it once with the analysis, checks it against the
// numerical gradient (the verdict, and the diagnosis of a failure) and compares it with ConvGrad's VJP.
import { externalGradient } from '../../core/check/check';
import { compareGradient } from '../../core/check/compare';
import { injectBug } from '../../core/study/inject';
import type { Problem, Tensor, Tolerance } from '../../core/problem/types';
import type { GradientSubject } from '../discrepancy/discrepancy-protocol';
import type { Gradients } from '../../core/check/types';
import type { GradientComparison, NumericalResult } from './protocol';
import type { GradientsUnderTest } from '../../core/check/types';

/** The gradients under test in the shapes of ConvGrad's own; undefined for ConvGrad's own VJP. Throws InputError. */
export function testedGradients(problem: Problem, own: Gradients, subject: GradientSubject): GradientsUnderTest | undefined {
  if (subject.kind === 'own') return undefined;
  const given = subject.kind === 'bug' ? injectBug(problem, subject.bug) : subject;
  const tested: { dX?: Tensor; dW?: Tensor } = {};
  if (given.dX) tested.dX = externalGradient(given.dX, own.dX, 'analytic-dx', 'X');
  if (given.dW) tested.dW = externalGradient(given.dW, own.dW, 'analytic-dw', 'W');
  return tested.dX || tested.dW ? tested : undefined;
}

/**
 * Each gradient under test's comparison with ConvGrad's VJP (the one-click comparison map); the
 * verdict and the diagnosis came from the check pipeline. ConvGrad's own VJP is returned as it is.
 */
export function withComparisons(
  own: Gradients,
  tested: GradientsUnderTest | undefined,
  result: NonNullable<NumericalResult>,
  tolerance: Tolerance,
  worst: number,
): NonNullable<NumericalResult> {
  if (!tested) return result;
  const out: Partial<Record<keyof NonNullable<NumericalResult>, GradientComparison>> = { ...result };
  for (const g of ['dX', 'dW'] as const) {
    const t = tested[g];
    const r = result[g];
    if (!t || !r) continue;
    const vsOwn = compareGradient(t, { value: own[g] }, tolerance, worst);
    out[g] = { ...r, vsOwn: { error: vsOwn.error, summary: vsOwn.summary } };
  }
  return out;
}
