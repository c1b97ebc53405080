import type { Prepared } from './problem';
import type { FloatArray } from './types';

/**
 * Y = b + sum over channels and taps of taps * Xpadded, as (N,Cout,Ho,Wo). Each product is
 * added into the output array, so a Float32Array output rounds every step: f32 is computed in
 * f32. The summation order (bias, then channel, row tap, column tap) is the one outputAt uses,
 * so a recomputed output equals the forward one bit for bit.
 */
export function forwardPadded(prep: Prepared, xp: FloatArray, taps: FloatArray = prep.taps, bias = prep.bias): FloatArray {
  const { rows, cols } = prep.geometry;
  const { n, c, cout, k, l } = prep;
  const ho = rows.out;
  const wo = cols.out;
  const hp = rows.padded;
  const wp = cols.padded;
  const y = new (xp.constructor as new (n: number) => FloatArray)(n * cout * ho * wo);
  for (let b = 0; b < n; b++) {
    for (let co = 0; co < cout; co++) {
      const yBase = (b * cout + co) * ho * wo;
      if (bias) y.fill(bias[co], yBase, yBase + ho * wo);
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
  return y;
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
  acc: FloatArray,
  b: number,
  co: number,
  i: number,
  j: number,
): number {
  const { rows, cols } = prep.geometry;
  const { c, k, l } = prep;
  const hp = rows.padded;
  const wp = cols.padded;
  acc[0] = bias ? bias[co] : 0;
  for (let ci = 0; ci < c; ci++) {
    const xBase = (b * c + ci) * hp * wp + j * cols.stride;
    for (let kk = 0; kk < k; kk++) {
      const xRow = xBase + (i * rows.stride + kk * rows.dilation) * wp;
      const tapRow = ((co * c + ci) * k + kk) * l;
      for (let ll = 0; ll < l; ll++) acc[0] += taps[tapRow + ll] * xp[xRow + ll * cols.dilation];
    }
  }
  return acc[0];
}
