// Where an H x W plane sits in a heatmap's plot area, and the zoom transforms that frame a
// pixel. Maps of the same size share one transform, so these are pure functions of the size.
import { zoomIdentity, type ZoomTransform } from 'd3';

/** Side of a heatmap's square plot area when nothing else is known, in CSS pixels. */
export const PLOT_SIZE = 220;

/** Width a heatmap adds around its plot: the y axis on the left, the legend on the right. */
const HEATMAP_CHROME = 34 + 4 + 48;
/** Horizontal gap between heatmaps. */
const HEATMAP_GAP = 10;

/** The plot side that fits `perRow` heatmaps across `width` CSS pixels, within sensible bounds. */
export function plotSizeFor(width: number, perRow = 4): number {
  const perMap = Math.floor((width - (perRow - 1) * HEATMAP_GAP) / perRow);
  return Math.max(120, Math.min(320, perMap - HEATMAP_CHROME));
}

export interface Fit {
  /** CSS pixels per data pixel at zoom 1. */
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** Fits the plane into the plot area, keeping square pixels, centred. */
export function fitPlane(height: number, width: number, plot = PLOT_SIZE): Fit {
  const scale = Math.min(plot / width, plot / height);
  return { scale, offsetX: (plot - scale * width) / 2, offsetY: (plot - scale * height) / 2 };
}

/** The data pixel under plot-area point (x, y), or null outside the plane. */
export function pixelAt(
  fit: Fit,
  t: ZoomTransform,
  x: number,
  y: number,
  height: number,
  width: number,
): { row: number; col: number } | null {
  const col = Math.floor((t.invertX(x) - fit.offsetX) / fit.scale);
  const row = Math.floor((t.invertY(y) - fit.offsetY) / fit.scale);
  return row >= 0 && row < height && col >= 0 && col < width ? { row, col } : null;
}

/** A transform that puts pixel (row, col) at the plot's centre, zoomed to at least `minZoom`. */
export function centreOn(fit: Fit, current: ZoomTransform, row: number, col: number, minZoom: number, plot = PLOT_SIZE): ZoomTransform {
  const k = Math.max(current.k, minZoom);
  const cx = fit.offsetX + fit.scale * (col + 0.5);
  const cy = fit.offsetY + fit.scale * (row + 0.5);
  return zoomIdentity.translate(plot / 2 - k * cx, plot / 2 - k * cy).scale(k);
}

/** Zoom needed for one data pixel to cover `cssPixels` on screen. */
export function zoomForPixelSize(fit: Fit, cssPixels: number): number {
  return cssPixels / fit.scale;
}
