import { correlateFft, fftPays } from './correlate-fft';
import { allocateLike, type Memory } from '../problem/memory';
import type { FloatArray } from '../problem/types';
import type { CorrelationShape } from './correlation-shape';

export type { CorrelationShape } from './correlation-shape';

// The product of two float32 values is exact in float64, so rounding after each addition makes
// each step one correctly rounded float32 multiply-add. It is a loop-invariant branch rather than
// a rounding callback: a callback that is sometimes Math.fround and sometimes the identity would
// stop V8 from inlining either and halve the speed of both precisions.

/**
 * The whole correlation, by FFT where correlate-fft.ts's cost model says it pays (float64 only),
 * otherwise directly. correlateChannel and outputAt below stay direct: the numerical job
 * recomputes single outputs with them and needs them to agree with each other bit for bit.
 * The result is allocated in `memory`.
 */
export function correlate(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias?: FloatArray, memory: Memory = 'own'): FloatArray {
  if (input instanceof Float64Array && taps instanceof Float64Array && (bias === undefined || bias instanceof Float64Array) && fftPays(s)) {
    return correlateFft(s, input, taps, bias, memory);
  }
  const out = allocateLike(input, s.n * s.cout * s.ho * s.wo, memory);
  for (let co = 0; co < s.cout; co++) correlateChannel(s, input, taps, bias, co, out);
  return out;
}

/**
 * Where an input's values sit in the zero-padded planes a CorrelationShape describes: rows
 * [top, top + h) and columns [left, left + w) of every (hp, wp) plane hold `inner`, an
 * (n, c, h, w) array; every other position is zero. top and left may be negative and the frame
 * may reach past the planes: what lies outside them is never read.
 */
export interface Frame {
  readonly top: number;
  readonly left: number;
  readonly h: number;
  readonly w: number;
}

/**
 * correlate(s, the padded input) without a bias and without building the padded input (~4 ms a
 * MB to first touch on this project's machine): the outputs whose window lies inside the frame
 * run correlateChannel's loops on `inner` itself; the others, a kernel's reach from its edges, add
 * their terms inside the frame in outputAt's order. A sum that starts at +0 is never -0, so
 * leaving out the zero terms changes no bit: the values are correlate's. The result is allocated
 * in `memory`.
 */
export function correlateFramed(s: CorrelationShape, inner: FloatArray, frame: Frame, taps: FloatArray, memory: Memory = 'own'): FloatArray {
  const out = allocateLike(inner, s.n * s.cout * s.ho * s.wo, memory);
  for (let co = 0; co < s.cout; co++) framedChannel(s, inner, frame, taps, co, out);
  return out;
}

/** The outputs i (or j) in [0, count) whose window, first*stride - origin + m*dilation for m < taps, lies in [0, size). */
export function insideRange(count: number, stride: number, origin: number, taps: number, dilation: number, size: number): [number, number] {
  const first = Math.max(0, Math.ceil(origin / stride));
  const end = Math.min(count, Math.floor((origin + size - 1 - (taps - 1) * dilation) / stride) + 1);
  return end > first ? [first, end] : [0, 0];
}

/** correlateChannel for a framed input (see correlateFramed). */
function framedChannel(s: CorrelationShape, inner: FloatArray, frame: Frame, taps: FloatArray, co: number, out: FloatArray): void {
  const { n, c, cout, k, l, ho, wo, sh, sw, dh, dw } = s;
  const { top, left, h, w } = frame;
  // The loops of correlateChannel read `inner` through a shape whose planes are inner's. Written
  // out, not spread from s: a spread object gets a map of its own, and the loops, optimised for
  // the forward shape's map, were deoptimised and optimised again during a first run.
  const view: CorrelationShape = { n, c, cout, k, l, hp: h, wp: w, ho, wo, sh, sw, dh, dw, f32: s.f32 };
  const [iFirst, iEnd] = insideRange(ho, sh, top, k, dh, h);
  const [jFirst, jEnd] = insideRange(wo, sw, left, l, dw, w);
  const slots = new Int32Array(2 * GATHER);
  let waiting = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      const outRow = ((b * cout + co) * ho + i) * wo;
      if (i < iFirst || i >= iEnd) {
        for (let j = 0; j < wo; j++) out[outRow + j] = framedOutputAt(s, inner, frame, taps, b, co, i, j);
        continue;
      }
      // inner's index of the window's top-left input for output (i, 0), as if its row went on to the left.
      const inRow = (b * c * h + i * sh - top) * w - left;
      for (let j = 0; j < jFirst; j++) out[outRow + j] = framedOutputAt(s, inner, frame, taps, b, co, i, j);
      waiting = rowRuns(view, inner, taps, undefined, co, out, outRow, inRow, jFirst, jEnd, slots, waiting);
      for (let j = Math.max(jEnd, jFirst); j < wo; j++) out[outRow + j] = framedOutputAt(s, inner, frame, taps, b, co, i, j);
    }
  }
  for (let q = 0; q < waiting; q++) {
    const o = slots[q];
    out[o] = framedOutputAt(s, inner, frame, taps, Math.floor(o / (wo * ho * cout)), co, Math.floor(o / wo) % ho, o % wo);
  }
}

/** outputAt for a framed input without a bias: the terms inside the frame, in outputAt's order. */
function framedOutputAt(s: CorrelationShape, inner: FloatArray, frame: Frame, taps: FloatArray, b: number, co: number, i: number, j: number): number {
  const { c, k, l, sh, sw, dh, dw, f32 } = s;
  const { top, left, h, w } = frame;
  let sum = 0;
  for (let ci = 0; ci < c; ci++) {
    for (let kk = 0; kk < k; kk++) {
      const r = i * sh + kk * dh - top;
      if (r < 0 || r >= h) continue;
      const inRow = ((b * c + ci) * h + r) * w;
      const tapRow = ((co * c + ci) * k + kk) * l;
      for (let ll = 0; ll < l; ll++) {
        const q = j * sw + ll * dw - left;
        if (q < 0 || q >= w) continue;
        sum += taps[tapRow + ll] * inner[inRow + q];
        if (f32) sum = Math.fround(sum);
      }
    }
  }
  return sum;
}

/** Adjacent outputs of a row one wide run keeps in registers. */
const WIDE = 8;
/** Adjacent outputs of a narrow run: what a row has left after its wide runs, and rows shorter than WIDE. */
const NARROW = 4;
/** Outputs one gathered run keeps in registers, wherever they are in the channel. */
const GATHER = 4;
/**
 * Every run unrolls a kernel row 8 taps at a time: with a loop per tap (or per kernel row of 5)
 * the loop's own overhead, not the arithmetic, set the speed. Each tap's step sits inside the
 * previous one's test, so a short chunk costs one failed test (and the steps nest deeply).
 */
const CHUNK = 8;

/**
 * Outputs jFirst..jEnd-1 of one output row (outRow: output (i, 0)'s index in out; inRow: the input
 * index of its window's origin): at unit column stride and dilation in wide runs, then at most one
 * narrow run; the rest queued in `slots` (out index, then input index) and summed by gathered runs
 * of GATHER, across rows. Returns how many outputs are left waiting in `slots`.
 */
function rowRuns(
  s: CorrelationShape,
  input: FloatArray,
  taps: FloatArray,
  bias: FloatArray | undefined,
  co: number,
  out: FloatArray,
  outRow: number,
  inRow: number,
  jFirst: number,
  jEnd: number,
  slots: Int32Array,
  waiting: number,
): number {
  const unit = s.sw === 1 && s.dw === 1;
  const wideEnd = unit ? jEnd - ((jEnd - jFirst) % WIDE) : jFirst;
  const narrowEnd = unit && jEnd - wideEnd >= NARROW ? wideEnd + NARROW : wideEnd;
  if (wideEnd > jFirst) wideRuns(s, input, taps, bias, co, out, outRow + jFirst, inRow + jFirst, wideEnd - jFirst);
  if (narrowEnd > wideEnd) narrowRun(s, input, taps, bias, co, out, outRow + wideEnd, inRow + wideEnd);
  let queued = waiting;
  for (let j = narrowEnd; j < jEnd; j++) {
    slots[queued] = outRow + j;
    slots[GATHER + queued] = inRow + j * s.sw;
    if (++queued === GATHER) {
      gatherRun(s, input, taps, bias, co, out, slots);
      queued = 0;
    }
  }
  return queued;
}

/**
 * Output channel co, written over out. Every output sums in the order bias, channel, tap row,
 * tap column, as outputAt does, so the two agree bit for bit. At unit column stride and
 * dilation a row goes in wide runs, then at most one narrow run; everything else (all of it at
 * other strides) is gathered 4 outputs at a time across rows, and the last few go through outputAt.
 */
export function correlateChannel(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, out: FloatArray): void {
  const { n, c, cout, ho, wo, wp, sh } = s;
  const plane = s.hp * wp;
  // Out index then input index of each output waiting for a gathered run.
  const slots = new Int32Array(2 * GATHER);
  let waiting = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      const outRow = ((b * cout + co) * ho + i) * wo;
      waiting = rowRuns(s, input, taps, bias, co, out, outRow, b * c * plane + i * sh * wp, 0, wo, slots, waiting);
    }
  }
  for (let w = 0; w < waiting; w++) {
    const o = slots[w];
    const j = o % wo;
    const i = Math.floor(o / wo) % ho;
    const b = Math.floor(o / (wo * ho * cout));
    out[o] = outputAt(s, input, taps, bias, b, co, i, j);
  }
}

/**
 * The wide runs of one output row, up to column end: WIDE adjacent outputs from out[o], the
 * first one's first input at input[x]. At unit stride and dilation output q meets tap column
 * m at input x + q + m, so a window of WIDE + 7 inputs in registers serves a chunk of 8 taps
 * with one new load per tap. The 8 tap steps are written out by hand, on purpose: V8 does not
 * unroll loops or keep a rotating window in registers, and the same window as a loop ran at
 * 1.14 multiply-adds per ns against 1.65 written out (forward 1024²·5×5).
 */
function wideRuns(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, out: FloatArray, outRow: number, inRow: number, end: number): void {
  const { c, k, l, wp, dh, f32 } = s;
  const plane = s.hp * wp;
  const t = co * c * k * l;
  // Read here rather than passed in: a number parameter that may be the small integer 0 would
  // keep the accumulators boxed, at half the speed.
  const start = bias ? bias[co] : 0;
  for (let j = 0; j < end; j += WIDE) {
    const o = outRow + j;
    const x = inRow + j;
    let a0 = start;
    let a1 = start;
    let a2 = start;
    let a3 = start;
    let a4 = start;
    let a5 = start;
    let a6 = start;
    let a7 = start;
    for (let ci = 0; ci < c; ci++) {
      for (let kk = 0; kk < k; kk++) {
        const xr = x + ci * plane + kk * dh * wp;
        const tr = t + (ci * k + kk) * l;
        for (let m0 = 0; m0 < l; m0 += CHUNK) {
          const chunk = l - m0;
          const xc = xr + m0;
          const tc = tr + m0;
          const v0 = input[xc];
          const v1 = input[xc + 1];
          const v2 = input[xc + 2];
          const v3 = input[xc + 3];
          const v4 = input[xc + 4];
          const v5 = input[xc + 5];
          const v6 = input[xc + 6];
          const w = taps[tc];
          const v7 = input[xc + 7];
          a0 += w * v0; a1 += w * v1; a2 += w * v2; a3 += w * v3;
          a4 += w * v4; a5 += w * v5; a6 += w * v6; a7 += w * v7;
          if (f32) {
            a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
            a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
          }
          if (chunk > 1) {
            const w = taps[tc + 1];
            const v8 = input[xc + 8];
            a0 += w * v1; a1 += w * v2; a2 += w * v3; a3 += w * v4;
            a4 += w * v5; a5 += w * v6; a6 += w * v7; a7 += w * v8;
            if (f32) {
              a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
              a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
            }
            if (chunk > 2) {
              const w = taps[tc + 2];
              const v9 = input[xc + 9];
              a0 += w * v2; a1 += w * v3; a2 += w * v4; a3 += w * v5;
              a4 += w * v6; a5 += w * v7; a6 += w * v8; a7 += w * v9;
              if (f32) {
                a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
              }
              if (chunk > 3) {
                const w = taps[tc + 3];
                const v10 = input[xc + 10];
                a0 += w * v3; a1 += w * v4; a2 += w * v5; a3 += w * v6;
                a4 += w * v7; a5 += w * v8; a6 += w * v9; a7 += w * v10;
                if (f32) {
                  a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                  a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
                }
                if (chunk > 4) {
                  const w = taps[tc + 4];
                  const v11 = input[xc + 11];
                  a0 += w * v4; a1 += w * v5; a2 += w * v6; a3 += w * v7;
                  a4 += w * v8; a5 += w * v9; a6 += w * v10; a7 += w * v11;
                  if (f32) {
                    a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                    a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
                  }
                  if (chunk > 5) {
                    const w = taps[tc + 5];
                    const v12 = input[xc + 12];
                    a0 += w * v5; a1 += w * v6; a2 += w * v7; a3 += w * v8;
                    a4 += w * v9; a5 += w * v10; a6 += w * v11; a7 += w * v12;
                    if (f32) {
                      a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                      a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
                    }
                    if (chunk > 6) {
                      const w = taps[tc + 6];
                      const v13 = input[xc + 13];
                      a0 += w * v6; a1 += w * v7; a2 += w * v8; a3 += w * v9;
                      a4 += w * v10; a5 += w * v11; a6 += w * v12; a7 += w * v13;
                      if (f32) {
                        a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                        a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
                      }
                      if (chunk > 7) {
                        const w = taps[tc + 7];
                        const v14 = input[xc + 14];
                        a0 += w * v7; a1 += w * v8; a2 += w * v9; a3 += w * v10;
                        a4 += w * v11; a5 += w * v12; a6 += w * v13; a7 += w * v14;
                        if (f32) {
                          a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                          a4 = Math.fround(a4); a5 = Math.fround(a5); a6 = Math.fround(a6); a7 = Math.fround(a7);
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    out[o] = a0;
    out[o + 1] = a1;
    out[o + 2] = a2;
    out[o + 3] = a3;
    out[o + 4] = a4;
    out[o + 5] = a5;
    out[o + 6] = a6;
    out[o + 7] = a7;
  }
}

/** NARROW adjacent outputs from out[o] at unit stride and dilation, as a wide run does them. */
function narrowRun(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, out: FloatArray, o: number, x: number): void {
  const { c, k, l, wp, dh, f32 } = s;
  const plane = s.hp * wp;
  const t = co * c * k * l;
  const start = bias ? bias[co] : 0;
  let a0 = start;
  let a1 = start;
  let a2 = start;
  let a3 = start;
  for (let ci = 0; ci < c; ci++) {
    for (let kk = 0; kk < k; kk++) {
      const xr = x + ci * plane + kk * dh * wp;
      const tr = t + (ci * k + kk) * l;
      for (let m0 = 0; m0 < l; m0 += CHUNK) {
        const chunk = l - m0;
        const xc = xr + m0;
        const tc = tr + m0;
        const v0 = input[xc];
        const v1 = input[xc + 1];
        const v2 = input[xc + 2];
        const w = taps[tc];
        const v3 = input[xc + 3];
        a0 += w * v0; a1 += w * v1; a2 += w * v2; a3 += w * v3;
        if (f32) {
          a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
        }
        if (chunk > 1) {
          const w = taps[tc + 1];
          const v4 = input[xc + 4];
          a0 += w * v1; a1 += w * v2; a2 += w * v3; a3 += w * v4;
          if (f32) {
            a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
          }
          if (chunk > 2) {
            const w = taps[tc + 2];
            const v5 = input[xc + 5];
            a0 += w * v2; a1 += w * v3; a2 += w * v4; a3 += w * v5;
            if (f32) {
              a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
            }
            if (chunk > 3) {
              const w = taps[tc + 3];
              const v6 = input[xc + 6];
              a0 += w * v3; a1 += w * v4; a2 += w * v5; a3 += w * v6;
              if (f32) {
                a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
              }
              if (chunk > 4) {
                const w = taps[tc + 4];
                const v7 = input[xc + 7];
                a0 += w * v4; a1 += w * v5; a2 += w * v6; a3 += w * v7;
                if (f32) {
                  a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                }
                if (chunk > 5) {
                  const w = taps[tc + 5];
                  const v8 = input[xc + 8];
                  a0 += w * v5; a1 += w * v6; a2 += w * v7; a3 += w * v8;
                  if (f32) {
                    a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                  }
                  if (chunk > 6) {
                    const w = taps[tc + 6];
                    const v9 = input[xc + 9];
                    a0 += w * v6; a1 += w * v7; a2 += w * v8; a3 += w * v9;
                    if (f32) {
                      a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                    }
                    if (chunk > 7) {
                      const w = taps[tc + 7];
                      const v10 = input[xc + 10];
                      a0 += w * v7; a1 += w * v8; a2 += w * v9; a3 += w * v10;
                      if (f32) {
                        a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3);
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
  out[o + 3] = a3;
}

/** GATHER outputs anywhere in the channel, at any stride and dilation: slots holds their out and input indices. */
function gatherRun(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, out: FloatArray, slots: Int32Array): void {
  const { c, k, l, wp, dh, dw, f32 } = s;
  const plane = s.hp * wp;
  const t = co * c * k * l;
  const start = bias ? bias[co] : 0;
  const x0 = slots[GATHER];
  const x1 = slots[GATHER + 1];
  const x2 = slots[GATHER + 2];
  const x3 = slots[GATHER + 3];
  let a0 = start;
  let a1 = start;
  let a2 = start;
  let a3 = start;
  for (let ci = 0; ci < c; ci++) {
    for (let kk = 0; kk < k; kk++) {
      const xr = ci * plane + kk * dh * wp;
      const tr = t + (ci * k + kk) * l;
      for (let m0 = 0; m0 < l; m0 += CHUNK) {
        const chunk = l - m0;
        const e = xr + m0 * dw;
        const tc = tr + m0;
        const w = taps[tc];
        const d = e;
        a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
        if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
        if (chunk > 1) {
          const w = taps[tc + 1];
          const d = e + 1 * dw;
          a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
          if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
          if (chunk > 2) {
            const w = taps[tc + 2];
            const d = e + 2 * dw;
            a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
            if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
            if (chunk > 3) {
              const w = taps[tc + 3];
              const d = e + 3 * dw;
              a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
              if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
              if (chunk > 4) {
                const w = taps[tc + 4];
                const d = e + 4 * dw;
                a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
                if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
                if (chunk > 5) {
                  const w = taps[tc + 5];
                  const d = e + 5 * dw;
                  a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
                  if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
                  if (chunk > 6) {
                    const w = taps[tc + 6];
                    const d = e + 6 * dw;
                    a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
                    if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
                    if (chunk > 7) {
                      const w = taps[tc + 7];
                      const d = e + 7 * dw;
                      a0 += w * input[x0 + d]; a1 += w * input[x1 + d]; a2 += w * input[x2 + d]; a3 += w * input[x3 + d];
                      if (f32) { a0 = Math.fround(a0); a1 = Math.fround(a1); a2 = Math.fround(a2); a3 = Math.fround(a3); }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  out[slots[0]] = a0;
  out[slots[1]] = a1;
  out[slots[2]] = a2;
  out[slots[3]] = a3;
}

/** One output computed from scratch, in correlateChannel's order and precision. */
export function outputAt(s: CorrelationShape, input: FloatArray, taps: FloatArray, bias: FloatArray | undefined, b: number, co: number, i: number, j: number): number {
  const { c, k, l, wp, dw, f32 } = s;
  let sum = bias ? bias[co] : 0;
  for (let ci = 0; ci < c; ci++) {
    const inBase = (b * c + ci) * s.hp * wp + i * s.sh * wp + j * s.sw;
    for (let kk = 0; kk < k; kk++) {
      const inRow = inBase + kk * s.dh * wp;
      const tapRow = ((co * c + ci) * k + kk) * l;
      for (let ll = 0; ll < l; ll++) {
        sum += taps[tapRow + ll] * input[inRow + ll * dw];
        if (f32) sum = Math.fround(sum);
      }
    }
  }
  return sum;
}

/** Exchanges the two leading axes of an (a, b, ...rest) array whose trailing axes hold `inner` values. */
export function swapLeadingAxes(data: FloatArray, a: number, b: number, inner: number): FloatArray {
  if (a === 1 || b === 1) return data;
  const out = new (data.constructor as new (n: number) => FloatArray)(data.length);
  for (let p = 0; p < a; p++) {
    for (let q = 0; q < b; q++) out.set(data.subarray((p * b + q) * inner, (p * b + q + 1) * inner), (q * a + p) * inner);
  }
  return out;
}
