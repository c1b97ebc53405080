import { describe, expect, it } from 'vitest';
import { colorMapFor } from '../../../src/export/maps';
import { clippedCounts, quantile } from '../../../src/export/robust-range';

describe('robust colour range', () => {
  it('is not washed out by one extreme value, and counts what it clips', () => {
    const data = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i));
    data[17] = 1e6;
    const plane = { height: 100, width: 100, data };
    expect(colorMapFor('gradient', plane, undefined, 1e-5).domain[1]).toBe(1e6);
    const robust = colorMapFor('gradient', plane, undefined, 1e-5, 'robust');
    expect(robust.domain[1]).toBeLessThan(1.01);
    expect(robust.domain[0]).toBe(-robust.domain[1]);
    expect(robust.clipped!.above).toBeGreaterThanOrEqual(1);
    expect(robust.clipped!.above + robust.clipped!.below).toBeLessThan(200);
  });

  it('leaves error maps on their log scale, and finds quantiles of finite values only', () => {
    const plane = { height: 1, width: 4, data: Float64Array.from([1e-9, 1e-3, NaN, 2]) };
    expect(colorMapFor('error', plane, undefined, 1e-5, 'robust').kind).toBe('log');
    expect(quantile(plane.data, 1)).toBe(2);
    expect(quantile(plane.data, 0)).toBe(1e-9);
    expect(clippedCounts(plane.data, 1e-6, 1)).toEqual({ below: 1, above: 1 });
  });
});
