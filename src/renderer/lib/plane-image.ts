// A plane painted at its native resolution (one canvas pixel per value), ready to be drawn
// scaled with smoothing off; heatmaps and their small multiples share it.
import { buildLut, paint, type ColorMap } from '../../export/colormap';
import { paintKinks } from '../../export/kink-marks';
import { planePixels } from '../../export/plane-pixels';
import { queuePaint } from './paint-queue';
import type { Plane } from '../../export/planes';

/** The canvas and pixel buffer a plane is painted into, before the pixels are put. */
function surfaceFor(plane: Plane) {
  const canvas = new OffscreenCanvas(plane.width, plane.height);
  const context = canvas.getContext('2d');
  return { canvas, context, image: context?.createImageData(plane.width, plane.height) };
}

export function planeImage(plane: Plane, colorMap: ColorMap, kinks?: Uint8Array): OffscreenCanvas {
  const { canvas, context, image } = surfaceFor(plane);
  if (!context || !image) return canvas;
  planePixels(plane, colorMap, kinks, image.data);
  context.putImageData(image, 0, 0);
  return canvas;
}

/**
 * Planes larger than this are painted PAINT_SLICE values at a time, in the page's paint queue
 * (paint-queue.ts): painting all the pixels of the results that arrive together in one task would
 * block the main thread far beyond the 50 ms that reads as a stall, more so on a busy machine.
 * Smaller planes paint at once, so they never show a blank frame.
 */
const PAINT_AT_ONCE = 512 * 512;
const PAINT_SLICE = 1 << 16;

/**
 * Calls `use` with the painted plane (as planeImage), now or after a few tasks; the returned
 * function cancels a pending paint. A `background` plane (not on screen yet) waits for the others.
 */
export function paintPlane(plane: Plane, colorMap: ColorMap, use: (image: OffscreenCanvas) => void, kinks?: Uint8Array, background = false): () => void {
  const count = plane.width * plane.height;
  if (count <= PAINT_AT_ONCE) {
    use(planeImage(plane, colorMap, kinks));
    return () => {};
  }
  let surface: ReturnType<typeof surfaceFor> | undefined;
  let lut: Uint8Array | undefined;
  let done = 0;
  return queuePaint((until) => {
    // Allocated here rather than up front: several megabytes, zeroed, in the first slice's task.
    surface ??= surfaceFor(plane);
    lut ??= buildLut(colorMap.interpolator);
    const { canvas, context, image } = surface;
    if (!context || !image) return true;
    do {
      const end = Math.min(done + PAINT_SLICE, count);
      paint(plane.data, colorMap, lut, image.data, done, end);
      done = end;
    } while (done < count && performance.now() < until);
    if (done < count) return false;
    if (kinks) paintKinks(kinks, image.data);
    context.putImageData(image, 0, 0);
    use(canvas);
    return true;
  }, background);
}
