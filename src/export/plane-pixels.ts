// A plane's pixels at its native resolution (one pixel per value), exactly as a heatmap paints
// them: the app's canvases and every exported PNG (the app's and `convgrad render`'s) share it.
import { buildLut, paint, type ColorMap } from './colormap';
import { paintKinks } from './kink-marks';
import type { Plane } from './planes';

/** The plane's RGBA pixels as the heatmap shows them; `kinks` (one flag per value) marks elements painted in the kink colour instead. */
export function planePixels(plane: Plane, colorMap: ColorMap, kinks?: Uint8Array, out = new Uint8ClampedArray(plane.width * plane.height * 4)): Uint8ClampedArray {
  paint(plane.data, colorMap, buildLut(colorMap.interpolator), out);
  if (kinks) paintKinks(kinks, out);
  return out;
}

