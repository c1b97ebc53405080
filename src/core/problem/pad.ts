import type { Axis } from './geometry';
import type { Prepared } from './problem';
import type { FloatArray } from './types';

/**
 * An axis's padded positions as runs that hold consecutive input indices, flattened as
 * (first padded position, first input index, length) triples. Zero padding makes one run (the
 * interior); reflect, replicate and circular add a few short ones. Copying run by run keeps
 * the per-element work to one load and one store.
 */
function sourceRuns(axis: Axis): Int32Array {
  const runs: number[] = [];
  const { source, padded } = axis;
  for (let p = 0; p < padded; ) {
    if (source[p] < 0) {
      p++;
      continue;
    }
    let end = p + 1;
    while (end < padded && source[end] === source[end - 1] + 1) end++;
    runs.push(p, source[p], end - p);
    p = end;
  }
  return Int32Array.from(runs);
}

function isInteriorOnly(axis: Axis): boolean {
  const runs = sourceRuns(axis);
  return runs.length === 3 && runs[0] === axis.before && runs[1] === 0 && runs[2] === axis.size;
}

/** Zero padding on both axes: every input pixel sits at one padded position and the rest hold 0. */
export function paddingIsZeros(prep: Prepared): boolean {
  return isInteriorOnly(prep.geometry.rows) && isInteriorOnly(prep.geometry.cols);
}

/** X with its padding materialised, (N,C,Hp,Wp): padded position (p,q) holds X[source(p), source(q)] or 0. */
export function padInput(prep: Prepared, x: FloatArray = prep.x): FloatArray {
  const { rows, cols } = prep.geometry;
  const runs = sourceRuns(cols);
  const { h, w } = prep;
  const wp = cols.padded;
  const planes = prep.n * prep.c;
  const out = new (x.constructor as new (n: number) => FloatArray)(planes * rows.padded * wp);
  for (let plane = 0; plane < planes; plane++) {
    for (let p = 0; p < rows.padded; p++) {
      const a = rows.source[p];
      if (a < 0) continue;
      const rowIn = (plane * h + a) * w;
      const rowOut = (plane * rows.padded + p) * wp;
      // A run is a block copy: as an element loop V8 ran it interpreted until it had compiled it
      // mid-loop, ~10 ms of a fresh process's first 1024² pass.
      for (let r = 0; r < runs.length; r += 3) out.set(x.subarray(rowIn + runs[r + 1], rowIn + runs[r + 1] + runs[r + 2]), rowOut + runs[r]);
    }
  }
  return out;
}

/**
 * The adjoint of padInput: every padded position's gradient goes back to the input pixel it
 * holds, so reflect, replicate and circular padding fold several positions onto one pixel.
 * Each pixel adds up its positions in row-major order of the padded array.
 */
export function foldPadding(prep: Prepared, paddedGrad: FloatArray): FloatArray {
  const { rows, cols } = prep.geometry;
  const runs = sourceRuns(cols);
  const { h, w } = prep;
  const wp = cols.padded;
  const planes = prep.n * prep.c;
  const out = new (paddedGrad.constructor as new (n: number) => FloatArray)(planes * h * w);
  for (let plane = 0; plane < planes; plane++) {
    for (let p = 0; p < rows.padded; p++) {
      const a = rows.source[p];
      if (a < 0) continue;
      const rowIn = (plane * rows.padded + p) * wp;
      const rowOut = (plane * h + a) * w;
      for (let r = 0; r < runs.length; r += 3) {
        const from = rowIn + runs[r];
        const to = rowOut + runs[r + 1];
        for (let m = 0; m < runs[r + 2]; m++) out[to + m] += paddedGrad[from + m];
      }
    }
  }
  return out;
}
