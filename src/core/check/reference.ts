import { setUp } from '../conv/analyze';
import { forwardPadded } from '../conv/forward';
import { DEFAULT_KINK_CONVENTION } from '../problem/defaults';
import { padInput } from '../problem/pad';
import { float64Twin } from '../problem/twin';
import { stepPoints } from './step';
import { Differencer, SLOTS, unitRoundoff, visitOutputs, writeElement, type FillTarget } from './difference';
import { gradientSteps, type NumericalJob, type StepSettings } from './numerical';
import { tapOfWeight } from '../problem/problem';
import type { FloatArray, GradientName, Problem } from '../problem/types';

/**
 * The seed's black-box method: a full forward pass for every perturbed value. Kept as a
 * reference that shares no locality reasoning with the fast job; only for small inputs. It
 * differences every output (unmoved ones add nothing) through the same per-output rule as the
 * local job, so the two agree on kinks and error bars too, and starts from the same step
 * (gradientSteps); it does not refine it per element.
 */
export function createReferenceJob(problem: Problem, settings: StepSettings): NumericalJob {
  const own = setUp(problem);
  const { prep, loss } = setUp(float64Twin(problem, own.prep.shapes.y));
  const x = prep.x.slice();
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();
  const forward = () => forwardPadded(prep, padInput(prep, x), taps, bias);
  const y = forward();
  // Σ |tap · x| (+ |b|) per output: a full forward pass's rounding is relative to it at each step point.
  const abs = (values: FloatArray) => values.map(Math.abs) as FloatArray;
  const size = forwardPadded(prep, padInput(prep, abs(x)), abs(taps), bias && abs(bias));
  const ownY = problem.dtype === 'f64' ? y : forwardPadded(own.prep, own.xp);
  const diff = new Differencer(loss, settings.kinkConvention ?? DEFAULT_KINK_CONVENTION, { get: () => ownY });
  const second = settings.method !== 'central' || !loss.quadratic;
  const u = unitRoundoff('f64');
  const steps = gradientSteps(prep, settings);
  const acc = new Float64Array(SLOTS);
  const acc2 = new Float64Array(SLOTS);

  /** Adds every output's change between the two step points of values[at] to `into`; returns their distance. */
  function differenced(values: FloatArray, at: number, h: number, into: Float64Array): number {
    const v = values[at];
    const [hi, lo] = stepPoints(v, settings.method, h);
    values[at] = hi;
    const yHi = forward();
    values[at] = lo;
    const yLo = forward();
    values[at] = v;
    into.fill(0);
    visitOutputs(diff, into, yHi, yLo, size);
    return hi - lo;
  }

  function element(values: FloatArray, at: number, e: number, h: number, target: FillTarget): void {
    const span = differenced(values, at, h, acc);
    const span2 = second ? differenced(values, at, 2 * h, acc2) : 0;
    writeElement(target, e, u, settings.method, acc, 0, span, second ? acc2 : undefined, span2);
  }

  const slots: Record<GradientName, { values: FloatArray; slot: (e: number) => number }> = {
    dX: { values: x, slot: (e) => e },
    dW: { values: taps, slot: (e) => tapOfWeight(prep, e) },
    db: { values: bias ?? new Float64Array(0), slot: (e) => e },
  };
  return {
    counts: { dX: x.length, dW: taps.length, db: bias ? bias.length : 0 },
    steps,
    fill(name, start, end, target) {
      const { values, slot } = slots[name];
      for (let e = start; e < end; e++) element(values, slot(e), e, steps[name], target);
    },
    // Y and its magnitudes are computed above, when the job is made.
    computeOutputs() {},
  };
}
