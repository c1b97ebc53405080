// Naming the bug: when a gradient under test fails, each hypothesis (hypotheses.ts) recomputes the
// gradients as a backward pass with that mistake would; the first one the gradient under test
// equals within the check's tolerance everywhere is named with its fix. A hypothesis must also
// agree with every other gradient under test (dL/dW exact when only dL/dX is miswired), so a
// mistake in one gradient is not mistaken for one that would change both. Whatever is named, the
// footprint says where the failing elements are.
import type { FloatArray, Problem, Tensor, Tolerance } from '../problem/types';
import { footprintOf, type Footprint } from './footprint';
import { DIAGNOSED, gatherEvidence, hypothesesFor, type DiagnosedName, type Evidence, type Hypothesis } from './hypotheses';

export interface DiagnosisMatch {
  /** One of HYPOTHESIS_NAMES. */
  readonly name: string;
  /** Completes "your dL/dX equals …". */
  readonly title: string;
  /** The largest |gradient under test - hypothesis|. */
  readonly max_abs: number;
  /** One sentence: what to change. */
  readonly fix: string;
  /** Other hypotheses that explain the gradients under test just as well. */
  readonly also?: string[];
}

/** report.json's `diagnosis` entry of one failing gradient under test. */
export interface Diagnosis {
  readonly match: DiagnosisMatch | null;
  /** Where the failing elements are; null when no per-element comparison was made (--numerical fast). */
  readonly footprint: Footprint | null;
}

export type Diagnoses = Partial<Record<DiagnosedName, Diagnosis>>;

export interface DiagnosisRequest {
  readonly problem: Problem;
  readonly tolerance: Tolerance;
  /** The gradients under test: computed elsewhere or injected, not ConvGrad's own. */
  readonly tested: Partial<Record<DiagnosedName, Tensor>>;
  /** The gradients under test that failed the check. */
  readonly failing: readonly DiagnosedName[];
  /** Per failing gradient, 1 where an element fails (a full check); absent for directional checks. */
  readonly masks?: Partial<Record<DiagnosedName, Uint8Array>>;
}

/** max |u - h| when |u - h| <= atol + rtol |h| everywhere (u finite), else undefined. */
export function agreement(u: FloatArray, h: FloatArray, tol: Tolerance): number | undefined {
  let max = 0;
  for (let i = 0; i < u.length; i++) {
    const d = Math.abs(u[i] - h[i]);
    // The negated test also refuses NaN.
    if (!(d <= tol.atol + tol.rtol * Math.abs(h[i]))) return undefined;
    if (d > max) max = d;
  }
  return max;
}

/** Up to this many gradient elements every hypothesis is tried, so equally good ones are listed too. */
export const EXHAUSTIVE_ELEMENTS = 1 << 20;

interface Candidate {
  readonly hypothesis: Hypothesis;
  readonly maxAbs: number;
  /** Every gradient under test equals the hypothesis. */
  readonly consistent: boolean;
  readonly detail?: string;
}

/** The hypotheses that explain each failing gradient, in catalogue order. */
function candidates(e: Evidence, failing: readonly DiagnosedName[], tol: Tolerance): Partial<Record<DiagnosedName, Candidate[]>> {
  const found: Partial<Record<DiagnosedName, Candidate[]>> = {};
  const testedNames = DIAGNOSED.filter((g) => e.tested[g]);
  // On large inputs every hypothesis is a full VJP: stop at the first that explains everything (no "also" then).
  const exhaustive = e.own.dX.length + e.own.dW.length <= EXHAUSTIVE_ELEMENTS;
  for (const hypothesis of hypothesesFor(e.problem)) {
    if (!exhaustive && failing.every((g) => found[g]?.some((c) => c.consistent))) break;
    const values = hypothesis.gradients(e);
    if (!values) continue;
    const agreed = Object.fromEntries(testedNames.map((g) => [g, agreement(e.tested[g]!, values[g], tol)]));
    const consistent = testedNames.every((g) => agreed[g] !== undefined);
    for (const g of failing) {
      const maxAbs = agreed[g];
      // A hypothesis that equals the true gradient explains nothing about a failure.
      if (maxAbs === undefined || agreement(e.own[g], values[g], tol) !== undefined) continue;
      (found[g] ??= []).push({ hypothesis, maxAbs, consistent, detail: hypothesis.detail?.(e) });
    }
  }
  return found;
}

function matchOf(list: Candidate[] | undefined): DiagnosisMatch | null {
  if (!list?.length) return null;
  // Hypotheses that account for every gradient under test come before those that explain this one only.
  const ranked = [...list.filter((c) => c.consistent), ...list.filter((c) => !c.consistent)];
  const [best, ...rest] = ranked;
  const also = rest.filter((c) => c.consistent === best.consistent).map((c) => c.hypothesis.name);
  const { name, title, fix } = best.hypothesis;
  return { name, title: best.detail ? `${title} (${best.detail})` : title, max_abs: best.maxAbs, fix, ...(also.length ? { also } : {}) };
}

const AXES: Record<DiagnosedName, readonly string[]> = { dX: ['n', 'c'], dW: ['c_out', 'c_in'] };

/** The diagnosis of every failing gradient under test; empty when nothing under test failed. */
export function diagnose(request: DiagnosisRequest): Diagnoses {
  const failing = request.failing.filter((g) => request.tested[g]);
  if (failing.length === 0) return {};
  const e = gatherEvidence(request.problem, request.tested);
  const found = candidates(e, failing, request.tolerance);
  const result: Diagnoses = {};
  for (const g of failing) {
    const mask = request.masks?.[g];
    const shape = request.tested[g]!.shape;
    result[g] = {
      match: matchOf(found[g]),
      footprint: mask
        ? footprintOf({ mask, shape, axes: AXES[g], space: g === 'dX' ? 'image' : 'kernel', tested: e.tested[g]!, truth: e.own[g] })
        : null,
    };
  }
  return result;
}
