import { foldPadding } from './pad';
import { mirrorPlanes, type Prepared } from './problem';
import type { FloatArray } from './types';

export interface VjpArrays {
  /** dL/dX as (N,C,H,W). */
  readonly dx: FloatArray;
  /** dL/dW as (Cout,C,K,L), in the user's kernel orientation. */
  readonly dw: FloatArray;
  readonly db?: FloatArray;
}

/**
 * The exact vector-Jacobian product of Y = b + taps (x) Xpadded for the upstream gradient gy
 * (N,Cout,Ho,Wo). Every output scatters gy * tap into the padded input it read and gathers
 * gy * Xpadded into the tap; the padded gradient is then folded back onto X.
 */
export function vjpPadded(prep: Prepared, xp: FloatArray, gy: FloatArray): VjpArrays {
  const { rows, cols } = prep.geometry;
  const { n, c, cout, k, l, taps } = prep;
  const ho = rows.out;
  const wo = cols.out;
  const hp = rows.padded;
  const wp = cols.padded;
  const Float = gy.constructor as new (n: number) => FloatArray;
  const dxp = new Float(n * c * hp * wp);
  const dTaps = new Float(cout * c * k * l);
  // A one-element accumulator of the working dtype keeps f32 sums rounding at every step.
  const acc = new Float(1);
  for (let b = 0; b < n; b++) {
    for (let co = 0; co < cout; co++) {
      const gBase = (b * cout + co) * ho * wo;
      for (let ci = 0; ci < c; ci++) {
        const xBase = (b * c + ci) * hp * wp;
        for (let kk = 0; kk < k; kk++) {
          for (let ll = 0; ll < l; ll++) {
            const tapIndex = ((co * c + ci) * k + kk) * l + ll;
            const t = taps[tapIndex];
            acc[0] = dTaps[tapIndex];
            for (let i = 0; i < ho; i++) {
              const gRow = gBase + i * wo;
              const x0 = xBase + (i * rows.stride + kk * rows.dilation) * wp + ll * cols.dilation;
              for (let j = 0; j < wo; j++) {
                const g = gy[gRow + j];
                const at = x0 + j * cols.stride;
                dxp[at] += g * t;
                acc[0] += g * xp[at];
              }
            }
            dTaps[tapIndex] = acc[0];
          }
        }
      }
    }
  }
  let db: FloatArray | undefined;
  if (prep.bias) {
    db = new Float(cout);
    for (let b = 0; b < n; b++) {
      for (let co = 0; co < cout; co++) {
        acc[0] = db[co];
        const gBase = (b * cout + co) * ho * wo;
        for (let o = 0; o < ho * wo; o++) acc[0] += gy[gBase + o];
        db[co] = acc[0];
      }
    }
  }
  return {
    dx: foldPadding(prep, dxp),
    dw: prep.mirrored ? mirrorPlanes(dTaps, k, l) : dTaps,
    db,
  };
}
