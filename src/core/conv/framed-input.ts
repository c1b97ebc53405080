import type { Frame } from './correlate';
import { padInput, paddingIsZeros } from '../problem/pad';
import type { Prepared } from '../problem/problem';
import type { FloatArray } from '../problem/types';

/**
 * X as the forward pass and dL/dW read it: `inner` within its frame of the padded planes. With
 * zero padding that is X itself, in place (the padded copy is fresh memory, ~4 ms a MB to first
 * touch on this project's machine); otherwise the padded copy, whose frame is the whole plane.
 * `padded()` gives the padded copy for what needs it (the FFT), made at most once.
 */
export interface FramedInput {
  readonly inner: FloatArray;
  readonly frame: Frame;
  padded(): FloatArray;
}

/** A padded input as it is: the frame is the whole plane. */
export function wholePlane(prep: Prepared, xp: FloatArray): FramedInput {
  return { inner: xp, frame: { top: 0, left: 0, h: prep.geometry.rows.padded, w: prep.geometry.cols.padded }, padded: () => xp };
}

/** The problem's X framed in place when its padding is zeros, else its padded copy. */
export function framedInput(prep: Prepared): FramedInput {
  if (!paddingIsZeros(prep)) return wholePlane(prep, padInput(prep));
  let xp: FloatArray | undefined;
  const { rows, cols } = prep.geometry;
  return { inner: prep.x, frame: { top: rows.before, left: cols.before, h: prep.h, w: prep.w }, padded: () => (xp ??= padInput(prep)) };
}
