import { setUp } from './analyze';
import { correlateChannel, outputAt } from './correlate';
import { excludedRows, excludedSums, windowOffsets, windowOrigin, type ExcludedRows } from './excluded-sums';
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
 * Excluded-sum rows are kept for one input row's reach in every output channel; above this many
 * values (32 MB in float64) the pixels are evaluated from scratch instead.
 */
const ROW_CACHE_LIMIT = 1 << 22;

/**
 * The local finite difference. Perturbing one value changes only the outputs that read it, so
 * only those are evaluated again and only their loss terms are differenced: the whole dL/dX map
 * costs O(H W (K L)^2) per channel pair at most instead of the O((H W)^2 K L) of a full forward
 * pass per perturbation.
 *
 * Each affected output is evaluated at both step points as a sum over all its taps: the sum of
 * the taps that do not read the perturbed value (the same at both points), plus the perturbed
 * tap at each point. No derivative and no linearity is assumed, so a wrong VJP cannot hide in a
 * shared formula. The sums of the other taps come from excluded-sums.ts, which gets them for
 * every tap of an output at once; a pixel that padding copies into more than one position
 * (reflect, replicate, circular borders) can be read by several taps of one output, so its
 * outputs are evaluated from scratch with the pixel zeroed.
 */
export function createNumericalJob(problem: Problem, settings: StepSettings): NumericalJob {
  // xp and taps are this job's own copies: a pixel evaluated from scratch is zeroed in place and restored.
  const { prep, loss, xp } = setUp(problem);
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
  const shape = forwardShape(prep);
  const terms = c * k * l;
  const offsets = windowOffsets(shape);
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);
  const kinked = loss.kinks.length > 0;
  const f32 = shape.f32;
  const rowSpan = Math.floor(((k - 1) * rows.dilation) / rows.stride) + 1;
  const cached = cout * rowSpan * wo * terms <= ROW_CACHE_LIMIT ? excludedRows(shape, xp, taps, bias, rowSpan) : undefined;

  /** Output o moved to rest + tap*hi and rest + tap*lo: its change of loss, and whether it straddles a kink. */
  let kink = false;
  function termChange(o: number, rest: number, tap: number, hi: number, lo: number): number {
    const yHi = f32 ? Math.fround(rest + tap * hi) : rest + tap * hi;
    const yLo = f32 ? Math.fround(rest + tap * lo) : rest + tap * lo;
    if (kinked && !kink) kink = straddlesKink(loss.kinks, yHi, yLo);
    return loss.term(o, yHi) - loss.term(o, yLo);
  }

  /** Pixel e held in one padded position (row pr, column pc): each output it reaches reads it through one tap. */
  function pixelFromRows(rowsHeld: ExcludedRows, e: number, b: number, ci: number, a: number, col: number, pr: number, pc: number): number {
    const [hi, lo] = stepPoints(prep.x[e], settings.method, settings.h, dtype);
    const { values } = rowsHeld;
    let sum = 0;
    for (let co = 0; co < cout; co++) {
      for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
        const i = rowReach.outputs[r];
        const rowAt = rowsHeld.row(b, co, i);
        const tapRow = (ci * k + (pr - i * rows.stride) / rows.dilation) * l;
        const outRow = ((b * cout + co) * ho + i) * wo;
        for (let s = colReach.outputStart[col]; s < colReach.outputStart[col + 1]; s++) {
          const j = colReach.outputs[s];
          const t = tapRow + (pc - j * cols.stride) / cols.dilation;
          sum += termChange(outRow + j, values[rowAt + j * terms + t], taps[co * terms + t], hi, lo);
        }
      }
    }
    return sum / (hi - lo);
  }

  /** Any pixel: every output it reaches is evaluated from scratch with the pixel zeroed in all its positions. */
  function pixelFromScratch(e: number, b: number, ci: number, a: number, col: number): number {
    const base = (b * c + ci) * planeSize;
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
          if (kinked && !kink) kink = straddlesKink(loss.kinks, hiAcc[0], loAcc[0]);
          sum += loss.term(o, hiAcc[0]) - loss.term(o, loAcc[0]);
        }
      }
    }
    setPixel(v);
    return sum / (hi - lo);
  }

  function fillPixels(start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
    for (let e = start; e < end; e++) {
      const plane = Math.floor(e / (h * w));
      const a = Math.floor((e % (h * w)) / w);
      const col = e % w;
      const b = Math.floor(plane / c);
      const ci = plane % c;
      const onePosition = rowReach.positionStart[a + 1] - rowReach.positionStart[a] === 1 && colReach.positionStart[col + 1] - colReach.positionStart[col] === 1;
      kink = false;
      out[e] =
        cached && onePosition
          ? pixelFromRows(cached, e, b, ci, a, col, rowReach.positions[rowReach.positionStart[a]], colReach.positions[colReach.positionStart[col]])
          : pixelFromScratch(e, b, ci, a, col);
      if (kinks) kinks[e] = kink ? 1 : 0;
    }
  }

  /**
   * Kernel elements [start, end): one pass over the outputs of each output channel involved
   * serves all of its taps in the range, each output giving every tap its sum of the other terms.
   */
  function fillTaps(start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
    const suffix = new Float64Array(terms + 1);
    const rest = new Float(terms);
    for (let co = Math.floor(start / terms); co * terms < end; co++) {
      const first = Math.max(start, co * terms);
      const last = Math.min(end, (co + 1) * terms);
      // Element e is tap tapOfWeight(e) of channel co; the mirror of 'conv' keeps it in the same plane.
      const tapOf = Int32Array.from({ length: last - first }, (_, d) => tapOfWeight(prep, first + d) - co * terms);
      let from = terms;
      let to = 0;
      for (const t of tapOf) {
        from = Math.min(from, t);
        to = Math.max(to, t + 1);
      }
      const wanted = new Uint8Array(terms);
      for (const t of tapOf) wanted[t] = 1;
      const his = new Float64Array(terms);
      const los = new Float64Array(terms);
      for (let t = from; t < to; t++) [his[t], los[t]] = stepPoints(taps[co * terms + t], settings.method, settings.h, dtype);
      const sums = new Float64Array(terms);
      const straddles = new Uint8Array(terms);
      const startValue = bias ? bias[co] : 0;
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < ho; i++) {
          for (let j = 0; j < wo; j++) {
            const o = ((b * cout + co) * ho + i) * wo + j;
            const origin = windowOrigin(shape, b, i, j);
            excludedSums(xp, taps, co * terms, offsets, origin, startValue, from, to, shape.f32, suffix, rest, 0);
            for (let t = from; t < to; t++) {
              if (wanted[t] === 0) continue;
              kink = straddles[t] === 1;
              sums[t] += termChange(o, rest[t - from], xp[origin + offsets[t]], his[t], los[t]);
              straddles[t] = kink ? 1 : 0;
            }
          }
        }
      }
      tapOf.forEach((t, d) => {
        out[first + d] = sums[t] / (his[t] - los[t]);
        if (kinks) kinks[first + d] = straddles[t];
      });
    }
  }

  /** Bias co: every output of its channel moves, from the sum of all its taps. */
  function fillBias(start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
    const rest = new Float(n * cout * ho * wo);
    for (let co = start; co < end; co++) {
      correlateChannel(shape, xp, taps, undefined, co, rest);
      const [hi, lo] = stepPoints((bias as FloatArray)[co], settings.method, settings.h, dtype);
      kink = false;
      let sum = 0;
      for (let b = 0; b < n; b++) {
        for (let o = (b * cout + co) * ho * wo; o < (b * cout + co + 1) * ho * wo; o++) sum += termChange(o, rest[o], 1, hi, lo);
      }
      out[co] = sum / (hi - lo);
      if (kinks) kinks[co] = kink ? 1 : 0;
    }
  }

  const fills = { dX: fillPixels, dW: fillTaps, db: fillBias };
  return {
    counts: { dX: n * c * h * w, dW: cout * terms, db: bias ? cout : 0 },
    fill: (name, start, end, out, kinks) => fills[name](start, end, out, kinks),
  };
}
