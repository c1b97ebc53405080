import { setUp } from '../conv/analyze';
import { forwardPadded } from '../conv/forward';
import { DEFAULT_KINK_CONVENTION } from '../problem/defaults';
import { padInput } from '../problem/pad';
import type { Prepared } from '../problem/problem';
import { float64Twin } from '../problem/twin';
import type { FloatArray, GradientName, Problem } from '../problem/types';
import { createDifferencer, visitOutputs } from './difference';
import { gradientSteps, type StepSettings } from './numerical';

/**
 * What the black-box methods (the reference job, the directional check) difference: the
 * problem's float64 twin with copies of its X, taps and bias to move, a full forward pass of
 * them, and the full map's per-output rule (Differencer) with ReLU's branch read from the
 * dtype's own Y.
 */
export interface BlackBox {
  readonly prep: Prepared;
  readonly x: FloatArray;
  readonly taps: FloatArray;
  readonly bias: FloatArray | undefined;
  /** Whether each value is also differenced at twice its step, to estimate its truncation error. */
  readonly second: boolean;
  readonly steps: Readonly<Record<GradientName, number>>;
  /** Y of the current x, taps and bias. */
  forward(): FloatArray;
  /** Adds every output's change between two forward passes' outputs to `into`. */
  visit(into: Float64Array, yHi: FloatArray, yLo: FloatArray): void;
}

export function blackBox(problem: Problem, settings: StepSettings): BlackBox {
  const own = setUp(problem);
  const { prep, loss } = setUp(float64Twin(problem, own.prep.shapes.y));
  const x = prep.x.slice();
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();
  const forward = () => forwardPadded(prep, padInput(prep, x), taps, bias);
  const y = forward();
  const ownY = problem.dtype === 'f64' ? y : forwardPadded(own.prep, own.xp);
  // Σ |tap · x| (+ |b|) per output: a full forward pass's rounding is relative to it at each step point.
  const abs = (values: FloatArray) => values.map(Math.abs) as FloatArray;
  const size = forwardPadded(prep, padInput(prep, abs(x)), abs(taps), bias && abs(bias));
  const diff = createDifferencer(loss, settings.kinkConvention ?? DEFAULT_KINK_CONVENTION, { get: () => ownY });
  return {
    prep,
    x,
    taps,
    bias,
    second: settings.method !== 'central' || !loss.quadratic,
    steps: gradientSteps(prep, settings),
    forward,
    visit: (into, yHi, yLo) => visitOutputs(diff, into, yHi, yLo, size),
  };
}
