// A map drawn smaller than its data shows one element per screen pixel, as the whole plane drawn
// scaled down with smoothing off does. Made directly, that image costs (H/f)·(W/f) elements instead
// of painting all H·W: a 3000×2000 plane's 6M pixels, for a map some 300 pixels wide, took the
// main thread and the compositor cores the numerical job needed. (Error maps are max-pooled
// instead, so that no bad element is lost: max-pool.ts.)
import type { Plane } from '../../export/planes';
import type { Pooled } from './max-pool';

/** The plane in `factor` x `factor` cells (partial ones at the edges), each showing its first element and that element's kink mark. */
export function samplePlane(plane: Plane, factor: number, kinks?: Uint8Array): Pooled {
  const height = Math.ceil(plane.height / factor);
  const width = Math.ceil(plane.width / factor);
  const data = new Float64Array(height * width);
  const marks = kinks && new Uint8Array(height * width);
  for (let r = 0; r < height; r++) {
    const from = r * factor * plane.width;
    for (let c = 0; c < width; c++) {
      data[r * width + c] = plane.data[from + c * factor];
      if (marks) marks[r * width + c] = kinks![from + c * factor];
    }
  }
  return { plane: { height, width, data }, kinks: marks, factor };
}
