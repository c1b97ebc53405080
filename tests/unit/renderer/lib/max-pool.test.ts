import { describe, expect, it } from 'vitest';
import { cellFactor, maxPool } from '../../../../src/renderer/lib/max-pool';

describe('maxPool', () => {
  it('keeps one bad element of a large plane visible', () => {
    const data = new Float64Array(1000 * 1000);
    data[123 * 1000 + 877] = 5;
    const pooled = maxPool({ height: 1000, width: 1000, data }, 8);
    expect(pooled.plane.height).toBe(125);
    expect(pooled.plane.data[Math.floor(123 / 8) * 125 + Math.floor(877 / 8)]).toBe(5);
    expect(Array.from(pooled.plane.data).reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('lets a non-finite error win, pools partial edge cells, and marks all-kink cells only', () => {
    const data = Float64Array.from([1, NaN, 3, 0, 0, 2, Infinity, 7, 9]);
    const kinks = Uint8Array.from([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const pooled = maxPool({ height: 3, width: 3, data }, 2, kinks);
    expect(Array.from(pooled.plane.data)).toEqual([NaN, 3, 0, 0]);
    expect(Array.from(pooled.kinks!)).toEqual([0, 0, 1, 1]);
  });

  it('pools by powers of two once an element is smaller than a device pixel, a cell covering at least one', () => {
    expect(cellFactor(2, 'pool')).toBe(1);
    expect(cellFactor(1, 'pool')).toBe(1);
    expect(cellFactor(0.5, 'pool')).toBe(2);
    expect(cellFactor(0.3, 'pool')).toBe(4);
  });

  it('samples by powers of two, keeping at least one cell per device pixel', () => {
    expect(cellFactor(2, 'sample')).toBe(1);
    expect(cellFactor(0.6, 'sample')).toBe(1);
    expect(cellFactor(0.5, 'sample')).toBe(2);
    expect(cellFactor(0.3, 'sample')).toBe(2);
    expect(cellFactor(155 / 3000, 'sample')).toBe(16);
  });
});
