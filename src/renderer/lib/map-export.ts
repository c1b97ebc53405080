// One map of the window as files: PNG (one pixel per element, ×k nearest) with exactly the
// heatmap's colours, SVG with axes, title and legend, the array as .npy, the shown plane as CSV.
import { encodePng, mapSvg, planeCsv, type LegendSpec } from '../../export';
import { writeNpy } from '../../formats/npy';
import type { ColorMap } from './colormap';
import { legendTicks } from './legend-ticks';
import { planeColorMap, planeKinks, type MapSpec } from './maps';
import { planePixels } from './plane-image';
import { planeAt, planeCount } from './planes';

export type MapFormat = 'png' | 'svg' | 'npy' | 'csv';

/** A file name from a map's id, the plane shown (when there are several) and the format. */
export function exportName(map: MapSpec, k: number, format: MapFormat, scale = 1): string {
  const plane = planeCount(map.tensor) > 1 && format !== 'npy' ? `-plane${k}` : '';
  const magnified = format === 'png' && scale > 1 ? `-x${scale}` : '';
  return `${map.id}${plane}${magnified}.${format}`;
}

/** The plane's pixels exactly as its heatmap paints them. */
export function mapPixels(map: MapSpec, k: number, atol: number): { rgba: Uint8ClampedArray; width: number; height: number } {
  const plane = planeAt(map.tensor, k);
  return { rgba: planePixels(plane, planeColorMap(map, k, atol), planeKinks(map, k)), width: plane.width, height: plane.height };
}

export function mapPng(map: MapSpec, k: number, atol: number, scale = 1): Uint8Array {
  const { rgba, width, height } = mapPixels(map, k, atol);
  return encodePng(rgba, width, height, scale);
}

const LEGEND_STOPS = 32;

function legendOf(colorMap: ColorMap): LegendSpec {
  const colors = Array.from({ length: LEGEND_STOPS + 1 }, (_, i) => colorMap.interpolator(i / LEGEND_STOPS));
  const { values, format } = legendTicks(colorMap);
  const ticks = values.map((v) => ({ at: colorMap.position(v), label: format(v) })).filter((t) => t.at >= 0 && t.at <= 1);
  if (colorMap.marker !== undefined) ticks.push({ at: colorMap.position(colorMap.marker), label: 'atol' });
  return { colors, ticks };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function mapSvgText(map: MapSpec, k: number, atol: number): string {
  const { rgba, width, height } = mapPixels(map, k, atol);
  const title = planeCount(map.tensor) > 1 ? `${map.title} (plane ${k})` : map.title;
  return mapSvg({
    title,
    width,
    height,
    pngDataUri: `data:image/png;base64,${base64(encodePng(rgba, width, height))}`,
    legend: legendOf(planeColorMap(map, k, atol)),
  });
}

export function mapNpy(map: MapSpec): Uint8Array {
  return writeNpy(map.tensor);
}

export function mapCsv(map: MapSpec, k: number): string {
  const plane = planeAt(map.tensor, k);
  return planeCsv(plane.data, plane.height, plane.width);
}
