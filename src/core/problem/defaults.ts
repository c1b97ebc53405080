import type { ConvOptions, DType, KinkConvention, Tolerance } from './types';

/** The seed's conventions: true convolution, padding after the image only, zeros. */
export const DEFAULT_CONV: ConvOptions = {
  op: 'conv',
  padding: 'seed',
  paddingMode: 'zeros',
  stride: [1, 1],
  dilation: [1, 1],
};

/** At ReLU's kink, the branch relu'(0) = 0 selects: PyTorch's, TensorFlow's and JAX's convention (docs/NUMERICS.md). */
export const DEFAULT_KINK_CONVENTION: KinkConvention = 'zero';

/** torch.autograd.gradcheck's defaults. */
export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-5, rtol: 1e-3 };

/**
 * float32 carries ~7 digits, so a central difference with h = 1e-3 keeps both the truncation
 * error (~h^2) and the round-off (~eps32 * |L| / h) near 1e-4 relative; the f64 defaults
 * would flag that round-off as failure.
 */
const F32_TOLERANCE: Tolerance = { atol: 1e-2, rtol: 1e-2 };

export function defaultTolerance(dtype: DType): Tolerance {
  return dtype === 'f32' ? F32_TOLERANCE : DEFAULT_TOLERANCE;
}

/**
 * Whether a tolerance from the app's fields (or a session they wrote) is the dtype's default: it
 * is then judged as a tolerance not given, its atol scaled to each gradient (compareGradient).
 */
export function isDefaultTolerance(tolerance: Tolerance, dtype: DType): boolean {
  const given = defaultTolerance(dtype);
  return tolerance.atol === given.atol && tolerance.rtol === given.rtol;
}

/**
 * The step of an order-1 value. The central difference balances truncation (~h^2) against
 * round-off (~eps/h), optimal near cbrt(eps) = 6e-6 in float64, the arithmetic of every
 * numerical job whatever the problem's dtype (float64Twin); 1e-6 sits just below it.
 */
export const DEFAULT_STEP = 1e-6;
