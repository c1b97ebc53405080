// The check's vocabulary, apart from check.ts so the modules check.ts uses (diagnosis) can name
// it without importing check.ts back.
import type { Analysis } from '../conv/analyze';
import type { FdMethod, KinkConvention, Problem, Tensor, Tolerance } from '../problem/types';
import type { StepSettings } from './numerical';

export interface CheckOptions {
  /** The whole numerical map, the directional (fast) check, or none. */
  readonly numerical: 'full' | 'fast' | 'none';
  /** Use the black-box full-forward finite difference instead of the local one. */
  readonly reference?: boolean;
  readonly method?: FdMethod;
  /** The finite-difference step; left out, the dtype's default is scaled per gradient and element (StepSettings.auto). */
  readonly h?: number;
  /** Scale h as a base step per gradient and element (StepSettings.auto); default: exactly when h is left out. */
  readonly autoStep?: boolean;
  readonly tolerance?: Tolerance;
  /** How elements whose difference crosses a real kink are judged (default 'zero'). */
  readonly kinkConvention?: KinkConvention;
  /** Gradients computed elsewhere, checked instead of ConvGrad's own VJP. */
  readonly analytic?: GradientsUnderTest;
  readonly directions?: number;
  readonly seed?: number;
  /** How many worst elements each summary keeps. */
  readonly worst?: number;
}

/** The gradients under test where they are not ConvGrad's VJP: from files, a .npz or an injected bug. */
export interface GradientsUnderTest {
  readonly dX?: Tensor;
  readonly dW?: Tensor;
}

/** The gradient triple: dL/dX, dL/dW and (with a bias) dL/db, whoever computed them. */
export interface Gradients {
  readonly dX: Tensor;
  readonly dW: Tensor;
  readonly db?: Tensor;
}

/** What a check knows before any finite difference: its settings, Y, the VJP and what is under test. */
export interface CheckPlan {
  readonly problem: Problem;
  readonly options: CheckOptions;
  readonly settings: StepSettings & { readonly tolerance: Tolerance };
  readonly own: Analysis;
  /** What is checked: the external gradients where given, ConvGrad's VJP elsewhere. */
  readonly analytic: Gradients;
}

/**
 * How the numerical gradient is taken and judged, as the app's main check and the discrepancy
 * panel give it (the pipeline turns it into CheckOptions with checkOptionsOf).
 */
export interface CheckSettings {
  readonly method: FdMethod;
  readonly h: number;
  readonly tolerance: Tolerance;
  /** How many worst elements each summary keeps. */
  readonly worst: number;
  /** h was left to ConvGrad: scaled per gradient and element (StepSettings.auto). */
  readonly autoStep?: boolean;
  /**
   * The tolerance is the dtype's default, not the user's: its atol is scaled to the gradient
   * (compareGradient's scaledAtol), as the CLI does when --atol and --rtol are left out.
   */
  readonly defaultTolerance?: boolean;
  readonly kinkConvention?: KinkConvention;
}
