import { setUp } from '../conv/analyze';
import { forwardPadded } from '../conv/forward';
import { padInput } from '../problem/pad';
import { stepPoints } from './step';
import { straddlesKink } from '../problem/loss';
import type { NumericalJob, StepSettings } from './numerical';
import { tapOfWeight } from '../problem/problem';
import type { FloatArray, GradientName, Problem } from '../problem/types';

/** The quotient for one element and whether any output it moves straddles a kink. */
interface ElementDifference {
  readonly value: number;
  readonly kink: boolean;
}

function elementwiseJob(counts: Record<GradientName, number>, element: Record<GradientName, (e: number) => ElementDifference>): NumericalJob {
  return {
    counts,
    fill(name, start, end, out, kinks) {
      for (let e = start; e < end; e++) {
        const d = element[name](e);
        out[e] = d.value;
        if (kinks) kinks[e] = d.kink ? 1 : 0;
      }
    },
  };
}

/**
 * The seed's black-box method: a full forward pass for every perturbed value. Kept as a
 * reference that shares no locality reasoning with the fast job; only for small inputs.
 */
export function createReferenceJob(problem: Problem, settings: StepSettings): NumericalJob {
  const { prep, loss } = setUp(problem);
  const x = prep.x.slice();
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();

  function quotient(values: FloatArray, at: number): ElementDifference {
    const v = values[at];
    const [hi, lo] = stepPoints(v, settings.method, settings.h, prep.dtype);
    values[at] = hi;
    const yHi = forwardPadded(prep, padInput(prep, x), taps, bias);
    values[at] = lo;
    const yLo = forwardPadded(prep, padInput(prep, x), taps, bias);
    values[at] = v;
    let sum = 0;
    let kink = false;
    for (let o = 0; o < yHi.length; o++) {
      sum += loss.term(o, yHi[o]) - loss.term(o, yLo[o]);
      kink ||= straddlesKink(loss.kinks, yHi[o], yLo[o]);
    }
    return { value: sum / (hi - lo), kink };
  }

  return elementwiseJob(
    { dX: x.length, dW: taps.length, db: bias ? bias.length : 0 },
    {
      dX: (e) => quotient(x, e),
      dW: (e) => quotient(taps, tapOfWeight(prep, e)),
      db: (e) => quotient(bias as FloatArray, e),
    },
  );
}
