import type { Prepared } from './problem';
import type { FloatArray } from './types';

/**
 * Y = b + sum over channels and taps of taps * Xpadded, as (N,Cout,Ho,Wo). Each product is
 * added into the output array, so a Float32Array output rounds every step: f32 is computed in
 * f32. The summation order (bias, then channel, row tap, column tap) is the one outputAt uses,
 * so a recomputed output equals the forward one bit for bit.
 */
export function forwardPadded(prep: Prepared, xp: FloatArray, taps: FloatArray = prep.taps, bias = prep.bias): FloatArray {
  const y = new (xp.constructor as new (n: number) => FloatArray)(prep.n * prep.cout * prep.geometry.rows.out * prep.geometry.cols.out);
  for (let co = 0; co < prep.cout; co++) forwardChannel(prep, xp, taps, bias, co, y);
  return y;
}

/** Output channel `co` of forwardPadded, written over y (N,Cout,Ho,Wo). */
export function forwardChannel(prep: Prepared, xp: FloatArray, taps: FloatArray, bias: FloatArray | undefined, co: number, y: FloatArray): void {
  const { rows, cols } = prep.geometry;
  const { n, c, cout, k, l } = prep;
  const ho = rows.out;
  const wo = cols.out;
  const hp = rows.padded;
  const wp = cols.padded;
  for (let b = 0; b < n; b++) {
    const yBase = (b * cout + co) * ho * wo;
    y.fill(bias ? bias[co] : 0, yBase, yBase + ho * wo);
    for (let ci = 0; ci < c; ci++) {
      const xBase = (b * c + ci) * hp * wp;
      for (let i = 0; i < ho; i++) {
        const yRow = yBase + i * wo;
        for (let kk = 0; kk < k; kk++) {
          const xRow = xBase + (i * rows.stride + kk * rows.dilation) * wp;
          const tapRow = ((co * c + ci) * k + kk) * l;
          for (let ll = 0; ll < l; ll++) {
            const t = taps[tapRow + ll];
            const x0 = xRow + ll * cols.dilation;
            for (let j = 0; j < wo; j++) y[yRow + j] += t * xp[x0 + j * cols.stride];
          }
        }
      }
    }
  }
}

/**
 * One output recomputed from scratch, in the same order as forwardPadded. `acc` is a
 * one-element array of the working dtype, so f32 rounds at every step exactly as there.
 */
export function outputAt(
  prep: Prepared,
  xp: FloatArray,
  taps: FloatArray,
  bias: FloatArray | undefined,
  round: (v: number) => number,
  b: number,
  co: number,
  i: number,
  j: number,
): number {
  const { rows, cols } = prep.geometry;
  const { c, k, l } = prep;
  const hp = rows.padded;
  const wp = cols.padded;
  let s = bias ? bias[co] : 0;
  const dwl = cols.dilation;
  for (let ci = 0; ci < c; ci++) {
    const xBase = (b * c + ci) * hp * wp + j * cols.stride;
    for (let kk = 0; kk < k; kk++) {
      const xRow = xBase + (i * rows.stride + kk * rows.dilation) * wp;
      const tapRow = ((co * c + ci) * k + kk) * l;
      for (let ll = 0; ll < l; ll++) s = round(s + taps[tapRow + ll] * xp[xRow + ll * dwl]);
    }
  }
  return s;
}
