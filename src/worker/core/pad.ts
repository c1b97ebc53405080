import type { Prepared } from './problem';
import type { FloatArray } from './types';

/** X with its padding materialised, (N,C,Hp,Wp): padded position (p,q) holds X[source(p), source(q)] or 0. */
export function padInput(prep: Prepared, x: FloatArray = prep.x): FloatArray {
  const { rows, cols } = prep.geometry;
  const planes = prep.n * prep.c;
  const out = new (x.constructor as new (n: number) => FloatArray)(planes * rows.padded * cols.padded);
  for (let plane = 0; plane < planes; plane++) {
    const src = plane * prep.h * prep.w;
    const dst = plane * rows.padded * cols.padded;
    for (let p = 0; p < rows.padded; p++) {
      const a = rows.source[p];
      if (a < 0) continue;
      const rowIn = src + a * prep.w;
      const rowOut = dst + p * cols.padded;
      for (let q = 0; q < cols.padded; q++) {
        const b = cols.source[q];
        if (b >= 0) out[rowOut + q] = x[rowIn + b];
      }
    }
  }
  return out;
}

/**
 * The adjoint of padInput: every padded position's gradient goes back to the input pixel it
 * holds, so reflect, replicate and circular padding fold several positions onto one pixel.
 */
export function foldPadding(prep: Prepared, paddedGrad: FloatArray): FloatArray {
  const { rows, cols } = prep.geometry;
  const planes = prep.n * prep.c;
  const out = new (paddedGrad.constructor as new (n: number) => FloatArray)(planes * prep.h * prep.w);
  for (let plane = 0; plane < planes; plane++) {
    const src = plane * rows.padded * cols.padded;
    const dst = plane * prep.h * prep.w;
    for (let p = 0; p < rows.padded; p++) {
      const a = rows.source[p];
      if (a < 0) continue;
      for (let q = 0; q < cols.padded; q++) {
        const b = cols.source[q];
        if (b >= 0) out[dst + a * prep.w + b] += paddedGrad[src + p * cols.padded + q];
      }
    }
  }
  return out;
}
