import { evaluate } from './analyze';
import { correlateChannel, outputAt } from './correlate';
import { forwardShape } from './forward';
import { reachOf } from './geometry';
import { straddlesKink } from './loss';
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
  /**
   * Computes flat elements [start, end) of gradient `name` into out[start..end), and where
   * `kinks` is given, sets kinks[e] to 1 for elements whose difference straddles a kink.
   */
  fill(name: GradientName, start: number, end: number, out: FloatArray, kinks?: Uint8Array): void;
}

/** The quotient for one element and whether any output it moves straddles a kink. */
export interface ElementDifference {
  readonly value: number;
  readonly kink: boolean;
}

export function elementwiseJob(counts: Record<GradientName, number>, element: Record<GradientName, (e: number) => ElementDifference>): NumericalJob {
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
 * The local finite difference. Perturbing one value changes only the outputs that read it, so
 * only those are evaluated again and only their loss terms are differenced: the whole dL/dX map
 * costs O(H W (K L)^2) per channel pair instead of the O((H W)^2 K L) of a full forward pass per
 * perturbation.
 *
 * Each affected output is evaluated at both step points from scratch, as a sum over all its taps;
 * the only work shared between the two points is the partial sum over the taps that do not read
 * the perturbed value, which is the same at both. No derivative and no linearity is assumed, so
 * a wrong VJP cannot hide in a shared formula.
 */
export function createNumericalJob(problem: Problem, settings: StepSettings): NumericalJob {
  // xp, taps and bias are this job's own copies: perturbed in place and restored after each element.
  const { prep, loss, xp } = evaluate(problem);
  const { n, c, h, w, cout, k, l, dtype } = prep;
  const { rows, cols } = prep.geometry;
  const ho = rows.out;
  const wo = cols.out;
  const wp = cols.padded;
  const planeSize = rows.padded * wp;
  const taps = prep.taps.slice();
  const bias = prep.bias?.slice();
  const Float = prep.x.constructor as new (n: number) => FloatArray;
  // One-element accumulators of the working dtype round every addition as f32 does.
  const hiAcc = new Float(1);
  const loAcc = new Float(1);
  const rest = new Float(n * cout * ho * wo);
  const shape = forwardShape(prep);
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);

  function pixel(e: number): ElementDifference {
    const plane = Math.floor(e / (h * w));
    const a = Math.floor((e % (h * w)) / w);
    const col = e % w;
    const b = Math.floor(plane / c);
    const ci = plane % c;
    const base = plane * planeSize;
    const p0 = rowReach.positionStart[a];
    const p1 = rowReach.positionStart[a + 1];
    const q0 = colReach.positionStart[col];
    const q1 = colReach.positionStart[col + 1];
    const setPixel = (value: number) => {
      for (let r = p0; r < p1; r++) {
        const at = base + rowReach.positions[r] * wp;
        for (let s = q0; s < q1; s++) xp[at + colReach.positions[s]] = value;
      }
    };
    const v = prep.x[e];
    const [hi, lo] = stepPoints(v, settings.method, settings.h, dtype);
    setPixel(0);
    let sum = 0;
    let kink = false;
    for (let co = 0; co < cout; co++) {
      for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
        const i = rowReach.outputs[r];
        for (let s = colReach.outputStart[col]; s < colReach.outputStart[col + 1]; s++) {
          const j = colReach.outputs[s];
          hiAcc[0] = outputAt(shape, xp, taps, bias, b, co, i, j);
          loAcc[0] = hiAcc[0];
          // The taps of this output that read the perturbed pixel (several with reflect/circular padding).
          for (let pr = p0; pr < p1; pr++) {
            const dr = rowReach.positions[pr] - i * rows.stride;
            if (dr < 0 || dr % rows.dilation !== 0 || dr / rows.dilation >= k) continue;
            const tapRow = ((co * c + ci) * k + dr / rows.dilation) * l;
            for (let qs = q0; qs < q1; qs++) {
              const dc = colReach.positions[qs] - j * cols.stride;
              if (dc < 0 || dc % cols.dilation !== 0 || dc / cols.dilation >= l) continue;
              const t = taps[tapRow + dc / cols.dilation];
              hiAcc[0] += t * hi;
              loAcc[0] += t * lo;
            }
          }
          const o = ((b * cout + co) * ho + i) * wo + j;
          sum += loss.term(o, hiAcc[0]) - loss.term(o, loAcc[0]);
          kink ||= straddlesKink(loss.kinks, hiAcc[0], loAcc[0]);
        }
      }
    }
    setPixel(v);
    return { value: sum / (hi - lo), kink };
  }

  /** Sum over every output of channel co of term(rest + hi * read) - term(rest + lo * read). */
  function channelQuotient(co: number, v: number, read: (b: number, i: number, j: number) => number): ElementDifference {
    const [hi, lo] = stepPoints(v, settings.method, settings.h, dtype);
    let sum = 0;
    let kink = false;
    for (let b = 0; b < n; b++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++) {
          const o = ((b * cout + co) * ho + i) * wo + j;
          const x = read(b, i, j);
          hiAcc[0] = rest[o];
          hiAcc[0] += hi * x;
          loAcc[0] = rest[o];
          loAcc[0] += lo * x;
          sum += loss.term(o, hiAcc[0]) - loss.term(o, loAcc[0]);
          kink ||= straddlesKink(loss.kinks, hiAcc[0], loAcc[0]);
        }
      }
    }
    return { value: sum / (hi - lo), kink };
  }

  function kernelTap(e: number): ElementDifference {
    const t = tapOfWeight(prep, e);
    const co = Math.floor(t / (c * k * l));
    const ci = Math.floor(t / (k * l)) % c;
    const kk = Math.floor(t / l) % k;
    const ll = t % l;
    const v = taps[t];
    taps[t] = 0;
    correlateChannel(shape, xp, taps, bias, co, rest);
    taps[t] = v;
    const offset = kk * rows.dilation * wp + ll * cols.dilation;
    return channelQuotient(co, v, (b, i, j) => xp[(b * c + ci) * planeSize + i * rows.stride * wp + j * cols.stride + offset]);
  }

  function biasTerm(co: number): ElementDifference {
    correlateChannel(shape, xp, taps, undefined, co, rest);
    return channelQuotient(co, (bias as FloatArray)[co], () => 1);
  }

  return elementwiseJob({ dX: n * c * h * w, dW: cout * c * k * l, db: bias ? cout : 0 }, { dX: pixel, dW: kernelTap, db: biasTerm });
}
