import { correlate, correlateFramed, type CorrelationShape } from './correlate';
import { fftPays } from './correlate-fft';
import type { FramedInput } from './framed-input';
import type { Prepared } from '../problem/problem';
import type { Memory } from '../problem/memory';
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

/**
 * Y of a framed input: without a bias and where the direct correlation runs, from X in place
 * (correlateFramed, the same values to the bit); otherwise from the padded copy. Allocated in
 * `memory`.
 */
export function forwardOf(prep: Prepared, input: FramedInput, memory: Memory = 'own'): FloatArray {
  const shape = forwardShape(prep);
  if (!prep.bias && !fftPays(shape)) return correlateFramed(shape, input.inner, input.frame, prep.taps, memory);
  return correlate(shape, input.padded(), prep.taps, prep.bias, memory);
}
