// One map as files: PNG (one pixel per element, ×k nearest) with exactly the heatmap's colours,
// SVG with axes, title and legend, the array as .npy, a plane as CSV. The app's "Export…" and
// `convgrad render` both write these, so the same problem gives the same files.
import { writeNpy } from '../formats/npy';
import type { ColorMap } from './colormap';
import { planeCsv } from './csv';
import { legendTicks } from './legend-ticks';
import { mapSvg, type LegendSpec } from './map-svg';
import type { ColourRange } from '../core/problem/options';
import { planeColorMap, planeKinks, type MapSpec } from './maps';
import { planePixels } from './plane-pixels';
import { planeAt, planeCount } from './planes';
import { encodePng } from './png';

export type MapFormat = 'png' | 'svg' | 'npy' | 'csv';

/** How a map is drawn: its plane, the tolerance its error scale marks, the colour range on screen. */
export interface MapView {
  readonly plane: number;
  readonly atol: number;
  readonly range?: ColourRange;
}

/** A file name from a map's id, the plane shown (when there are several) and the format. */
export function exportName(map: MapSpec, k: number, format: MapFormat, scale = 1): string {
  const plane = planeCount(map.tensor) > 1 && format !== 'npy' ? `-plane${k}` : '';
  const magnified = format === 'png' && scale > 1 ? `-x${scale}` : '';
  return `${map.id}${plane}${magnified}.${format}`;
}

/** The plane's pixels exactly as its heatmap paints them. */
export function mapPixels(map: MapSpec, view: MapView): { rgba: Uint8ClampedArray; width: number; height: number } {
  const plane = planeAt(map.tensor, view.plane);
  const colours = planeColorMap(map, view.plane, view.atol, view.range);
  return { rgba: planePixels(plane, colours, planeKinks(map, view.plane)), width: plane.width, height: plane.height };
}

export function mapPng(map: MapSpec, view: MapView, scale = 1): Uint8Array {
  const { rgba, width, height } = mapPixels(map, view);
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

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding; here because neither btoa (browsers, Node) nor Buffer (Node) is in both. */
export function base64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out.push(BASE64[n >> 18], BASE64[(n >> 12) & 63], i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=', i + 2 < bytes.length ? BASE64[n & 63] : '=');
  }
  return out.join('');
}

export function mapSvgText(map: MapSpec, view: MapView): string {
  const { rgba, width, height } = mapPixels(map, view);
  const title = planeCount(map.tensor) > 1 ? `${map.title} (plane ${view.plane})` : map.title;
  return mapSvg({
    title,
    width,
    height,
    pngDataUri: `data:image/png;base64,${base64(encodePng(rgba, width, height))}`,
    legend: legendOf(planeColorMap(map, view.plane, view.atol, view.range)),
  });
}

export function mapNpy(map: MapSpec): Uint8Array {
  return writeNpy(map.tensor);
}

export function mapCsv(map: MapSpec, k: number): string {
  const plane = planeAt(map.tensor, k);
  return planeCsv(plane.data, plane.height, plane.width);
}
