// The vocabulary shared by the numeric core, the worker, the CLI and the UI.
// Everything here is plain data so it crosses worker and process boundaries unchanged.
import type { ACTIVATIONS, DTYPES, FD_METHODS, KINK_CONVENTIONS, OPS, PADDING_MODES } from './options';

export { KINK_CONVENTIONS } from './options';

export type DType = (typeof DTYPES)[number];
export type FloatArray = Float64Array | Float32Array;

/** A dense row-major array. `data.length` equals the product of `shape`. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

export type Op = (typeof OPS)[number];
export type PaddingMode = (typeof PADDING_MODES)[number];
/** Named padding sizes, or explicit [top, bottom, left, right]. */
export type PaddingSize = 'seed' | 'valid' | 'full' | 'same' | readonly [number, number, number, number];

export interface ConvOptions {
  readonly op: Op;
  readonly padding: PaddingSize;
  readonly paddingMode: PaddingMode;
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
}

export type Activation = (typeof ACTIVATIONS)[number];

/** The upstream gradient G = dL/dY of the linear loss L = sum(G * Y). */
export type GradSpec =
  | { readonly kind: 'ones' }
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'array'; readonly value: Tensor };

export type TargetSpec = { readonly kind: 'zeros' } | { readonly kind: 'array'; readonly value: Tensor };

export type LossSpec =
  | { readonly kind: 'linear'; readonly grad: GradSpec }
  | { readonly kind: 'l2'; readonly activation: Activation; readonly target: TargetSpec };

export type FdMethod = (typeof FD_METHODS)[number];

/**
 * How an element whose finite difference crosses a real kink (ReLU at 0 with a target there) is
 * judged: with the branch relu'(0) = 0 selects (`zero`, PyTorch's, TensorFlow's and JAX's), the
 * branch relu'(0) = 1 selects (`one`), or `any` value between the two (every subgradient).
 */
export type KinkConvention = (typeof KINK_CONVENTIONS)[number];

/** pass, fail, inconclusive (some element could not be judged), or not checked (no numerical gradient). */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'not checked';

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** What to convolve and how to score it. X is (H,W), (C,H,W) or (N,C,H,W); W is (K,L) or (Cout,Cin,K,L). */
export interface Problem {
  readonly x: Tensor;
  readonly w: Tensor;
  readonly bias?: Tensor;
  readonly conv: ConvOptions;
  readonly loss: LossSpec;
  readonly dtype: DType;
  /** The element budget of every array and derived buffer (src/core/problem/budget.ts); the default when absent. */
  readonly maxElements?: number;
}

export type GradientName = 'dX' | 'dW' | 'db';

export interface WorstElement {
  /** Full index into the gradient's array (same rank as the array). */
  readonly index: number[];
  readonly analytic: number;
  readonly numerical: number;
  readonly abs: number;
  readonly rel: number;
  /** The numerical value's calibrated error bar (round-off and truncation). */
  readonly errbar: number;
  /** Under the `any` convention, half the width of the element's kink interval (0 elsewhere). */
  readonly spread: number;
  /** 'pass' | 'fail' | 'inconclusive'. */
  readonly judged: ElementVerdict;
}

export type ElementVerdict = 'pass' | 'fail' | 'inconclusive';

/** Comparison of one analytic gradient with its numerical counterpart. Field names are report.json's. */
export interface GradientSummary {
  /** fail if any element fails; else inconclusive if any element could not be judged; else pass. */
  readonly verdict: ElementVerdict;
  /** verdict === 'pass'. */
  readonly pass: boolean;
  /** The tolerance the elements were judged with: |a - n| <= atol + rtol*|n| + errbar (+ kink interval). */
  readonly atol: number;
  readonly rtol: number;
  readonly max_abs: number;
  /** Largest |a-n| / max(|a|,|n|) over the elements where max(|a|,|n|) exceeds rel_floor. */
  readonly max_rel: number;
  /** The magnitude below which an element's relative error is not meaningful (left out of max_rel). */
  readonly rel_floor: number;
  /** How many elements max_rel was taken over (0: no element is above rel_floor, max_rel is 0 and means nothing). */
  readonly rel_count: number;
  readonly rms: number;
  /** Elements judged failing, non-finite analytic values included. */
  readonly failing: number;
  /** Elements that could not be judged (error bar or kink interval too wide, or a non-finite numerical value). */
  readonly inconclusive: number;
  readonly count: number;
  /** Elements where either value is NaN or +-Inf. */
  readonly nonfinite: number;
  /** Elements whose finite difference crossed a real kink (judged by the convention, or by interval under `any`). */
  readonly kinked: number;
  /** Elements judged by their kink interval (the `any` convention). */
  readonly interval: number;
  /** Largest error bar, and the scale of the gradient (largest finite |numerical|) the inconclusive threshold is relative to. */
  readonly max_errbar: number;
  readonly scale: number;
  readonly worst: WorstElement[];
}
