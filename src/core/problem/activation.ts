import type { Activation } from './types';

/**
 * A point where an activation switches between two smooth branches. Each branch is the formula
 * that holds on its side, extended across the point, so a finite difference can be taken of one
 * branch alone even when its two points lie on either side.
 */
export interface Kink {
  readonly at: number;
  readonly left: (y: number) => number;
  readonly right: (y: number) => number;
  /** The branches' derivatives at the kink (constants for relu). */
  readonly leftSlope: number;
  readonly rightSlope: number;
}

export interface ActivationFn {
  readonly value: (y: number) => number;
  /** The derivative, written in terms of y and a = value(y) as autograd does. */
  readonly slope: (y: number, a: number) => number;
  /** Points where the derivative jumps, with the branches on either side. */
  readonly kinks: readonly Kink[];
  /** Whether value is a polynomial of degree at most 1 on each branch (then l2's terms are at most quadratic). */
  readonly piecewiseLinear: boolean;
  /** |value'| where value(y) = a, for a curved activation (the piecewise linear ones have |value'| <= 1). */
  readonly slopeAt?: (a: number) => number;
}

export const ACTIVATIONS: Record<Activation, ActivationFn> = {
  identity: { value: (y) => y, slope: () => 1, kinks: [], piecewiseLinear: true },
  // PyTorch's relu passes no gradient at exactly 0: the left branch's slope (the 'zero' convention).
  relu: {
    value: (y) => (y > 0 ? y : 0),
    slope: (y) => (y > 0 ? 1 : 0),
    kinks: [{ at: 0, left: () => 0, right: (y) => y, leftSlope: 0, rightSlope: 1 }],
    piecewiseLinear: true,
  },
  tanh: { value: Math.tanh, slope: (_y, a) => 1 - a * a, kinks: [], piecewiseLinear: false, slopeAt: (a) => Math.max(0, 1 - a * a) },
  sigmoid: { value: (y) => 1 / (1 + Math.exp(-y)), slope: (_y, a) => a * (1 - a), kinks: [], piecewiseLinear: false, slopeAt: (a) => Math.max(0, a * (1 - a)) },
};
