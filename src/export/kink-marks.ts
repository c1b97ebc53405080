// Elements whose finite difference crossed a real kink and passed (judged by the kink convention
// or by interval): error maps paint them in a colour no error ramp contains. A kinked element that
// fails or is inconclusive is not in the mask (passedKinks) and shows as its error.
import type { FloatArray } from '../core/problem/types';

/** Cyan: outside magma (error maps) and distinct from the non-finite green. */
export const KINK_RGB: readonly [number, number, number] = [0, 190, 255];
export const KINK_CSS = `rgb(${KINK_RGB.join(',')})`;

/** How many elements `mask` marks (a loop: reduce with a callback took ~10 ms a megapixel on the main thread). */
export function countMarked(mask: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  return count;
}

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

/** What an error map's log scale spans: its smallest positive error (undefined if none) and its largest finite one (0 if none). */
export interface ErrorSpan {
  readonly minPositive: number | undefined;
  readonly max: number;
}

/**
 * The span of `error` with the marked elements counted as 0, so kinks do not stretch the scale.
 * One pass and no copy: a copy of a 3000×2000 error map was 48 MB of fresh memory on the main thread.
 */
export function errorSpan(error: FloatArray, mask?: Uint8Array): ErrorSpan {
  let small = Infinity;
  let max = -Infinity;
  for (let i = 0; i < error.length; i++) {
    const v = mask && mask[i] ? 0 : error[i];
    if (v > 0 && v < small) small = v;
    if (v > max && v !== Infinity) max = v;
  }
  // -Infinity only when every value is NaN or -Infinity: no finite value, as finiteExtent says.
  return { minPositive: small === Infinity ? undefined : small, max: max === -Infinity ? 0 : max };
}
