import { correlate, type CorrelationShape } from './correlate';
import type { Prepared } from '../problem/problem';
import type { FloatArray } from '../problem/types';

/** The forward pass of a prepared problem as a correlation of its padded input with its taps. */
export function forwardShape(prep: Prepared): CorrelationShape {
  const { rows, cols } = prep.geometry;
  return {
    n: prep.n,
    c: prep.c,
    cout: prep.cout,
    k: prep.k,
    l: prep.l,
    hp: rows.padded,
    wp: cols.padded,
    ho: rows.out,
    wo: cols.out,
    sh: rows.stride,
    sw: cols.stride,
    dh: rows.dilation,
    dw: cols.dilation,
    f32: prep.dtype === 'f32',
  };
}

/** Y = b + taps (x) Xpadded, as (N,Cout,Ho,Wo). */
export function forwardPadded(prep: Prepared, xp: FloatArray, taps: FloatArray = prep.taps, bias = prep.bias): FloatArray {
  return correlate(forwardShape(prep), xp, taps, bias);
}
