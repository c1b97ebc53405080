import type { Activation } from './types';

export interface ActivationFn {
  readonly value: (y: number) => number;
  /** The derivative, written in terms of y and a = value(y) as autograd does. */
  readonly slope: (y: number, a: number) => number;
  /** Points where the derivative jumps; a finite difference across one measures neither side. */
  readonly kinks: readonly number[];
}

export const ACTIVATIONS: Record<Activation, ActivationFn> = {
  identity: { value: (y) => y, slope: () => 1, kinks: [] },
  // PyTorch's relu passes no gradient at exactly 0.
  relu: { value: (y) => (y > 0 ? y : 0), slope: (y) => (y > 0 ? 1 : 0), kinks: [0] },
  tanh: { value: Math.tanh, slope: (_y, a) => 1 - a * a, kinks: [] },
  sigmoid: { value: (y) => 1 / (1 + Math.exp(-y)), slope: (_y, a) => a * (1 - a), kinks: [] },
};
