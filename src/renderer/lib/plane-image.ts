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
 * Planes larger than this are painted a band of rows of about PAINT_SLICE values at a time, in the
 * page's paint queue (paint-queue.ts): painting all the pixels of the results that arrive together
 * in one task would block the main thread far beyond the 50 ms that reads as a stall, more so on a
 * busy machine. Each band is put on the canvas by itself: one putImageData of a whole 1024² plane
 * took some 50 ms alone. Smaller planes paint at once, so they never show a blank frame.
 */
const PAINT_AT_ONCE = 512 * 512;
const PAINT_SLICE = 1 << 16;

/** Calls `use` with the painted plane (as planeImage), now or after a few tasks; the returned function cancels a pending paint. */
export function paintPlane(plane: Plane, colorMap: ColorMap, use: (image: OffscreenCanvas) => void, kinks?: Uint8Array): () => void {
  const { width, height } = plane;
  if (width * height <= PAINT_AT_ONCE) {
    use(planeImage(plane, colorMap, kinks));
    return () => {};
  }
  const bandRows = Math.max(1, Math.floor(PAINT_SLICE / width));
  let canvas: OffscreenCanvas | undefined;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let band: ImageData | undefined;
  let lut: Uint8Array | undefined;
  let row = 0;
  return queuePaint((until) => {
    if (!canvas) {
      canvas = new OffscreenCanvas(width, height);
      context = canvas.getContext('2d');
    }
    if (!context) return true;
    lut ??= buildLut(colorMap.interpolator);
    do {
      const rows = Math.min(bandRows, height - row);
      if (!band || band.height !== rows) band = context.createImageData(width, rows);
      const [start, end] = [row * width, (row + rows) * width];
      paint(plane.data.subarray(start, end), colorMap, lut, band.data);
      if (kinks) paintKinks(kinks.subarray(start, end), band.data);
      context.putImageData(band, 0, row);
      row += rows;
    } while (row < height && performance.now() < until);
    if (row < height) return false;
    use(canvas);
    return true;
  });
}
