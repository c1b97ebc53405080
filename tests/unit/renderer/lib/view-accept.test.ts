import { describe, expect, it } from 'vitest';
import { zoomIdentity } from 'd3';
import { rejectionOf } from '../../../../src/renderer/lib/accept';
import { centreOn, fitPlane, pixelAt, PLOT_SIZE } from '../../../../src/renderer/lib/view';
import { lossOf, convOptionsOf, initialConvSettings, initialLossSettings } from '../../../../src/renderer/lib/settings';

describe('heatmap view', () => {
  it('fits a wide plane with square pixels, centred vertically', () => {
    const fit = fitPlane(50, 100);
    expect(fit.scale).toBe(PLOT_SIZE / 100);
    expect(fit.offsetX).toBeCloseTo(0, 9);
    expect(fit.offsetY).toBeCloseTo(PLOT_SIZE / 4, 9);
  });

  it('finds the pixel under the pointer, and none outside the plane', () => {
    const fit = fitPlane(10, 10);
    const s = fit.scale;
    expect(pixelAt(fit, zoomIdentity, 3.5 * s, 7.2 * s, 10, 10)).toEqual({ row: 7, col: 3 });
    expect(pixelAt(fit, zoomIdentity, -1, 5, 10, 10)).toBeNull();
  });

  it('centring on a pixel puts it under the plot centre, zoomed in', () => {
    const fit = fitPlane(512, 512);
    const t = centreOn(fit, zoomIdentity, 100, 400, 20);
    expect(t.k).toBe(20);
    expect(pixelAt(fit, t, PLOT_SIZE / 2, PLOT_SIZE / 2, 512, 512)).toEqual({ row: 100, col: 400 });
  });
});

describe('accepting a loaded array', () => {
  const t = (shape: number[], fill = 0) => ({ shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(fill) });

  it('refuses ranks the slot cannot take', () => {
    expect(rejectionOf(t([5]), 'image')).toMatch(/X must have 2 or 3 or 4 dimensions, got shape \(5\)/);
    expect(rejectionOf(t([2, 3, 3]), 'kernel')).toMatch(/kernel must have 2 or 4 dimensions/);
  });

  it('refuses non-finite values, naming where', () => {
    const bad = t([2, 2]);
    bad.data[3] = NaN;
    expect(rejectionOf(bad, 'image')).toMatch(/NaN at index \[1,1\]/);
  });

  it('checks G against the output shape up to leading ones', () => {
    expect(rejectionOf(t([1, 4, 4]), 'grad', [4, 4])).toBeNull();
    expect(rejectionOf(t([3, 4]), 'grad', [4, 4])).toBe('shape (3,4) does not match Y (4,4)');
  });

  it('accepts a good image array', () => {
    expect(rejectionOf(t([3, 8, 8], 0.5), 'image')).toBeNull();
  });
});

describe('settings to problem', () => {
  it('explicit padding becomes [top, bottom, left, right]', () => {
    const s = { ...initialConvSettings(), padding: 'explicit' as const, padTop: 1, padBottom: 2, padLeft: 3, padRight: 4 };
    expect(convOptionsOf(s).padding).toEqual([1, 2, 3, 4]);
  });

  it('a loss that needs a file says so until there is one', () => {
    const s = { ...initialLossSettings(), grad: 'file' as const };
    expect(lossOf(s, undefined, undefined)).toMatch(/open a file/);
    const g = { name: 'g.npy', tensor: { shape: [2, 2], data: new Float64Array(4) } };
    expect(lossOf(s, g, undefined)).toEqual({ kind: 'linear', grad: { kind: 'array', value: g.tensor } });
  });
});
