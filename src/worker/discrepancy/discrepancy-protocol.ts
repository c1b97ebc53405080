// The worker's discrepancy-hunting jobs: checking a gradient under test (ConvGrad's own VJP,
// gradients loaded from files, or an injected bug), the step-size sweep and Taylor test, the
// f32/f64 pair and the directional quick check. Plain data only, as in protocol.ts.
import type { DirectionalCheck } from '../../core/check/directional';
import type { BugName } from '../../core/study/inject';
import type { SweepResult, TaylorResult } from '../../core/study/sweep';
import type { DType, FdMethod, GradientName, GradientSummary, Problem, Tensor, Tolerance, Verdict } from '../../core/problem/types';
import type { NumericalProgress } from '../../core/check/progress';
import type { InputLabels } from '../../core/problem/labels';
import type { CheckSettings } from '../../core/check/types';

/** What is checked against the finite difference. */
export type GradientSubject =
  | { readonly kind: 'own' }
  | { readonly kind: 'files'; readonly dX?: Tensor; readonly dW?: Tensor }
  | { readonly kind: 'bug'; readonly bug: BugName };

export interface BugChoice {
  readonly name: BugName;
  readonly title: string;
  readonly explanation: string;
  readonly errorMap: string;
  readonly acts: 'dX' | 'dW' | 'both';
  /** Why the mistake changes nothing (or cannot be written) for this problem; undefined when it applies. */
  readonly reason?: string;
}

export interface SubjectComparison {
  readonly summary: GradientSummary;
  /** |under test - reference| per element. */
  readonly error: Tensor;
}

export interface SubjectGradientCheck extends SubjectComparison {
  /** 1 where the finite difference crossed a real kink and the element passed (compare.ts passedKinks): painted in the kink colour. */
  readonly kinks: Uint8Array;
  /** The gradient under test against ConvGrad's VJP; only when something other than the VJP is tested. */
  readonly vsOwn?: SubjectComparison;
}

export interface SubjectCheck {
  readonly dtype: DType;
  readonly settings: CheckSettings;
  readonly verdict: Verdict;
  readonly gradients: Partial<Record<GradientName, SubjectGradientCheck>>;
  readonly ms: number;
}

export interface PrecisionPair {
  readonly f64: SubjectCheck;
  readonly f32: SubjectCheck;
}

export interface QuickCheck {
  readonly directions: number;
  readonly seed: number;
  readonly h: number;
  readonly tolerance: Tolerance;
  readonly checks: DirectionalCheck[];
  readonly verdict: Verdict;
  readonly ms: number;
}

export interface SweepSettings {
  readonly method: FdMethod;
  /** The check's step, marked on the curve. */
  readonly h: number;
  readonly hs: readonly number[];
}

export type Progress = (progress: NumericalProgress) => void;

export interface DiscrepancyApi {
  /** The injected-bug menu for this problem, each with why it does not apply where it does not. */
  bugMenu(problem: Problem, labels: InputLabels): Promise<BugChoice[]>;
  /** The full finite-difference check of the subject; null when cancelled. */
  checkSubject(job: number, problem: Problem, labels: InputLabels, subject: GradientSubject, settings: CheckSettings, onProgress: Progress): Promise<SubjectCheck | null>;
  /** The same check in f64 and f32, each with its dtype's default step and tolerance; null when cancelled. */
  checkPrecisions(job: number, problem: Problem, labels: InputLabels, subject: GradientSubject, worst: number, onProgress: Progress): Promise<PrecisionPair | null>;
  /** The error against h, one step at a time; null when cancelled. */
  sweep(job: number, problem: Problem, labels: InputLabels, subject: GradientSubject, settings: SweepSettings, onProgress: Progress): Promise<SweepResult | null>;
  taylor(problem: Problem, labels: InputLabels, subject: GradientSubject, hs: readonly number[], seed: number): Promise<TaylorResult>;
  /** Directional derivatives along seeded random directions (two forward passes each). */
  quickCheck(problem: Problem, labels: InputLabels, subject: GradientSubject, settings: CheckSettings, directions: number, seed: number): Promise<QuickCheck>;
  cancelDiscrepancy(job: number): void;
}

/** The discrepancy worker: the panel's jobs, and reading a gradient under test from a .npy, .csv or .json file. */
export interface DiscrepancyWorkerApi extends DiscrepancyApi {
  loadArray(bytes: ArrayBuffer, fileName: string): Promise<Tensor>;
}
