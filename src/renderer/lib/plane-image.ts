// A plane painted at its native resolution (one canvas pixel per value), ready to be drawn
// scaled with smoothing off; heatmaps and their small multiples share it.
import { buildLut, paint, type ColorMap } from './colormap';
import type { Plane } from './planes';

export function planeImage(plane: Plane, colorMap: ColorMap): OffscreenCanvas {
  const canvas = new OffscreenCanvas(plane.width, plane.height);
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const image = context.createImageData(plane.width, plane.height);
  paint(plane.data, colorMap, buildLut(colorMap.interpolator), image.data);
  context.putImageData(image, 0, 0);
  return canvas;
}
