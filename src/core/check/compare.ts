import { tensor, unravelIndex } from '../problem/tensor';
import type { GradientSummary, Tensor, Tolerance, WorstElement } from '../problem/types';

export interface Comparison {
  readonly summary: GradientSummary;
  /** |analytic - numerical| per element, float64, in the gradient's shape. */
  readonly error: Tensor;
}

/** Relative error |a-n| / max(|a|,|n|), 0 where both are 0. */
export function relativeError(a: number, n: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(n));
  return scale === 0 ? 0 : Math.abs(a - n) / scale;
}

/**
 * Elementwise comparison under gradcheck's allclose rule |a-n| <= atol + rtol*|n|. Elements are
 * ranked by how far they exceed their own allowance, so the worst element is the most failing
 * one whatever its magnitude; a NaN or infinity ranks above everything and always fails.
 * Elements marked in `kinks` (a finite difference across an activation's kink) are counted as
 * such and otherwise left out: their numerical value measures neither one-sided derivative.
 */
export function compareGradient(analytic: Tensor, numerical: Tensor, tol: Tolerance, k = 10, kinks?: Uint8Array): Comparison {
  const a = analytic.data;
  const n = numerical.data;
  const error = new Float64Array(a.length);
  let failing = 0;
  let nonfinite = 0;
  let kinkCount = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let squares = 0;
  const worst: { at: number; score: number }[] = [];
  for (let i = 0; i < a.length; i++) {
    const abs = Math.abs(a[i] - n[i]);
    error[i] = abs;
    const finite = Number.isFinite(a[i]) && Number.isFinite(n[i]);
    if (finite && kinks?.[i]) {
      kinkCount++;
      continue;
    }
    let score = Infinity;
    if (finite) {
      maxAbs = Math.max(maxAbs, abs);
      maxRel = Math.max(maxRel, relativeError(a[i], n[i]));
      squares += abs * abs;
      score = abs / (tol.atol + tol.rtol * Math.abs(n[i]));
    } else {
      nonfinite++;
    }
    if (!finite || abs > tol.atol + tol.rtol * Math.abs(n[i])) failing++;
    if (k > 0 && (worst.length < k || score > worst[worst.length - 1].score)) {
      let j = Math.min(worst.length, k - 1);
      worst[j] = { at: i, score };
      while (j > 0 && worst[j - 1].score < score) {
        [worst[j - 1], worst[j]] = [worst[j], worst[j - 1]];
        j--;
      }
    }
  }
  const measured = a.length - nonfinite - kinkCount;
  const elements: WorstElement[] = worst.map(({ at }) => ({
    index: unravelIndex(at, analytic.shape),
    analytic: a[at],
    numerical: n[at],
    abs: error[at],
    rel: relativeError(a[at], n[at]),
  }));
  return {
    summary: {
      pass: failing === 0,
      max_abs: maxAbs,
      max_rel: maxRel,
      rms: measured ? Math.sqrt(squares / measured) : 0,
      failing,
      count: a.length,
      nonfinite,
      kinks: kinkCount,
      worst: elements,
    },
    error: tensor(analytic.shape, error),
  };
}
