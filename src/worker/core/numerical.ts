import { evaluate } from './analyze';
import { outputAt } from './forward';
import { reachOf } from './geometry';
import { tapOfWeight } from './problem';
import { stepPoints } from './step';
import type { FdMethod, FloatArray, GradientName, Problem } from './types';

export interface StepSettings {
  readonly method: FdMethod;
  readonly h: number;
}

/**
 * A finite-difference gradient computed element by element, in any order and in pieces, so a
 * worker can report progress, yield to a cancel request, or share the elements with others.
 */
export interface NumericalJob {
  /** How many elements each gradient has (db: 0 without a bias). */
  readonly counts: Readonly<Record<GradientName, number>>;
  /** Computes flat elements [start, end) of gradient `name` into out[start..end). */
  fill(name: GradientName, start: number, end: number, out: FloatArray): void;
}

/**
 * The local finite difference: perturbing one value changes only the outputs that read it, so
 * only those are recomputed (from scratch, through the same code as the forward pass) and only
 * their loss terms are differenced. The whole dL/dX map costs O(H W (K L)^2) per channel pair
 * instead of the O((H W)^2 K L) of a full forward pass per perturbation.
 */
export function createNumericalJob(problem: Problem, settings: StepSettings): NumericalJob {
  // xp is this job's own padded copy: perturbed in place and restored after each element.
  const { prep, loss, xp } = evaluate(problem);
  const { n, c, h, w, cout, k, l, dtype } = prep;
  const { rows, cols } = prep.geometry;
  const ho = rows.out;
  const wo = cols.out;
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();
  const acc = new (prep.x.constructor as new (n: number) => FloatArray)(1);
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);

  /** Sum over outputs o of term(o, Y_o at hi) - term(o, Y_o at lo), divided by the actual step. */
  function quotient(v: number, set: (value: number) => void, outputs: (visit: (b: number, co: number, i: number, j: number) => void) => void): number {
    const [hi, lo] = stepPoints(v, settings.method, settings.h, dtype);
    let sum = 0;
    outputs((b, co, i, j) => {
      const o = ((b * cout + co) * ho + i) * wo + j;
      set(hi);
      const yHi = outputAt(prep, xp, taps, bias, acc, b, co, i, j);
      set(lo);
      const yLo = outputAt(prep, xp, taps, bias, acc, b, co, i, j);
      sum += loss.term(o, yHi) - loss.term(o, yLo);
    });
    set(v);
    return sum / (hi - lo);
  }

  function pixel(e: number): number {
    const plane = Math.floor(e / (h * w));
    const a = Math.floor((e % (h * w)) / w);
    const col = e % w;
    const b = Math.floor(plane / c);
    const base = plane * rows.padded * cols.padded;
    const set = (value: number) => {
      for (let r = rowReach.positionStart[a]; r < rowReach.positionStart[a + 1]; r++) {
        const rowAt = base + rowReach.positions[r] * cols.padded;
        for (let s = colReach.positionStart[col]; s < colReach.positionStart[col + 1]; s++) xp[rowAt + colReach.positions[s]] = value;
      }
    };
    return quotient(prep.x[e], set, (visit) => {
      for (let co = 0; co < cout; co++) {
        for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
          for (let s = colReach.outputStart[col]; s < colReach.outputStart[col + 1]; s++) visit(b, co, rowReach.outputs[r], colReach.outputs[s]);
        }
      }
    });
  }

  function everyOutputOf(co: number) {
    return (visit: (b: number, co: number, i: number, j: number) => void) => {
      for (let b = 0; b < n; b++) for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) visit(b, co, i, j);
    };
  }

  function kernelTap(e: number): number {
    const t = tapOfWeight(prep, e);
    return quotient(taps[t], (value) => (taps[t] = value), everyOutputOf(Math.floor(e / (c * k * l))));
  }

  function biasTerm(co: number): number {
    const b = bias as FloatArray;
    return quotient(b[co], (value) => (b[co] = value), everyOutputOf(co));
  }

  return elementwiseJob({ dX: n * c * h * w, dW: cout * c * k * l, db: bias ? cout : 0 }, { dX: pixel, dW: kernelTap, db: biasTerm });
}

export function elementwiseJob(counts: Record<GradientName, number>, element: Record<GradientName, (e: number) => number>): NumericalJob {
  return {
    counts,
    fill(name, start, end, out) {
      for (let e = start; e < end; e++) out[e] = element[name](e);
    },
  };
}
