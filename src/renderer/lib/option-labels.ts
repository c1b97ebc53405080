// How the menus name the core's choices (core/problem/options.ts): a record per list, so a
// choice added to the core without a label here is a type error, not a missing menu entry.
import type { LOSS_KINDS } from '../../core/problem/options';
import type { Activation, DType, FdMethod, KinkConvention, Op, PaddingMode } from '../../core/problem/types';

export const DTYPE_LABELS: Readonly<Record<DType, string>> = { f64: 'float64', f32: 'float32' };
export const OP_LABELS: Readonly<Record<Op, string>> = { conv: 'convolution (kernel mirrored)', xcorr: 'cross-correlation (PyTorch)' };
export const PADDING_MODE_LABELS: Readonly<Record<PaddingMode, string>> = { zeros: 'zeros', reflect: 'reflect', replicate: 'replicate', circular: 'circular' };
export const ACTIVATION_LABELS: Readonly<Record<Activation, string>> = { identity: 'identity', relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid' };
export const LOSS_KIND_LABELS: Readonly<Record<(typeof LOSS_KINDS)[number], string>> = { linear: 'linear: L = Σ G·Y', l2: 'L2: ½ Σ (f(Y) − T)²' };
export const FD_METHOD_LABELS: Readonly<Record<FdMethod, string>> = { central: 'central', forward: 'forward', backward: 'backward' };
export const KINK_CONVENTION_LABELS: Readonly<Record<KinkConvention, string>> = {
  zero: "relu'(0) = 0 (PyTorch, TF, JAX)",
  one: "relu'(0) = 1",
  any: 'any subgradient in [0, 1]',
};
