import { blackBox } from './black-box';
import { stepPoints } from './step';
import { SLOTS, unitRoundoff, writeElement, type FillTarget } from './difference';
import type { NumericalJob, StepSettings } from './numerical';
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
  const { prep, x, taps, bias, second, steps, forward, visit } = blackBox(problem, settings);
  const u = unitRoundoff('f64');
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
    visit(into, yHi, yLo);
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
