import { describe, expect, it } from 'vitest';
import {
  buildLut,
  divergingMap,
  ERROR_FLOOR,
  grayMap,
  logMap,
  NONFINITE_RGB,
  paint,
  sequentialMap,
} from '../../../src/export/colormap';
import { legendTicks } from '../../../src/export/legend-ticks';

function pixel(values: number[], map: ReturnType<typeof grayMap>, i: number): number[] {
  const out = new Uint8ClampedArray(values.length * 4);
  paint(values, map, buildLut(map.interpolator), out);
  return Array.from(out.subarray(4 * i, 4 * i + 4));
}

describe('diverging maps are symmetric about zero', () => {
  it('puts 0 in the middle and +-m at the ends whatever the data', () => {
    const map = divergingMap(3);
    expect(map.domain).toEqual([-3, 3]);
    expect(map.position(0)).toBe(0.5);
    expect(map.position(3)).toBe(1);
    expect(map.position(-3)).toBe(0);
    expect(map.position(-1.5)).toBeCloseTo(0.25);
  });

  it('paints 0 near-white and neutral, negatives blue and positives red', () => {
    const map = divergingMap(1);
    const [r0, g0, b0] = pixel([0, -1, 1], map, 0);
    // d3's RdBu midpoint is rgb(242, 239, 238).
    expect(Math.min(r0, g0, b0)).toBeGreaterThanOrEqual(235);
    expect(Math.max(r0, g0, b0) - Math.min(r0, g0, b0)).toBeLessThan(8);
    const [rn, , bn] = pixel([0, -1, 1], map, 1);
    expect(bn).toBeGreaterThan(rn);
    const [rp, , bp] = pixel([0, -1, 1], map, 2);
    expect(rp).toBeGreaterThan(bp);
  });

  it('falls back to a unit domain for all-zero data', () => {
    expect(divergingMap(0).domain).toEqual([-1, 1]);
  });
});

describe('sequential maps', () => {
  it('gray maps low to black and high to white', () => {
    const map = grayMap([2, 4]);
    expect(pixel([2, 4], map, 0).slice(0, 3)).toEqual([0, 0, 0]);
    expect(pixel([2, 4], map, 1).slice(0, 3)).toEqual([255, 255, 255]);
  });

  it('widens a constant image so it still gets a colour', () => {
    const map = sequentialMap([5, 5]);
    expect(map.domain[0]).toBeLessThan(5);
    expect(map.domain[1]).toBeGreaterThan(5);
    expect(map.position(5)).toBeCloseTo(0.5);
  });

  it('clamps values outside the domain', () => {
    const map = grayMap([0, 1]);
    expect(map.position(-3)).toBe(0);
    expect(map.position(7)).toBe(1);
  });
});

describe('logarithmic error maps', () => {
  it('always contains the tolerance, which is marked', () => {
    const map = logMap(1e-12, 1e-10, 1e-5);
    expect(map.marker).toBe(1e-5);
    expect(map.domain[0]).toBeLessThanOrEqual(1e-12);
    expect(map.domain[1]).toBeGreaterThanOrEqual(1e-4);
  });

  it('is logarithmic: equal ratios are equal steps', () => {
    const map = logMap(1e-9, 1e-3, 1e-5);
    const a = map.position(1e-8) - map.position(1e-9);
    const b = map.position(1e-4) - map.position(1e-5);
    expect(a).toBeCloseTo(b, 10);
  });

  it('floors zero errors at the bottom colour instead of -Infinity', () => {
    const map = logMap(undefined, 0, 1e-5);
    expect(map.domain[0]).toBeGreaterThanOrEqual(ERROR_FLOOR);
    expect(map.position(0)).toBe(0);
  });

  it('ticks are powers of ten inside the domain', () => {
    const ticks = legendTicks(logMap(1e-14, 1e-2, 1e-5));
    expect(ticks.values.length).toBeGreaterThan(1);
    expect(ticks.values.length).toBeLessThanOrEqual(6);
    for (const v of ticks.values) expect(Math.log10(v) % 1).toBeCloseTo(0, 10);
    expect(ticks.format(1e-5)).toBe('1e-5');
  });
});

describe('non-finite values', () => {
  it('get a colour of their own, on every kind of map', () => {
    for (const map of [grayMap([0, 1]), divergingMap(1), logMap(1e-9, 1, 1e-5)]) {
      expect(pixel([NaN, Infinity], map, 0).slice(0, 3)).toEqual([...NONFINITE_RGB]);
      expect(pixel([NaN, Infinity], map, 1).slice(0, 3)).toEqual([...NONFINITE_RGB]);
    }
  });
});
