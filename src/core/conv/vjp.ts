import { correlate, correlateFramed, insideRange, swapLeadingAxes, type CorrelationShape } from './correlate';
import { wholePlane, type FramedInput } from './framed-input';
import { fftPays } from './correlate-fft';
import { forwardShape } from './forward';
import { foldPadding, paddingIsZeros } from '../problem/pad';
import { mirrorPlanes, type Prepared } from '../problem/problem';
import type { Memory } from '../problem/memory';
import type { FloatArray } from '../problem/types';

export interface VjpArrays {
  /** dL/dX as (N,C,H,W). */
  readonly dx: FloatArray;
  /** dL/dW as (Cout,C,K,L), in the user's kernel orientation. */
  readonly dw: FloatArray;
  readonly db?: FloatArray;
}

/**
 * The exact vector-Jacobian product of Y = b + taps (x) Xpadded for the upstream gradient gy
 * (N,Cout,Ho,Wo). Both halves are correlations again, as the seed notebook derives:
 * dXpadded = (dL/dY spread out by the stride and padded) (x) (the taps mirrored), and
 * dTaps = Xpadded (x) dL/dY; the padded gradient is then folded back onto X. Zero padding
 * folds nothing, so there only the interior of dXpadded is computed and it is dL/dX.
 */
export function vjpPadded(prep: Prepared, xp: FloatArray, gy: FloatArray): VjpArrays {
  return vjpOf(prep, wholePlane(prep, xp), gy);
}

/**
 * vjpPadded of a framed input: dL/dW reads X in place where its padding is zeros. dL/dX is
 * allocated in `memory` where it is a correlation's result (zero padding).
 */
export function vjpOf(prep: Prepared, input: FramedInput, gy: FloatArray, memory: Memory = 'own'): VjpArrays {
  const fwd = forwardShape(prep);
  const dTaps = tapGradient(fwd, input, gy);
  const { rows, cols } = prep.geometry;
  const dx = paddingIsZeros(prep)
    ? inputGradient(fwd, prep.taps, gy, { top: rows.before, rows: prep.h, left: cols.before, cols: prep.w }, memory)
    : foldPadding(prep, inputGradient(fwd, prep.taps, gy, { top: 0, rows: fwd.hp, left: 0, cols: fwd.wp }));
  return {
    dx,
    dw: prep.mirrored ? mirrorPlanes(dTaps, prep.k, prep.l) : dTaps,
    db: prep.bias ? biasGradient(fwd, gy) : undefined,
  };
}

/** Padded rows [top, top + rows) and columns [left, left + cols). */
interface Window {
  readonly top: number;
  readonly rows: number;
  readonly left: number;
  readonly cols: number;
}

/**
 * dXpadded[b,ci,p,q] over a window of padded positions: the sum over co and taps (k,l) with
 * p = i*sh + k*dh, q = j*sw + l*dw of gy[b,co,i,j] * taps[co,ci,k,l]. With gy placed every sh
 * rows and sw columns of a zero array that reaches the kernel extent above and left of the
 * window, that is a stride-1 correlation with the taps mirrored and their channel axes
 * exchanged. Values of gy that reach no position of the window are left out.
 */
function inputGradient(fwd: CorrelationShape, taps: FloatArray, gy: FloatArray, window: Window, memory: Memory = 'own'): FloatArray {
  const { n, c, cout, k, l, ho, wo, sh, sw, dh, dw, f32 } = fwd;
  const extentH = (k - 1) * dh;
  const extentW = (l - 1) * dw;
  const gh = window.rows + extentH;
  const gw = window.cols + extentW;
  // gy[i,j] lands on padded (i*sh, j*sw), which is spread (i*sh + extentH - top, j*sw + extentW - left).
  const rowShift = extentH - window.top;
  const colShift = extentW - window.left;
  const Float = gy.constructor as new (n: number) => FloatArray;
  const mirrored = new Float(taps.length);
  for (let co = 0; co < cout; co++) {
    for (let ci = 0; ci < c; ci++) {
      for (let kk = 0; kk < k; kk++) {
        for (let ll = 0; ll < l; ll++) {
          mirrored[((ci * cout + co) * k + (k - 1 - kk)) * l + (l - 1 - ll)] = taps[((co * c + ci) * k + kk) * l + ll];
        }
      }
    }
  }
  const shape = { n, c: cout, cout: c, k, l, hp: gh, wp: gw, ho: window.rows, wo: window.cols, sh: 1, sw: 1, dh, dw, f32 };
  // At unit stride the spread array is gy framed by zeros: the direct correlation reads gy itself.
  if (sh === 1 && sw === 1 && !fftPays(shape)) return correlateFramed(shape, gy, { top: rowShift, left: colShift, h: ho, w: wo }, mirrored, memory);
  // The columns j of gy with 0 <= j*sw + colShift < gw.
  const jFirst = Math.max(0, Math.ceil(-colShift / sw));
  const jEnd = Math.min(wo, Math.ceil((gw - colShift) / sw));
  const spread = new Float(n * cout * gh * gw);
  for (let plane = 0; plane < n * cout; plane++) {
    for (let i = 0; i < ho; i++) {
      const r = i * sh + rowShift;
      if (r < 0 || r >= gh) continue;
      const to = (plane * gh + r) * gw + colShift;
      const from = (plane * ho + i) * wo;
      if (sw === 1) spread.set(gy.subarray(from + jFirst, from + jEnd), to + jFirst);
      else for (let j = jFirst; j < jEnd; j++) spread[to + j * sw] = gy[from + j];
    }
  }
  return correlate(shape, spread, mirrored, undefined, memory);
}

/**
 * dTaps[co,ci,k,l] = sum over b,i,j of gy[b,co,i,j] * Xpadded[b,ci, i*sh + k*dh, j*sw + l*dw]:
 * a correlation of Xpadded with dL/dY as the kernel, where the batch is the summed channel axis,
 * the forward stride is the kernel's dilation and the forward dilation is the output stride.
 * Where the FFT pays it is computed that way (correlate); otherwise directly, row by row.
 */
function tapGradient(fwd: CorrelationShape, input: FramedInput, gy: FloatArray): FloatArray {
  const { n, c, cout, k, l, hp, wp, ho, wo, sh, sw, dh, dw, f32 } = fwd;
  const shape = { n: c, c: n, cout, k: ho, l: wo, hp, wp, ho: k, wo: l, sh: dh, sw: dw, dh: sh, dw: sw, f32 };
  if (!fftPays(shape)) return tapGradientByRows(fwd, input, gy);
  const perChannel = correlate(shape, swapLeadingAxes(input.padded(), n, c, hp * wp), swapLeadingAxes(gy, n, cout, ho * wo));
  return swapLeadingAxes(perChannel, c, cout, k * l);
}

/** Taps of a kernel row that one pass over a row of dL/dY accumulates together. */
const ROW_TAPS = 4;

/**
 * tapGradient without the FFT. As a correlation it was a few outputs each summing a whole image
 * (one call per 4 taps, 4M multiply-adds at 1024²): V8 ran each such call interpreted until it
 * had compiled the function mid-loop, so a fresh process paid ~100 ms more for it than a warm
 * one. Here each call is one row of dL/dY against one row of Xpadded for ROW_TAPS taps of a
 * kernel row (the rest one at a time): small, called often, optimised early. Every tap still sums
 * in the order b, i, j from 0, as the correlation did, so the values are the same to the bit.
 */
function tapGradientByRows(fwd: CorrelationShape, input: FramedInput, gy: FloatArray): FloatArray {
  const { n, c, cout, k, l, ho, wo, sh, sw, dh, dw, f32 } = fwd;
  const { inner, frame } = input;
  const { top, left, h, w } = frame;
  const dTaps = new (gy.constructor as new (n: number) => FloatArray)(cout * c * k * l);
  // Outside the frame X is zero: those products are left out, which changes no sum (each starts
  // at +0). Tap column m reads inside the frame for the output columns [from[m], to[m]); a group
  // of ROW_TAPS taps from m goes together over the columns all of them read, [first[m], end[m]),
  // and each tap's own columns before and after those are summed alone, in order.
  const from = new Int32Array(l);
  const to = new Int32Array(l);
  for (let m = 0; m < l; m++) [from[m], to[m]] = insideRange(wo, sw, left - m * dw, 1, 1, w);
  const first = new Int32Array(l);
  const end = new Int32Array(l);
  const full = l - (l % ROW_TAPS);
  for (let m = 0; m < full; m += ROW_TAPS) {
    first[m] = Math.max(...from.subarray(m, m + ROW_TAPS));
    end[m] = Math.min(...to.subarray(m, m + ROW_TAPS));
  }
  for (let co = 0; co < cout; co++) {
    for (let ci = 0; ci < c; ci++) {
      const taps = (co * c + ci) * k * l;
      for (let b = 0; b < n; b++) {
        const plane = (b * c + ci) * h;
        for (let i = 0; i < ho; i++) {
          const g = ((b * cout + co) * ho + i) * wo;
          // Kernel row kk reads row i*sh + kk*dh - top of inner; x is its padded column 0 there.
          const rowOf = (kk: number): number => i * sh + kk * dh - top;
          const xOf = (kk: number): number => (plane + rowOf(kk)) * w - left;
          for (let kk = 0; kk < k; kk++) {
            if (rowOf(kk) < 0 || rowOf(kk) >= h) continue;
            const x = xOf(kk);
            const t = taps + kk * l;
            for (let m = 0; m < full; m += ROW_TAPS) {
              const together = end[m] > first[m];
              for (let q = m; q < m + ROW_TAPS; q++) rowTapOver(gy, g, inner, x + q * dw, sw, dTaps, t + q, from[q], together ? first[m] : to[q], f32);
              if (!together) continue;
              rowTaps(gy, g + first[m], end[m] - first[m], inner, x + m * dw + first[m] * sw, sw, dw, dTaps, t + m, 1, f32);
              for (let q = m; q < m + ROW_TAPS; q++) rowTapOver(gy, g, inner, x + q * dw, sw, dTaps, t + q, end[m], to[q], f32);
            }
          }
          // The columns a row's groups leave over go ROW_TAPS kernel rows at a time (one alone
          // would wait on its own additions: it took half of dL/dW's time at 5×5).
          for (let m = full; m < l; m++) {
            if (to[m] <= from[m]) continue;
            const count = to[m] - from[m];
            let kk = 0;
            for (; kk + ROW_TAPS <= k && rowOf(kk) >= 0 && rowOf(kk + ROW_TAPS - 1) < h; kk += ROW_TAPS) {
              rowTaps(gy, g + from[m], count, inner, xOf(kk) + m * dw + from[m] * sw, sw, dh * w, dTaps, taps + kk * l + m, l, f32);
            }
            for (; kk < k; kk++) if (rowOf(kk) >= 0 && rowOf(kk) < h) rowTapOver(gy, g, inner, xOf(kk) + m * dw, sw, dTaps, taps + kk * l + m, from[m], to[m], f32);
          }
        }
      }
    }
  }
  return dTaps;
}

/** rowTap over the output columns [from, to) (none when to <= from); x is the tap's input at output column 0. */
function rowTapOver(gy: FloatArray, g: number, xp: FloatArray, x: number, sw: number, dTaps: FloatArray, t: number, from: number, to: number, f32: boolean): void {
  if (to > from) rowTap(gy, g + from, to - from, xp, x + from * sw, sw, dTaps, t, f32);
}

/**
 * Adds to dTaps[t + q*tStep] (q < ROW_TAPS) the products of `count` values of dL/dY from gy[g]
 * with X from xp[x + q*step] at steps of sw (the taps of a kernel row: step dw, tStep 1; of a
 * column: a row of X apart, tStep l), as separate sums held in registers, so the additions of
 * one tap do not wait on the others'.
 */
function rowTaps(gy: FloatArray, g: number, count: number, xp: FloatArray, x: number, sw: number, step: number, dTaps: FloatArray, t: number, tStep: number, f32: boolean): void {
  let s0 = dTaps[t];
  let s1 = dTaps[t + tStep];
  let s2 = dTaps[t + 2 * tStep];
  let s3 = dTaps[t + 3 * tStep];
  if (step === sw) {
    // Tap q at column j reads what tap q + 1 read at column j - 1: the values slide through
    // registers, one new load per column (as correlate's runs do).
    // Two columns a step: the loop's own overhead weighs as much as its 8 multiply-adds.
    let x0 = xp[x];
    let x1 = xp[x + step];
    let x2 = xp[x + 2 * step];
    let j = 0;
    let at = x + 3 * step;
    for (; j + 1 < count; j += 2, at += 2 * sw) {
      const v = gy[g + j];
      const u = gy[g + j + 1];
      const x3 = xp[at];
      const x4 = xp[at + sw];
      s0 += v * x0; s1 += v * x1; s2 += v * x2; s3 += v * x3;
      if (f32) {
        s0 = Math.fround(s0); s1 = Math.fround(s1); s2 = Math.fround(s2); s3 = Math.fround(s3);
      }
      s0 += u * x1; s1 += u * x2; s2 += u * x3; s3 += u * x4;
      if (f32) {
        s0 = Math.fround(s0); s1 = Math.fround(s1); s2 = Math.fround(s2); s3 = Math.fround(s3);
      }
      x0 = x2;
      x1 = x3;
      x2 = x4;
    }
    if (j < count) {
      const v = gy[g + j];
      s0 += v * x0; s1 += v * x1; s2 += v * x2; s3 += v * xp[at];
      if (f32) {
        s0 = Math.fround(s0); s1 = Math.fround(s1); s2 = Math.fround(s2); s3 = Math.fround(s3);
      }
    }
  } else {
    for (let j = 0; j < count; j++) {
      const v = gy[g + j];
      const at = x + j * sw;
      s0 += v * xp[at];
      s1 += v * xp[at + step];
      s2 += v * xp[at + 2 * step];
      s3 += v * xp[at + 3 * step];
      if (f32) {
        s0 = Math.fround(s0); s1 = Math.fround(s1); s2 = Math.fround(s2); s3 = Math.fround(s3);
      }
    }
  }
  dTaps[t] = s0;
  dTaps[t + tStep] = s1;
  dTaps[t + 2 * tStep] = s2;
  dTaps[t + 3 * tStep] = s3;
}

/** rowTaps for the one tap at dTaps[t]. */
function rowTap(gy: FloatArray, g: number, count: number, xp: FloatArray, x: number, sw: number, dTaps: FloatArray, t: number, f32: boolean): void {
  let s = dTaps[t];
  for (let j = 0; j < count; j++) {
    s += gy[g + j] * xp[x + j * sw];
    if (f32) s = Math.fround(s);
  }
  dTaps[t] = s;
}

function biasGradient(fwd: CorrelationShape, gy: FloatArray): FloatArray {
  const { n, cout, f32 } = fwd;
  const per = fwd.ho * fwd.wo;
  const db = new (gy.constructor as new (n: number) => FloatArray)(cout);
  for (let co = 0; co < cout; co++) {
    let s = 0;
    for (let b = 0; b < n; b++) {
      const base = (b * cout + co) * per;
      for (let o = 0; o < per; o++) {
        s += gy[base + o];
        if (f32) s = Math.fround(s);
      }
    }
    db[co] = s;
  }
  return db;
}
