import type { ConvOptions, DType, Tolerance } from './types';

/** The seed's conventions: true convolution, padding after the image only, zeros. */
export const DEFAULT_CONV: ConvOptions = {
  op: 'conv',
  padding: 'seed',
  paddingMode: 'zeros',
  stride: [1, 1],
  dilation: [1, 1],
};

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
 * The central difference balances truncation (~h^2) against round-off (~eps/h): the optimum is
 * near cbrt(eps), 6e-6 for float64 and 5e-3 for float32. 1e-6 and 1e-3 sit just below it.
 */
export function defaultStep(dtype: DType): number {
  return dtype === 'f32' ? 1e-3 : 1e-6;
}
