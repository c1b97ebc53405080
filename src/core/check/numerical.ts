import { setUp } from '../conv/analyze';
import { correlateChannel, type CorrelationShape } from '../conv/correlate';
import { ExcludedRows, windowOffsets, windowOrigin } from './excluded-sums';
import { forwardPadded, forwardShape } from '../conv/forward';
import { reachOf, type Axis, type Reach } from '../problem/geometry';
import { straddlesKink, type Loss } from '../problem/loss';
import { tapOfWeight, type Prepared } from '../problem/problem';
import { stepPoints } from './step';
import type { FdMethod, FloatArray, GradientName, Problem } from '../problem/types';

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

/**
 * Excluded-sum rows are kept for one input row's reach in every output channel; above this many
 * values (32 MB in float64) every pixel takes the path from the outputs' values instead.
 */
const ROW_CACHE_LIMIT = 1 << 22;

/** Output rows dL/dW runs all its taps over before the next: about 0.5 MB of Y, dL/dY and input at 2048 wide. */
const TAP_BAND_ROWS = 8;

/**
 * Everything a job's loops read, built once per job. The loops are module-level functions of
 * it rather than closures of the job: V8 specialises a closure's code on the values it closes
 * over, so each new job (the app starts one per run, per helper) would otherwise run its hot
 * loops unspecialised, with no inlining of the calls in them: measured 1.5 to 3 times slower.
 */
interface JobContext {
  readonly prep: Prepared;
  readonly settings: StepSettings;
  readonly loss: Loss;
  /** The padded input; it and the taps are only read (the step points are added to sums, never written back). */
  readonly xp: FloatArray;
  readonly taps: FloatArray;
  readonly bias: FloatArray | undefined;
  readonly shape: CorrelationShape;
  readonly terms: number;
  readonly offsets: Int32Array;
  readonly rowReach: Reach;
  readonly colReach: Reach;
  readonly rowTaps: Int32Array;
  readonly colTaps: Int32Array;
  readonly rows: ExcludedRows | undefined;
  readonly outputs: ForwardOutputs;
}

/**
 * Y, computed the first time it is needed. A class, not a closure made per job: a call to a new
 * closure in an optimised loop deoptimises it ("wrong call target"), and dL/dW ran 2× slower
 * from the second job on.
 */
class ForwardOutputs {
  #y: FloatArray | undefined;

  constructor(
    readonly prep: Prepared,
    readonly xp: FloatArray,
  ) {}

  get(): FloatArray {
    return (this.#y ??= forwardPadded(this.prep, this.xp));
  }
}

/**
 * For each entry r of a reach (input a, output outputs[r]), the kernel index through which that
 * output reads input a's first padded position: the only one when a has one position. Kept as a
 * table so the loops over reached outputs do no division.
 */
function firstPositionTaps(axis: Axis, reach: Reach): Int32Array {
  const taps = new Int32Array(reach.outputs.length);
  for (let a = 0; a < axis.size; a++) {
    const p = reach.positions[reach.positionStart[a]];
    for (let r = reach.outputStart[a]; r < reach.outputStart[a + 1]; r++) taps[r] = (p - reach.outputs[r] * axis.stride) / axis.dilation;
  }
  return taps;
}

/** An output whose other terms sum to `rest`, with `tap` times `point` added, in the working precision. */
function stepped(rest: number, tap: number, point: number, f32: boolean): number {
  return f32 ? Math.fround(rest + tap * point) : rest + tap * point;
}

/** Whether input pixel (a, col) of a plane sits at one padded position only (padding copies none of it). */
function onePosition(ctx: JobContext, a: number, col: number): boolean {
  const { rowReach, colReach } = ctx;
  return rowReach.positionStart[a + 1] - rowReach.positionStart[a] === 1 && colReach.positionStart[col + 1] - colReach.positionStart[col] === 1;
}

/** Pixel e held in one padded position: each output it reaches reads it through one tap. */
function pixelFromRows(ctx: JobContext, rowsHeld: ExcludedRows, e: number, b: number, ci: number, a: number, col: number, out: FloatArray, kinks?: Uint8Array): void {
  const { prep, taps, loss, rowReach, colReach, rowTaps, colTaps, terms } = ctx;
  const { cout, k, l } = prep;
  const { f32, ho, wo } = ctx.shape;
  const values = rowsHeld.values;
  const kinked = ctx.loss.kinks.length > 0;
  const [hi, lo] = stepPoints(prep.x[e], ctx.settings.method, ctx.settings.h, prep.dtype);
  const s0 = colReach.outputStart[col];
  const s1 = colReach.outputStart[col + 1];
  let sum = 0;
  let kink = false;
  for (let co = 0; co < cout; co++) {
    for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
      const i = rowReach.outputs[r];
      const rowAt = rowsHeld.row(b, co, i);
      const tapRow = (ci * k + rowTaps[r]) * l;
      const outRow = ((b * cout + co) * ho + i) * wo;
      for (let s = s0; s < s1; s++) {
        const j = colReach.outputs[s];
        const t = tapRow + colTaps[s];
        const rest = values[rowAt + j * terms + t];
        const tap = taps[co * terms + t];
        const yHi = stepped(rest, tap, hi, f32);
        const yLo = stepped(rest, tap, lo, f32);
        sum += loss.term(outRow + j, yHi) - loss.term(outRow + j, yLo);
        if (kinked && !kink) kink = straddlesKink(ctx.loss.kinks, yHi, yLo);
      }
    }
  }
  out[e] = sum / (hi - lo);
  if (kinks) kinks[e] = kink ? 1 : 0;
}

/**
 * Any pixel: each output it reaches is its forward value with the terms that read the pixel
 * taken out (one, or several where padding copies the pixel), then those terms added back at
 * each step point. The subtraction costs no accuracy that matters: the value taken out is the
 * same at both points, so its round-off shifts where the loss is differenced by a few ulps of
 * the output and never enters the difference itself. This is the path for pixels the ring of
 * excluded sums cannot serve: copies made by padding, and kernels too large for the ring.
 */
function pixelFromOutputs(ctx: JobContext, y: FloatArray, e: number, b: number, ci: number, a: number, col: number, out: FloatArray, kinks?: Uint8Array): void {
  const { prep, taps, shape, loss, rowReach, colReach, rowTaps, colTaps } = ctx;
  const { c, cout, k, l } = prep;
  const { f32, ho, wo } = shape;
  const v = prep.x[e];
  const [hi, lo] = stepPoints(v, ctx.settings.method, ctx.settings.h, prep.dtype);
  const single = onePosition(ctx, a, col);
  const reading: number[] = [];
  let sum = 0;
  let kink = false;
  for (let co = 0; co < cout; co++) {
    for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
      const i = rowReach.outputs[r];
      for (let s = colReach.outputStart[col]; s < colReach.outputStart[col + 1]; s++) {
        const j = colReach.outputs[s];
        const o = ((b * cout + co) * ho + i) * wo + j;
        let yHi: number;
        let yLo: number;
        if (single) {
          const tap = taps[((co * c + ci) * k + rowTaps[r]) * l + colTaps[s]];
          const rest = stepped(y[o], -tap, v, f32);
          yHi = stepped(rest, tap, hi, f32);
          yLo = stepped(rest, tap, lo, f32);
        } else {
          tapsReadingPixel(ctx, co, ci, a, col, i, j, reading);
          let rest = y[o];
          for (const tap of reading) rest = stepped(rest, -tap, v, f32);
          yHi = rest;
          yLo = rest;
          for (const tap of reading) {
            yHi = stepped(yHi, tap, hi, f32);
            yLo = stepped(yLo, tap, lo, f32);
          }
        }
        sum += loss.term(o, yHi) - loss.term(o, yLo);
        if (!kink) kink = straddlesKink(ctx.loss.kinks, yHi, yLo);
      }
    }
  }
  out[e] = sum / (hi - lo);
  if (kinks) kinks[e] = kink ? 1 : 0;
}

/** The taps of output (co, i, j) that read pixel (ci, a, col) of a plane, into `reading`: one per padded position of the pixel in the output's window. */
function tapsReadingPixel(ctx: JobContext, co: number, ci: number, a: number, col: number, i: number, j: number, reading: number[]): void {
  const { prep, taps, shape, rowReach, colReach } = ctx;
  const { c, k, l } = prep;
  const { sh, sw, dh, dw } = shape;
  reading.length = 0;
  for (let pr = rowReach.positionStart[a]; pr < rowReach.positionStart[a + 1]; pr++) {
    const dr = rowReach.positions[pr] - i * sh;
    if (dr < 0 || dr % dh !== 0 || dr / dh >= k) continue;
    const tapRow = ((co * c + ci) * k + dr / dh) * l;
    for (let qs = colReach.positionStart[col]; qs < colReach.positionStart[col + 1]; qs++) {
      const dc = colReach.positions[qs] - j * sw;
      if (dc >= 0 && dc % dw === 0 && dc / dw < l) reading.push(taps[tapRow + dc / dw]);
    }
  }
}

function fillPixels(ctx: JobContext, start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
  const { c, h, w } = ctx.prep;
  const { rows } = ctx;
  for (let e = start; e < end; e++) {
    const plane = Math.floor(e / (h * w));
    const a = Math.floor((e % (h * w)) / w);
    const col = e % w;
    const b = Math.floor(plane / c);
    const ci = plane % c;
    if (rows && onePosition(ctx, a, col)) pixelFromRows(ctx, rows, e, b, ci, a, col, out, kinks);
    else pixelFromOutputs(ctx, ctx.outputs.get(), e, b, ci, a, col, out, kinks);
  }
}

/**
 * Kernel elements [start, end): every output of the tap's channel moves. Each output's sum of
 * the other terms is its forward value with the tap's term subtracted (see pixelFromOutputs on
 * why that costs no accuracy that matters): O(1) per output and tap however the elements are
 * cut into slices, where excluded sums would cost O(C·K·L) per output for every slice.
 */
function fillTaps(ctx: JobContext, start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
  const { prep, taps, terms, offsets, settings } = ctx;
  const { n, dtype } = prep;
  const { ho } = ctx.shape;
  const y = ctx.outputs.get();
  for (let co = Math.floor(start / terms); co * terms < end; co++) {
    const first = Math.max(start, co * terms);
    const count = Math.min(end, (co + 1) * terms) - first;
    // Element first + d is tap tapOfWeight(first + d) of channel co; the mirror of 'conv' keeps it in the same plane.
    const tapOf = Int32Array.from({ length: count }, (_, d) => tapOfWeight(prep, first + d) - co * terms);
    const values = Float64Array.from(tapOf, (t) => taps[co * terms + t]);
    const his = new Float64Array(count);
    const los = new Float64Array(count);
    values.forEach((value, d) => ([his[d], los[d]] = stepPoints(value, settings.method, settings.h, dtype)));
    const sums = new Float64Array(count);
    const straddled = new Uint8Array(count);
    // A band of output rows at a time for all the taps, so the band's Y, dL/dY and input rows are
    // read from cache by every tap after the first: at 2048² they are 32 MB arrays each, and two
    // threads each streaming them once per tap ran at half speed. Each tap's sum still runs over
    // its outputs in row-major order, continued from band to band.
    for (let b = 0; b < n; b++) {
      for (let i0 = 0; i0 < ho; i0 += TAP_BAND_ROWS) {
        const i1 = Math.min(ho, i0 + TAP_BAND_ROWS);
        for (let d = 0; d < count; d++) sums[d] = tapChange(ctx, y, b, co, i0, i1, values[d], offsets[tapOf[d]], his[d], los[d], sums[d], straddled, d);
      }
    }
    for (let d = 0; d < count; d++) {
      out[first + d] = sums[d] / (his[d] - los[d]);
      if (kinks) kinks[first + d] = straddled[d];
    }
  }
}

/**
 * `sum` plus the change of the loss over outputs (b, co, i0..i1-1, ·) when the tap of `value`,
 * reading the input at `offset` from each window's origin, moves to hi and to lo; sets
 * straddled[d] when an output straddles a kink. Its own small function, so V8 optimises its loop
 * once for every job: inside fillTaps it was re-optimised on entry from the second job on and
 * ran about 2× slower.
 */
function tapChange(ctx: JobContext, y: FloatArray, b: number, co: number, i0: number, i1: number, value: number, offset: number, hi: number, lo: number, sum: number, straddled: Uint8Array, d: number): number {
  const { xp, loss, shape } = ctx;
  const { cout } = ctx.prep;
  const { f32, ho, wo } = shape;
  const kinked = ctx.loss.kinks.length > 0;
  let kink = straddled[d] === 1;
  for (let i = i0; i < i1; i++) {
    const row = ((b * cout + co) * ho + i) * wo;
    for (let j = 0; j < wo; j++) {
      const x = xp[windowOrigin(shape, b, i, j) + offset];
      const rest = stepped(y[row + j], -value, x, f32);
      const yHi = stepped(rest, x, hi, f32);
      const yLo = stepped(rest, x, lo, f32);
      sum += loss.term(row + j, yHi) - loss.term(row + j, yLo);
      if (kinked && !kink) kink = straddlesKink(ctx.loss.kinks, yHi, yLo);
    }
  }
  straddled[d] = kink ? 1 : 0;
  return sum;
}

/** Bias co: every output of its channel moves, from the sum of all its taps. */
function fillBias(ctx: JobContext, start: number, end: number, out: FloatArray, kinks?: Uint8Array): void {
  const { prep, xp, taps, bias, shape, loss, settings } = ctx;
  const { n, cout } = prep;
  const outputs = shape.ho * shape.wo;
  const rest = new (prep.x.constructor as new (n: number) => FloatArray)(n * cout * outputs);
  for (let co = start; co < end; co++) {
    correlateChannel(shape, xp, taps, undefined, co, rest);
    const [hi, lo] = stepPoints((bias as FloatArray)[co], settings.method, settings.h, prep.dtype);
    let sum = 0;
    let kink = false;
    for (let b = 0; b < n; b++) {
      for (let o = (b * cout + co) * outputs; o < (b * cout + co + 1) * outputs; o++) {
        const yHi = stepped(rest[o], 1, hi, shape.f32);
        const yLo = stepped(rest[o], 1, lo, shape.f32);
        sum += loss.term(o, yHi) - loss.term(o, yLo);
        kink ||= straddlesKink(ctx.loss.kinks, yHi, yLo);
      }
    }
    out[co] = sum / (hi - lo);
    if (kinks) kinks[co] = kink ? 1 : 0;
  }
}

const FILLS = { dX: fillPixels, dW: fillTaps, db: fillBias };

/**
 * The local finite difference. Perturbing one value changes only the outputs that read it, so
 * only those are evaluated again and only their loss terms are differenced: O(H W C K L) per
 * channel pair instead of the O((H W)^2 K L) of a full forward pass per perturbation.
 *
 * Each affected output is evaluated at both step points as the sum of the taps that do not read
 * the perturbed value (the same at both points) plus the perturbed tap at each point. No
 * derivative and no linearity is assumed, so a wrong VJP cannot hide in a shared formula. For
 * dL/dX the sums of the other taps come from excluded-sums.ts, which gets them for every tap of
 * an output at once from the products themselves. Where its ring of rows cannot serve (dL/dW,
 * cut into slices of a few taps; a pixel padding copies into several positions, which several
 * taps of one output may read; a kernel too large for the ring) the sum is the output's forward
 * value with those taps' terms taken out (docs/NUMERICS.md).
 */
export function createNumericalJob(problem: Problem, settings: StepSettings, rowCacheLimit = ROW_CACHE_LIMIT): NumericalJob {
  const { prep, loss, xp } = setUp(problem);
  const { n, c, h, w, cout, k, l } = prep;
  const { rows, cols } = prep.geometry;
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);
  const shape = forwardShape(prep);
  const terms = c * k * l;
  const { taps, bias } = prep;
  const rowSpan = Math.floor(((k - 1) * rows.dilation) / rows.stride) + 1;
  const ctx: JobContext = {
    prep,
    settings,
    loss,
    xp,
    taps,
    bias,
    shape,
    terms,
    offsets: windowOffsets(shape),
    rowReach,
    colReach,
    rowTaps: firstPositionTaps(rows, rowReach),
    colTaps: firstPositionTaps(cols, colReach),
    rows: cout * rowSpan * shape.wo * terms <= rowCacheLimit ? new ExcludedRows(shape, xp, taps, bias, rowSpan) : undefined,
    outputs: new ForwardOutputs(prep, xp),
  };
  return {
    counts: { dX: n * c * h * w, dW: cout * terms, db: bias ? cout : 0 },
    fill: (name, start, end, out, kinks) => FILLS[name](ctx, start, end, out, kinks),
  };
}
