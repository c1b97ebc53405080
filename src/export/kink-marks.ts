// Elements whose finite difference crossed a real kink and passed (judged by the kink convention
// or by interval): error maps paint them in a colour no error ramp contains. A kinked element that
// fails or is inconclusive is not in the mask (passedKinks) and shows as its error.
import type { FloatArray } from '../core/problem/types';

/** Cyan: outside magma (error maps) and distinct from the non-finite green. */
export const KINK_RGB: readonly [number, number, number] = [0, 190, 255];
export const KINK_CSS = `rgb(${KINK_RGB.join(',')})`;

/** Overwrites the RGBA pixels of marked elements with the kink colour; returns how many. */
export function paintKinks(mask: Uint8Array, rgba: Uint8ClampedArray): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    rgba.set(KINK_RGB, 4 * i);
    count++;
  }
  return count;
}

/** Error values with the kink elements left out, so they do not stretch the colour scale. */
export function withoutKinks(error: FloatArray, mask: Uint8Array | undefined): FloatArray {
  if (!mask) return error;
  const out = Float64Array.from(error);
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[i] = 0;
  return out;
}
