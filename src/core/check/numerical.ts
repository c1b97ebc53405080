import { framedInput, type FramedInput } from '../conv/framed-input';
import { createLoss } from '../problem/loss';
import { float64Twin } from '../problem/twin';
import { correlateChannel, type CorrelationShape } from '../conv/correlate';
import { createDifferencer, KINKED, OUTPUT_ROUNDINGS, ROUNDOFF, SLOTS, SPREAD, SUM, TERM_ROUNDINGS, unitRoundoff, writeElement, type Differencer, type FillTarget } from './difference';
import { insideRange } from '../conv/correlate';
import { forwardOf, forwardShape } from '../conv/forward';
import { reachOf, type Axis, type Reach } from '../problem/geometry';
import type { Loss } from '../problem/loss';
import { prepare, tapOfWeight, type Prepared } from '../problem/problem';
import { lowerPoint, stepPoints, upperPoint } from './step';
import type { FdMethod, FloatArray, GradientName, KinkConvention, Problem } from '../problem/types';

export type { FillTarget } from './difference';

export interface StepSettings {
  readonly method: FdMethod;
  readonly h: number;
  /**
   * h was not given: it is a step for values of order 1, scaled by each gradient's largest
   * parameter magnitude (so 0..255 data steps by 255 h), and shrunk per element where the
   * truncation estimate says it is too large.
   */
  readonly auto?: boolean;
  /** How an element crossing a real kink is judged (default 'zero'). */
  readonly kinkConvention?: KinkConvention;
}

/**
 * A finite-difference gradient computed element by element, in any order and in pieces, so a
 * worker can report progress, yield to a cancel request, or share the elements with others.
 */
export interface NumericalJob {
  /** How many elements each gradient has (db: 0 without a bias). */
  readonly counts: Readonly<Record<GradientName, number>>;
  /** The step each gradient's elements start from (h, scaled by the parameters' magnitude when automatic). */
  readonly steps: Readonly<Record<GradientName, number>>;
  /** Computes flat elements [start, end) of gradient `name` into target's arrays at [start, end). */
  fill(name: GradientName, start: number, end: number, target: FillTarget): void;
  /**
   * Computes now what the job would otherwise compute the first time a fill needs it (Y): a
   * thread that builds its job before its pieces arrive does it while it waits.
   */
  computeOutputs(): void;
}

/** What a job may be given instead of computing it. */
export interface JobOptions {
  /**
   * Y of this very problem in its own dtype, as forwardPadded computes it (the check's analysis
   * has it), so the job does not compute it again: the same function of the same inputs, the
   * same bits.
   */
  readonly y?: FloatArray;
}

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
  readonly diff: Differencer;
  /**
   * G of a linear loss (Loss.linearCoefficients). The two hottest loops (linearPixels for
   * pixelsFromOutputs, linearTaps for tapChange) then write its terms out,
   * LinearDifferencer.visit's arithmetic in its order: G read from a local and no second result
   * through a field. Even inlined, visit cost ~1.3× as much per output in Node and Chromium
   * (1024²·15×15, alternated in one process). Each of their two lanes keeps its own copy of these
   * lines: through a shared inlined function for the bound, dL/dX's short runs were ~10–20%
   * slower again.
   */
  readonly linear: FloatArray | undefined;
  /** Unit round-off of float64, the arithmetic of every job. */
  readonly u: number;
  /** Whether each element is also differenced at twice its step, to estimate its truncation error. */
  readonly second: boolean;
  /** Scratch accumulators of one element at its step and at twice it (kinks; the sums are kept in locals, see Differencer.visit). */
  readonly acc: Float64Array;
  readonly acc2: Float64Array;
  /** Scratch: the step points of the element being differenced (beginElement), and of its partner in linearPixels. */
  readonly points: ElementPoints;
  readonly pointsB: ElementPoints;
  /** Whether elements are tried again at smaller steps (an automatic step and a truncation estimate: refine). */
  readonly refines: boolean;
  /** The elements of the last fill whose truncation estimate dominates their error bar: the ones refine tries again. */
  readonly truncated: number[];
  /**
   * X as the forward pass reads it: in place with zero padding, else its padded copy. It and the
   * taps are only read (the step points are added to sums, never written back).
   */
  readonly input: FramedInput;
  readonly taps: FloatArray;
  readonly bias: FloatArray | undefined;
  readonly shape: CorrelationShape;
  readonly terms: number;
  readonly rowReach: Reach;
  readonly colReach: Reach;
  readonly rowTaps: Int32Array;
  readonly colTaps: Int32Array;
  /** Each input column's walk (columnWalks) and whether the next column pairs with it (pairedColumns). */
  readonly colWalks: Int32Array;
  readonly pairedWithNext: Uint8Array;
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
    readonly input: FramedInput,
    given?: FloatArray,
  ) {
    this.#y = given;
  }

  get(): FloatArray {
    return (this.#y ??= forwardOf(this.prep, this.input));
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

/** An output whose other terms sum to `rest`, with `tap` times `point` added. */
function stepped(rest: number, tap: number, point: number): number {
  return rest + tap * point;
}

/** Whether input pixel (a, col) of a plane sits at one padded position only (padding copies none of it). */
function onePosition(ctx: JobContext, a: number, col: number): boolean {
  const { rowReach, colReach } = ctx;
  return rowReach.positionStart[a + 1] - rowReach.positionStart[a] === 1 && colReach.positionStart[col + 1] - colReach.positionStart[col] === 1;
}

/**
 * The step points of one element: at its step (hi, lo) and, for the truncation estimate, at twice
 * it (zeros without one); span and span2 are |hi| + |lo| and |hi2| + |lo2|, what a perturbed
 * product's rounding is counted against.
 */
interface ElementPoints {
  hi: number;
  lo: number;
  hi2: number;
  lo2: number;
  span: number;
  span2: number;
}

/**
 * Starts element v's difference at step h: clears the kink slots of the job's accumulators (the
 * sums are kept in locals) and sets its step points in the job's scratch.
 */
function beginElement(ctx: JobContext, v: number, h: number, points: ElementPoints = ctx.points): ElementPoints {
  const { acc, acc2 } = ctx;
  const method = ctx.settings.method;
  points.hi = upperPoint(v, method, h);
  points.lo = lowerPoint(v, method, h);
  points.hi2 = ctx.second ? upperPoint(v, method, 2 * h) : 0;
  points.lo2 = ctx.second ? lowerPoint(v, method, 2 * h) : 0;
  points.span = Math.abs(points.hi) + Math.abs(points.lo);
  points.span2 = Math.abs(points.hi2) + Math.abs(points.lo2);
  acc[SPREAD] = 0;
  acc[KINKED] = 0;
  acc2[SPREAD] = 0;
  acc2[KINKED] = 0;
  return points;
}

/** Writes element e from the sums of its outputs' changes and round-off at its step points (beginElement's) and at twice them. */
function finishElement(ctx: JobContext, target: FillTarget, e: number, sum: number, roundoff: number, sum2: number, roundoff2: number, points: ElementPoints = ctx.points): void {
  const { acc, acc2, second } = ctx;
  acc[SUM] = sum;
  acc[ROUNDOFF] = roundoff;
  acc2[SUM] = sum2;
  acc2[ROUNDOFF] = roundoff2;
  noteTruncation(ctx, e, writeElement(target, e, ctx.u, ctx.settings.method, acc, 0, points.hi - points.lo, second ? acc2 : undefined, points.hi2 - points.lo2));
}

/**
 * Shrinking the step by REFINE_FACTOR divides a truncation estimate by 16 (central; 4 one-sided)
 * and multiplies the round-off bound by 4, so the error bar falls by the tenth refine asks for
 * only where the truncation estimate is over 3.7 (4.8) times the round-off. Elements below this
 * ratio are not tried again; estimates are rough, so it is lower than that.
 */
const TRUNCATION_DOMINATES = 2;

/** Notes element e for refine if its truncation estimate (over its round-off: writeElement's ratio) dominates. */
function noteTruncation(ctx: JobContext, e: number, ratio: number): void {
  if (ctx.refines && ratio > TRUNCATION_DOMINATES) ctx.truncated.push(e);
}

/**
 * Pixels e0..e1-1 of one row of a plane, columns col0.., each held in one padded position: each
 * output a pixel reaches is its forward value with the pixel's term taken out, then that term
 * added back at each step point. The subtraction costs no accuracy that matters: the value taken
 * out is the same at both points, so its round-off shifts where the loss is differenced by a few
 * ulps of the output and never enters the difference itself. One multiply-add per output: sums
 * of the other terms kept from the products themselves (excluded sums, a ring of rows of them)
 * took two and missed the caches, and ran about twice as long at every kernel size from 3×3 to
 * 15×15. A run of pixels per call, so what the row shares is looked up once.
 */
function pixelsFromOutputs(ctx: JobContext, y: FloatArray, e0: number, e1: number, b: number, ci: number, a: number, col0: number, h: number, target: FillTarget): void {
  const { prep, taps, diff, linear, rowReach, colReach, rowTaps, colTaps, second, acc, acc2 } = ctx;
  if (linear && !second) {
    linearPixels(ctx, y, linear, e0, e1, b, ci, a, col0, h, target);
    return;
  }
  const { c, cout, k, l, x } = prep;
  const { ho, wo } = ctx.shape;
  const r0 = rowReach.outputStart[a];
  const r1 = rowReach.outputStart[a + 1];
  const rowOutputs = rowReach.outputs;
  const colOutputs = colReach.outputs;
  const colStart = colReach.outputStart;
  for (let e = e0, col = col0; e < e1; e++, col++) {
    const v = x[e];
    const { hi, lo, hi2, lo2, span, span2 } = beginElement(ctx, v, h);
    let sum = 0;
    let roundoff = 0;
    let sum2 = 0;
    let roundoff2 = 0;
    const s0 = colStart[col];
    const s1 = colStart[col + 1];
    for (let co = 0; co < cout; co++) {
      for (let r = r0; r < r1; r++) {
        const tapRow = ((co * c + ci) * k + rowTaps[r]) * l;
        const outRow = ((b * cout + co) * ho + rowOutputs[r]) * wo;
        for (let s = s0; s < s1; s++) {
          const o = outRow + colOutputs[s];
          const tap = taps[tapRow + colTaps[s]];
          const rest = stepped(y[o], -tap, v);
          sum += diff.visit(acc, 0, o, stepped(rest, tap, hi), stepped(rest, tap, lo), Math.abs(tap) * span);
          roundoff += diff.roundoff;
          if (second) {
            sum2 += diff.visit(acc2, 0, o, stepped(rest, tap, hi2), stepped(rest, tap, lo2), Math.abs(tap) * span2);
            roundoff2 += diff.roundoff;
          }
        }
      }
    }
    finishElement(ctx, target, e, sum, roundoff, sum2, roundoff2);
  }
}

/** Per column of the input, its walk's [count, first output, first tap, output step, tap step] (see columnWalks). */
const WALK = 5;

/**
 * The column walk of each input column held in one position p: its outputs and the taps that
 * read it (j·stride + m·dilation = p) are each an equal step apart, so the linear loop walks them
 * by those steps instead of reading the reach tables (~1.2× faster). Columns padding copies get
 * a walk too; linearPixels never sees them.
 */
function columnWalks(reach: Reach, taps: Int32Array, columns: number): Int32Array {
  const walks = new Int32Array(WALK * columns);
  for (let col = 0; col < columns; col++) {
    const s0 = reach.outputStart[col];
    const count = reach.outputStart[col + 1] - s0;
    walks[WALK * col] = count;
    walks[WALK * col + 1] = count > 0 ? reach.outputs[s0] : 0;
    walks[WALK * col + 2] = count > 0 ? taps[s0] : 0;
    walks[WALK * col + 3] = count > 1 ? reach.outputs[s0 + 1] - reach.outputs[s0] : 0;
    walks[WALK * col + 4] = count > 1 ? taps[s0 + 1] - taps[s0] : 0;
  }
  return walks;
}

/** 1 where column col + 1 walks the same taps as col, with the same steps (see linearPixels). */
function pairedColumns(walks: Int32Array, columns: number): Uint8Array {
  const paired = new Uint8Array(columns);
  for (let col = 0; col + 1 < columns; col++) {
    const a = WALK * col;
    const b = a + WALK;
    paired[col] = walks[a] === walks[b] && walks[a + 2] === walks[b + 2] && walks[a + 3] === walks[b + 3] && walks[a + 4] === walks[b + 4] ? 1 : 0;
  }
  return paired;
}

/** The partner of a pixel that goes alone: a span of 0 skips it at every output. */
const UNPAIRED: ElementPoints = { hi: 0, lo: 0, hi2: 0, lo2: 0, span: 0, span2: 0 };

/**
 * pixelsFromOutputs for a linear loss, two neighbouring pixels at a time: they read the same taps,
 * each its own outputs (one column apart at stride 1), so a tap is loaded once for both and two
 * independent sums run side by side, 1.1–1.2× faster than one pixel at a time (dL/dX, 256² and
 * 1024², 3×3 to 25×25, alternated in one process). Each pixel's terms are
 * LinearDifferencer.visit's arithmetic, added in the same order as alone, so the map is the same
 * bit for bit. A pixel whose neighbour walks other taps (at the edges, and every other pixel at
 * stride 2) goes alone: its partner's span is 0, which skips the partner at every output.
 */
function linearPixels(ctx: JobContext, y: FloatArray, linear: FloatArray, e0: number, e1: number, b: number, ci: number, a: number, col0: number, h: number, target: FillTarget): void {
  const { prep, taps, rowReach, rowTaps, colWalks, pairedWithNext } = ctx;
  const { c, cout, k, l, x } = prep;
  const { ho, wo } = ctx.shape;
  const r0 = rowReach.outputStart[a];
  const r1 = rowReach.outputStart[a + 1];
  const rowOutputs = rowReach.outputs;
  for (let e = e0, col = col0; e < e1; ) {
    const walk = WALK * col;
    const count = colWalks[walk];
    const oFirst = colWalks[walk + 1];
    const tFirst = colWalks[walk + 2];
    const oStep = colWalks[walk + 3];
    const tStep = colWalks[walk + 4];
    const v = x[e];
    const { hi, lo, span } = beginElement(ctx, v, h);
    const paired = e + 1 < e1 && pairedWithNext[col] === 1;
    const vB = paired ? x[e + 1] : 0;
    const { hi: hiB, lo: loB, span: spanB } = paired ? beginElement(ctx, vB, h, ctx.pointsB) : UNPAIRED;
    const shift = paired ? colWalks[walk + WALK + 1] - oFirst : 0;
    let sum = 0;
    let roundoff = 0;
    let sumB = 0;
    let roundoffB = 0;
    for (let co = 0; co < cout; co++) {
      for (let r = r0; r < r1; r++) {
        const tapRow = ((co * c + ci) * k + rowTaps[r]) * l;
        const outRow = ((b * cout + co) * ho + rowOutputs[r]) * wo;
        for (let s = 0, o = outRow + oFirst, t = tapRow + tFirst; s < count; s++, o += oStep, t += tStep) {
          const tap = taps[t];
          const moved = Math.abs(tap) * span;
          if (moved !== 0) {
            const rest = stepped(y[o], -tap, v);
            const yHi = stepped(rest, tap, hi);
            const yLo = stepped(rest, tap, lo);
            const g = linear[o];
            const outputRounding = OUTPUT_ROUNDINGS * Math.abs(g) * (moved + Math.abs(yHi) + Math.abs(yLo));
            if (yHi === yLo) roundoff += outputRounding;
            else {
              roundoff += outputRounding + TERM_ROUNDINGS * (Math.abs(g * yHi) + Math.abs(g * yLo));
              sum += g * yHi - g * yLo;
            }
          }
          const movedB = Math.abs(tap) * spanB;
          if (movedB !== 0) {
            const oB = o + shift;
            const rest = stepped(y[oB], -tap, vB);
            const yHi = stepped(rest, tap, hiB);
            const yLo = stepped(rest, tap, loB);
            const g = linear[oB];
            const outputRounding = OUTPUT_ROUNDINGS * Math.abs(g) * (movedB + Math.abs(yHi) + Math.abs(yLo));
            if (yHi === yLo) roundoffB += outputRounding;
            else {
              roundoffB += outputRounding + TERM_ROUNDINGS * (Math.abs(g * yHi) + Math.abs(g * yLo));
              sumB += g * yHi - g * yLo;
            }
          }
        }
      }
    }
    finishElement(ctx, target, e, sum, roundoff, 0, 0, ctx.points);
    if (paired) finishElement(ctx, target, e + 1, sumB, roundoffB, 0, 0, ctx.pointsB);
    const step = paired ? 2 : 1;
    e += step;
    col += step;
  }
}

/**
 * A pixel that padding copies into several positions (reflect, replicate, circular): several
 * taps of one output may read it. Each output is its forward value with every term that reads
 * the pixel taken out, then those terms added back at each step point (see pixelsFromOutputs).
 */
function pixelCopied(ctx: JobContext, y: FloatArray, e: number, b: number, ci: number, a: number, col: number, h: number, target: FillTarget): void {
  const { prep, shape, diff, rowReach, colReach, second, acc, acc2 } = ctx;
  const { cout } = prep;
  const { ho, wo } = shape;
  const v = prep.x[e];
  const { hi, lo, hi2, lo2, span, span2 } = beginElement(ctx, v, h);
  let sum = 0;
  let roundoff = 0;
  let sum2 = 0;
  let roundoff2 = 0;
  const reading: number[] = [];
  for (let co = 0; co < cout; co++) {
    for (let r = rowReach.outputStart[a]; r < rowReach.outputStart[a + 1]; r++) {
      const i = rowReach.outputs[r];
      for (let s = colReach.outputStart[col]; s < colReach.outputStart[col + 1]; s++) {
        const j = colReach.outputs[s];
        const o = ((b * cout + co) * ho + i) * wo + j;
        tapsReadingPixel(ctx, co, ci, a, col, i, j, reading);
        let rest = y[o];
        let taps = 0;
        for (const tap of reading) {
          rest = stepped(rest, -tap, v);
          taps += Math.abs(tap);
        }
        // Several taps re-added one by one: each addition rounds, so count the products once per tap.
        const moved = taps * reading.length;
        sum += diff.visit(acc, 0, o, movedTo(rest, reading, hi), movedTo(rest, reading, lo), moved * span);
        roundoff += diff.roundoff;
        if (second) {
          sum2 += diff.visit(acc2, 0, o, movedTo(rest, reading, hi2), movedTo(rest, reading, lo2), moved * span2);
          roundoff2 += diff.roundoff;
        }
      }
    }
  }
  finishElement(ctx, target, e, sum, roundoff, sum2, roundoff2);
}

/** An output whose other terms sum to `rest`, with every tap in `reading` times `point` added back. */
function movedTo(rest: number, reading: readonly number[], point: number): number {
  let y = rest;
  for (const tap of reading) y = stepped(y, tap, point);
  return y;
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

/** Pixels [start, end), a row of a plane at a time (the element's position is counted, not divided out per pixel). */
function fillPixels(ctx: JobContext, start: number, end: number, h: number, target: FillTarget): void {
  const { c, h: height, w } = ctx.prep;
  const y = ctx.outputs.get();
  for (let e = start; e < end; ) {
    const plane = Math.floor(e / (height * w));
    const a = Math.floor((e % (height * w)) / w);
    const b = Math.floor(plane / c);
    const ci = plane % c;
    const rowEnd = Math.min(end, e - (e % w) + w);
    // Runs of pixels held in one position, and the ones padding copies (at the edges) one by one.
    while (e < rowEnd) {
      const col = e % w;
      if (!onePosition(ctx, a, col)) {
        pixelCopied(ctx, y, e, b, ci, a, col, h, target);
        e++;
        continue;
      }
      let runEnd = e + 1;
      while (runEnd < rowEnd && onePosition(ctx, a, runEnd % w)) runEnd++;
      pixelsFromOutputs(ctx, y, e, runEnd, b, ci, a, col, h, target);
      e = runEnd;
    }
  }
}

/**
 * Kernel elements [start, end): every output of the tap's channel moves. Each output's sum of
 * the other terms is its forward value with the tap's term subtracted (see pixelsFromOutputs on
 * why that costs no accuracy that matters): O(1) per output and tap however the elements are
 * cut into slices, where excluded sums would cost O(C·K·L) per output for every slice.
 */
function fillTaps(ctx: JobContext, start: number, end: number, h: number, target: FillTarget): void {
  const { prep, taps, terms, settings, second, linear } = ctx;
  const { n, l } = prep;
  const { ho } = ctx.shape;
  const y = ctx.outputs.get();
  for (let co = Math.floor(start / terms); co * terms < end; co++) {
    const first = Math.max(start, co * terms);
    const count = Math.min(end, (co + 1) * terms) - first;
    // Element first + d is tap tapOfWeight(first + d) of channel co; the mirror of 'conv' keeps it in the same plane.
    const tapOf = Int32Array.from({ length: count }, (_, d) => tapOfWeight(prep, first + d) - co * terms);
    const values = Float64Array.from(tapOf, (t) => taps[co * terms + t]);
    // Step points at h (0, 1) and at 2h (2, 3) per tap.
    const points = new Float64Array(4 * count);
    values.forEach((value, d) => {
      [points[4 * d], points[4 * d + 1]] = stepPoints(value, settings.method, h);
      if (second) [points[4 * d + 2], points[4 * d + 3]] = stepPoints(value, settings.method, 2 * h);
    });
    const accs = new Float64Array(count * SLOTS);
    const accs2 = new Float64Array(second ? count * SLOTS : 0);
    // A band of output rows at a time for all the taps, so the band's Y, dL/dY and input rows are
    // read from cache by every tap after the first: at 2048² they are 32 MB arrays each, and two
    // threads each streaming them once per tap ran at half speed. Each tap's sum still runs over
    // its outputs in row-major order, continued from band to band.
    for (let b = 0; b < n; b++) {
      for (let i0 = 0; i0 < ho; i0 += TAP_BAND_ROWS) {
        const i1 = Math.min(ho, i0 + TAP_BAND_ROWS);
        for (let d = 0; d < count; ) {
          if (linear && !second) {
            // Two taps of one kernel row read the same input row, one column apart.
            const paired = d + 1 < count && Math.floor(tapOf[d] / l) === Math.floor(tapOf[d + 1] / l);
            linearTaps(ctx, linear, y, b, co, i0, i1, values, tapOf, points, accs, d, paired);
            d += paired ? 2 : 1;
            continue;
          }
          tapChange(ctx, y, b, co, i0, i1, values[d], tapOf[d], points[4 * d], points[4 * d + 1], accs, d * SLOTS);
          if (second) tapChange(ctx, y, b, co, i0, i1, values[d], tapOf[d], points[4 * d + 2], points[4 * d + 3], accs2, d * SLOTS);
          d++;
        }
      }
    }
    for (let d = 0; d < count; d++) {
      const span = points[4 * d] - points[4 * d + 1];
      noteTruncation(ctx, first + d, writeElement(target, first + d, ctx.u, settings.method, accs, d * SLOTS, span, second ? accs2 : undefined, points[4 * d + 2] - points[4 * d + 3]));
    }
  }
}

/**
 * Adds to acc[at..] the change of the loss over outputs (b, co, i0..i1-1, ·) when tap `tap` of
 * channel co (term (ci·K + kk)·L + ll), of `value`, moves to hi and to lo. Only outputs whose
 * input under the tap lies in X are visited: one that reads padding's zero moves nothing, which is
 * what visiting it would add. Its own small function, so V8 optimises its loop once for every
 * job: inside fillTaps it was re-optimised on entry from the second job on and ran about 2× slower.
 */
function tapChange(ctx: JobContext, y: FloatArray, b: number, co: number, i0: number, i1: number, value: number, tap: number, hi: number, lo: number, acc: Float64Array, at: number): void {
  const { input, diff, shape } = ctx;
  const { inner, frame } = input;
  const { c, cout, k, l } = ctx.prep;
  const { ho, wo, sh, sw, dh, dw } = shape;
  const ci = Math.floor(tap / (k * l));
  const rowOffset = (Math.floor(tap / l) % k) * dh - frame.top;
  const colOffset = (tap % l) * dw - frame.left;
  const [jFirst, jEnd] = insideRange(wo, sw, -colOffset, 1, 1, frame.w);
  const span = Math.abs(hi) + Math.abs(lo);
  let sum = 0;
  let roundoff = 0;
  for (let i = i0; i < i1; i++) {
    const p = i * sh + rowOffset;
    if (p < 0 || p >= frame.h) continue;
    const row = ((b * cout + co) * ho + i) * wo;
    const origin = ((b * c + ci) * frame.h + p) * frame.w + colOffset;
    for (let j = jFirst; j < jEnd; j++) {
      const x = inner[origin + j * sw];
      const rest = stepped(y[row + j], -value, x);
      sum += diff.visit(acc, at, row + j, stepped(rest, x, hi), stepped(rest, x, lo), Math.abs(x) * span);
      roundoff += diff.roundoff;
    }
  }
  acc[at + SUM] += sum;
  acc[at + ROUNDOFF] += roundoff;
}

/**
 * tapChange for a linear loss, taps d and (when paired) d + 1 of one kernel row at a time: they
 * read one input row a column apart and the same outputs, so Y and G are loaded once for both
 * and two sums run side by side, 1.07× (15×15) to 1.35× (5×5) faster than one tap at a time
 * (dL/dW, 1024², alternated in one process). Each tap's terms are LinearDifferencer.visit's
 * arithmetic over its outputs in tapChange's order, so the map is the same bit for bit. A row is
 * cut where one tap's outputs begin or end (zero padding): A or B alone, then both, then one.
 */
function linearTaps(ctx: JobContext, linear: FloatArray, y: FloatArray, b: number, co: number, i0: number, i1: number, values: Float64Array, tapOf: Int32Array, points: Float64Array, accs: Float64Array, d: number, paired: boolean): void {
  const { input, shape } = ctx;
  const { inner, frame } = input;
  const { c, cout, k, l } = ctx.prep;
  const { ho, wo, sh, sw, dh, dw } = shape;
  const e = paired ? d + 1 : d;
  const value = values[d];
  const valueB = values[e];
  const tap = tapOf[d];
  const hi = points[4 * d];
  const lo = points[4 * d + 1];
  const hiB = points[4 * e];
  const loB = points[4 * e + 1];
  const ci = Math.floor(tap / (k * l));
  const rowOffset = (Math.floor(tap / l) % k) * dh - frame.top;
  const colOffset = (tap % l) * dw - frame.left;
  const colOffsetB = (tapOf[e] % l) * dw - frame.left;
  const [jFirst, jEnd] = insideRange(wo, sw, -colOffset, 1, 1, frame.w);
  const [jFirstB, jEndB] = paired ? insideRange(wo, sw, -colOffsetB, 1, 1, frame.w) : [jFirst, jFirst];
  if (paired && Math.max(jFirst, jFirstB) >= Math.min(jEnd, jEndB)) {
    // Outputs apart (a row narrower than the taps' distance): one tap at a time.
    linearTaps(ctx, linear, y, b, co, i0, i1, values, tapOf, points, accs, d, false);
    linearTaps(ctx, linear, y, b, co, i0, i1, values, tapOf, points, accs, e, false);
    return;
  }
  // Segments of the row where A, B or both read X: [j0, j1), [j1, j2), [j2, j3).
  const bounds = [Math.min(jFirst, jFirstB), Math.max(jFirst, jFirstB), Math.min(jEnd, jEndB), Math.max(jEnd, jEndB)];
  const span = Math.abs(hi) + Math.abs(lo);
  const spanB = Math.abs(hiB) + Math.abs(loB);
  let sum = 0;
  let roundoff = 0;
  let sumB = 0;
  let roundoffB = 0;
  for (let i = i0; i < i1; i++) {
    const p = i * sh + rowOffset;
    if (p < 0 || p >= frame.h) continue;
    const row = ((b * cout + co) * ho + i) * wo;
    const origin = ((b * c + ci) * frame.h + p) * frame.w + colOffset;
    const originB = origin + colOffsetB - colOffset;
    for (let seg = 0; seg < 3; seg++) {
      const s0 = Math.max(bounds[seg], 0);
      const s1 = Math.min(bounds[seg + 1], wo);
      const aOn = s0 >= jFirst && s1 <= jEnd && s0 < s1;
      const bOn = s0 >= jFirstB && s1 <= jEndB && s0 < s1;
      for (let j = s0; j < s1; j++) {
        const yj = y[row + j];
        const g = linear[row + j];
        if (aOn) {
          const x = inner[origin + j * sw];
          const moved = Math.abs(x) * span;
          if (moved !== 0) {
            const rest = stepped(yj, -value, x);
            const yHi = stepped(rest, x, hi);
            const yLo = stepped(rest, x, lo);
            const outputRounding = OUTPUT_ROUNDINGS * Math.abs(g) * (moved + Math.abs(yHi) + Math.abs(yLo));
            if (yHi === yLo) roundoff += outputRounding;
            else {
              roundoff += outputRounding + TERM_ROUNDINGS * (Math.abs(g * yHi) + Math.abs(g * yLo));
              sum += g * yHi - g * yLo;
            }
          }
        }
        if (bOn) {
          const xB = inner[originB + j * sw];
          const movedB = Math.abs(xB) * spanB;
          if (movedB !== 0) {
            const rest = stepped(yj, -valueB, xB);
            const yHi = stepped(rest, xB, hiB);
            const yLo = stepped(rest, xB, loB);
            const outputRounding = OUTPUT_ROUNDINGS * Math.abs(g) * (movedB + Math.abs(yHi) + Math.abs(yLo));
            if (yHi === yLo) roundoffB += outputRounding;
            else {
              roundoffB += outputRounding + TERM_ROUNDINGS * (Math.abs(g * yHi) + Math.abs(g * yLo));
              sumB += g * yHi - g * yLo;
            }
          }
        }
      }
    }
  }
  accs[d * SLOTS + SUM] += sum;
  accs[d * SLOTS + ROUNDOFF] += roundoff;
  if (paired) {
    accs[e * SLOTS + SUM] += sumB;
    accs[e * SLOTS + ROUNDOFF] += roundoffB;
  }
}

/** Bias co: every output of its channel moves, from the sum of all its taps. */
function fillBias(ctx: JobContext, start: number, end: number, h: number, target: FillTarget): void {
  const { prep, input, taps, bias, shape, diff, second, acc, acc2 } = ctx;
  const { n, cout } = prep;
  const outputs = shape.ho * shape.wo;
  const rest = new (prep.x.constructor as new (n: number) => FloatArray)(n * cout * outputs);
  for (let co = start; co < end; co++) {
    correlateChannel(shape, input.padded(), taps, undefined, co, rest);
    const { hi, lo, hi2, lo2, span, span2 } = beginElement(ctx, (bias as FloatArray)[co], h);
    let sum = 0;
    let roundoff = 0;
    let sum2 = 0;
    let roundoff2 = 0;
    for (let b = 0; b < n; b++) {
      for (let o = (b * cout + co) * outputs; o < (b * cout + co + 1) * outputs; o++) {
        sum += diff.visit(acc, 0, o, stepped(rest[o], 1, hi), stepped(rest[o], 1, lo), span);
        roundoff += diff.roundoff;
        if (second) {
          sum2 += diff.visit(acc2, 0, o, stepped(rest[o], 1, hi2), stepped(rest[o], 1, lo2), span2);
          roundoff2 += diff.roundoff;
        }
      }
    }
    finishElement(ctx, target, co, sum, roundoff, sum2, roundoff2);
  }
}

const FILLS = { dX: fillPixels, dW: fillTaps, db: fillBias };

/** Shrinking the step by this factor per try, at most REFINE_TRIES times, for elements whose truncation estimate is large. */
const REFINE_FACTOR = 4;
const REFINE_TRIES = 4;

/**
 * With an automatic step, an element whose error bar is large against its value and dominated by
 * its truncation estimate is tried again at smaller steps, kept while its error bar keeps falling:
 * a step in W moves outputs by h·|x|, which on ±1e3 inputs lands far into tanh's curvature while
 * the same h suits X. Elements whose error bar is round-off are left alone: a smaller step only
 * makes it larger (trying them all took two thirds of a tanh map's time).
 */
function refine(ctx: JobContext, name: GradientName, h: number, target: FillTarget): void {
  const loose = Math.sqrt(ctx.u);
  const { values, errbar, spread, kinks } = target;
  for (const e of ctx.truncated.splice(0)) {
    let step = h;
    for (let tries = 0; tries < REFINE_TRIES; tries++) {
      const before = [values[e], errbar[e], spread[e], kinks[e]] as const;
      if (!(errbar[e] > loose * Math.abs(values[e]))) break;
      step /= REFINE_FACTOR;
      FILLS[name](ctx, e, e + 1, step, target);
      const stillTruncated = ctx.truncated.splice(0).length > 0;
      if (errbar[e] >= 0.9 * before[1]) {
        [values[e], errbar[e], spread[e], kinks[e]] = before;
        break;
      }
      if (!stillTruncated) break;
    }
  }
}

/** The largest magnitude in `values` (0 for none). */
function largest(values: FloatArray | undefined): number {
  let max = 0;
  if (values) for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

/** The step each gradient's elements start from: h, or with an automatic step h times the largest magnitude of what is perturbed (at least 1). */
export function gradientSteps(prep: Prepared, settings: StepSettings): Record<GradientName, number> {
  const scale = (values: FloatArray | undefined) => (settings.auto ? settings.h * Math.max(1, largest(values)) : settings.h);
  return { dX: scale(prep.x), dW: scale(prep.taps), db: scale(prep.bias) };
}

/**
 * The local finite difference. Perturbing one value changes only the outputs that read it, so
 * only those are evaluated again and only their loss terms are differenced: O(H W C K L) per
 * channel pair instead of the O((H W)^2 K L) of a full forward pass per perturbation.
 *
 * Each affected output is evaluated at both step points as the sum of the terms that do not read
 * the perturbed value (the same at both points) plus the perturbed terms at each point. No
 * derivative and no linearity is assumed, so a wrong VJP cannot hide in a shared formula. The
 * sum of the other terms is the output's forward value with the perturbed terms taken out
 * (docs/NUMERICS.md).
 */
export function createNumericalJob(problem: Problem, settings: StepSettings, options: JobOptions = {}): NumericalJob {
  // No padded copy of X where its padding is zeros (framedInput): fresh memory costs ~4 ms a MB
  // to first touch on this project's machine, and every helper and thread builds its own job.
  const ownPrep = prepare(problem);
  const twin = float64Twin(problem, ownPrep.shapes.y);
  const prep = twin === problem ? ownPrep : prepare(twin);
  const loss = createLoss(twin.loss, prep.shapes.y, 'f64');
  const input = framedInput(prep);
  const { n, c, h, w, cout, k, l } = prep;
  const { rows, cols } = prep.geometry;
  const rowReach = reachOf(rows);
  const colReach = reachOf(cols);
  const shape = forwardShape(prep);
  const terms = c * k * l;
  const { taps, bias } = prep;
  const colTaps = firstPositionTaps(cols, colReach);
  const colWalks = columnWalks(colReach, colTaps, w);
  // A central difference of a term at most quadratic in the step (on each branch) is exact: no truncation to estimate.
  const second = settings.method !== 'central' || !loss.quadratic;
  const outputs = new ForwardOutputs(prep, input, twin === problem ? options.y : undefined);
  const ownOutputs = twin === problem ? outputs : new ForwardOutputs(ownPrep, framedInput(ownPrep), options.y);
  const ctx: JobContext = {
    prep,
    settings,
    loss,
    diff: createDifferencer(loss, settings.kinkConvention ?? 'zero', ownOutputs),
    linear: loss.linearCoefficients,
    u: unitRoundoff('f64'),
    second,
    acc: new Float64Array(SLOTS),
    acc2: new Float64Array(SLOTS),
    points: { hi: 0, lo: 0, hi2: 0, lo2: 0, span: 0, span2: 0 },
    pointsB: { hi: 0, lo: 0, hi2: 0, lo2: 0, span: 0, span2: 0 },
    refines: second && Boolean(settings.auto),
    truncated: [],
    input,
    taps,
    bias,
    shape,
    terms,
    rowReach,
    colReach,
    rowTaps: firstPositionTaps(rows, rowReach),
    colTaps,
    colWalks,
    pairedWithNext: pairedColumns(colWalks, w),
    outputs,
  };
  const steps = gradientSteps(prep, settings);
  return {
    counts: { dX: n * c * h * w, dW: cout * terms, db: bias ? cout : 0 },
    steps,
    fill(name, start, end, target) {
      ctx.truncated.length = 0;
      FILLS[name](ctx, start, end, steps[name], target);
      if (ctx.refines) refine(ctx, name, steps[name], target);
    },
    computeOutputs() {
      outputs.get();
      ownOutputs.get();
    },
  };
}
