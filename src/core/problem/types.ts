// The vocabulary shared by the numeric core, the worker, the CLI and the UI.
// Everything here is plain data so it crosses worker and process boundaries unchanged.

export type DType = 'f64' | 'f32';
export type FloatArray = Float64Array | Float32Array;

/** A dense row-major array. `data.length` equals the product of `shape`. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

export type Op = 'conv' | 'xcorr';
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
/** Named padding sizes, or explicit [top, bottom, left, right]. */
export type PaddingSize = 'seed' | 'valid' | 'full' | 'same' | readonly [number, number, number, number];

export interface ConvOptions {
  readonly op: Op;
  readonly padding: PaddingSize;
  readonly paddingMode: PaddingMode;
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
}

export type Activation = 'identity' | 'relu' | 'tanh' | 'sigmoid';

/** The upstream gradient G = dL/dY of the linear loss L = sum(G * Y). */
export type GradSpec =
  | { readonly kind: 'ones' }
  | { readonly kind: 'random'; readonly seed: number }
  | { readonly kind: 'array'; readonly value: Tensor };

export type TargetSpec = { readonly kind: 'zeros' } | { readonly kind: 'array'; readonly value: Tensor };

export type LossSpec =
  | { readonly kind: 'linear'; readonly grad: GradSpec }
  | { readonly kind: 'l2'; readonly activation: Activation; readonly target: TargetSpec };

export type FdMethod = 'central' | 'forward' | 'backward';

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
}

export type GradientName = 'dX' | 'dW' | 'db';

export interface WorstElement {
  /** Full index into the gradient's array (same rank as the array). */
  readonly index: number[];
  readonly analytic: number;
  readonly numerical: number;
  readonly abs: number;
  readonly rel: number;
}

/** Comparison of one analytic gradient with its numerical counterpart. Field names are report.json's. */
export interface GradientSummary {
  readonly pass: boolean;
  readonly max_abs: number;
  readonly max_rel: number;
  readonly rms: number;
  /** Elements outside |a-n| <= atol + rtol*|n|, non-finite ones included. */
  readonly failing: number;
  readonly count: number;
  /** Elements where either value is NaN or +-Inf. */
  readonly nonfinite: number;
  /**
   * Elements whose finite difference straddles a kink of the activation (ReLU at 0): neither
   * side's derivative is measured there, so they are shown as kinks and not counted as failing.
   */
  readonly kinks: number;
  readonly worst: WorstElement[];
}
