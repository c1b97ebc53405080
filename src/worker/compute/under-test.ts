// The main check's gradient under test: ConvGrad's own VJP, gradients from files or a .npz, or the
// VJP with an injected bug. The worker computes it once with the analysis, checks it against the
// numerical gradient (the verdict), compares it with ConvGrad's VJP and diagnoses a failure.
import { externalGradient } from '../../core/check/check';
import { compareGradient } from '../../core/check/compare';
import { diagnose, failingMask, type DiagnosedName } from '../../core/diagnosis';
import { injectBug } from '../../core/study/inject';
import type { Problem, Tensor, Tolerance } from '../../core/problem/types';
import type { GradientSubject } from '../discrepancy/discrepancy-protocol';
import type { Gradients } from '../../core/check/types';
import type { GradientComparison, NumericalResult, TestedGradients } from './protocol';

/** The gradients under test in the shapes of ConvGrad's own; undefined for ConvGrad's own VJP. Throws InputError. */
export function testedGradients(problem: Problem, own: Gradients, subject: GradientSubject): TestedGradients | undefined {
  if (subject.kind === 'own') return undefined;
  const given = subject.kind === 'bug' ? injectBug(problem, subject.bug) : subject;
  const tested: { dX?: Tensor; dW?: Tensor } = {};
  if (given.dX) tested.dX = externalGradient(given.dX, own.dX, 'analytic-dx', 'X');
  if (given.dW) tested.dW = externalGradient(given.dW, own.dW, 'analytic-dw', 'W');
  return tested.dX || tested.dW ? tested : undefined;
}

/**
 * Each gradient under test's comparison with ConvGrad's VJP (the one-click comparison map) and,
 * where it failed, its diagnosis; the result of ConvGrad's own VJP is returned as it is.
 */
export function withComparisons(
  problem: Problem,
  own: Gradients,
  tested: TestedGradients | undefined,
  result: NonNullable<NumericalResult>,
  tolerance: Tolerance,
  worst: number,
): NonNullable<NumericalResult> {
  if (!tested) return result;
  const names = (['dX', 'dW'] as const).filter((g) => tested[g] && result[g]);
  const failing = names.filter((g) => result[g]!.summary.verdict === 'fail');
  const masks = Object.fromEntries(
    failing.map((g) => [g, failingMask(tested[g]!.data, result[g]!.numerical.data, tolerance, result[g]!.kinks)]),
  ) as Partial<Record<DiagnosedName, Uint8Array>>;
  const diagnoses = failing.length ? diagnose({ problem, tolerance, tested, failing, masks }) : {};
  const out: Partial<Record<keyof NonNullable<NumericalResult>, GradientComparison>> = { ...result };
  for (const g of names) {
    const vsOwn = compareGradient(tested[g]!, { value: own[g] }, tolerance, worst);
    out[g] = { ...result[g]!, vsOwn: { error: vsOwn.error, summary: vsOwn.summary }, diagnosis: diagnoses[g] };
  }
  return out;
}
