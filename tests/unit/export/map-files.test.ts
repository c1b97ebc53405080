// A map as files (src/export/map-files.ts), the one implementation behind the app's "Export…"
// and `convgrad render`: PNG pixels are the heatmap's own, one per element; SVG embeds them.
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { buildLut, paint } from '../../../src/export/colormap';
import { base64, exportName, mapPixels, mapPng, mapSvgText } from '../../../src/export/map-files';
import { MAP_IDS } from '../../../src/core/problem/options';
import { planeColorMap, testedMapTitle, type MapSpec } from '../../../src/export/maps';
import { planeAt } from '../../../src/export/planes';
import type { Tensor } from '../../../src/core/problem/types';

/** Two planes of 10×20, signed, with one outlier far beyond the rest in plane 0. */
const tensor: Tensor = { shape: [2, 10, 20], data: Float64Array.from({ length: 400 }, (_, i) => (i === 5 ? 50 : Math.sin(i) - 0.2)) };
const gradient: MapSpec = { id: 'dx-analytic', title: 'dL/dX analytic', about: '', role: 'gradient', tensor };
const error: MapSpec = { id: 'dx-error', title: '|error| of dL/dX', about: '', role: 'error', tensor: { shape: [3, 4], data: Float64Array.from({ length: 12 }, (_, i) => 10 ** -(i % 9)) } };

describe('map files', () => {
  it('names files by map id, plane (when there are several) and scale', () => {
    expect(exportName(gradient, 1, 'png')).toBe('dx-analytic-plane1.png');
    expect(exportName(gradient, 1, 'png', 4)).toBe('dx-analytic-plane1-x4.png');
    expect(exportName(gradient, 1, 'svg', 4)).toBe('dx-analytic-plane1.svg');
    expect(exportName(gradient, 1, 'npy')).toBe('dx-analytic.npy');
    expect(exportName(error, 0, 'png')).toBe('dx-error.png');
    expect(MAP_IDS).toEqual(expect.arrayContaining(['y', 'dx-analytic', 'dw-analytic', 'dx-error', 'dw-error', 'dx-vs-vjp']));
    expect(testedMapTitle('dW', 'dw.npy')).toBe('dL/dW under test: dw.npy');
  });

  it('writes a PNG of H×W pixels in the colours the heatmap paints, ×k by repetition', () => {
    const view = { plane: 1, atol: 1e-5 };
    const png = decode(mapPng(gradient, view));
    expect([png.width, png.height, png.channels]).toEqual([20, 10, 4]);
    const colours = planeColorMap(gradient, 1, 1e-5);
    const painted = new Uint8ClampedArray(200 * 4);
    paint(planeAt(tensor, 1).data, colours, buildLut(colours.interpolator), painted);
    expect([...png.data]).toEqual([...painted]);
    expect([...png.data]).toEqual([...mapPixels(gradient, view).rgba]);
    const big = decode(mapPng(gradient, view, 3));
    expect([big.width, big.height]).toEqual([60, 30]);
    expect([...big.data.subarray(0, 4)]).toEqual([...png.data.subarray(0, 4)]);
    expect([...big.data.subarray(big.data.length - 4)]).toEqual([...png.data.subarray(png.data.length - 4)]);
  });

  it('paints with the colour range on screen: robust clips the outlier, full lets it wash out the rest', () => {
    const full = mapPixels(gradient, { plane: 0, atol: 1e-5 }).rgba;
    const robust = mapPixels(gradient, { plane: 0, atol: 1e-5, range: 'robust' }).rgba;
    expect([...robust]).not.toEqual([...full]);
    expect([...robust.subarray(20, 24)]).toEqual([...full.subarray(20, 24)]);
  });

  it('embeds the same pixels in the SVG, with the title, the plane and the legend', () => {
    const svg = mapSvgText(gradient, { plane: 1, atol: 1e-5 });
    expect(svg).toContain('dL/dX analytic (plane 1)');
    const uri = /href="data:image\/png;base64,([^"]+)"/.exec(svg)![1]!;
    expect(Buffer.from(uri, 'base64')).toEqual(Buffer.from(mapPng(gradient, { plane: 1, atol: 1e-5 })));
    expect(mapSvgText(error, { plane: 0, atol: 1e-5 })).toContain('>atol</text>');
  });

  it('encodes base64 as the standard alphabet with padding', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 300]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 255);
      expect(base64(bytes), `${length} bytes`).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
