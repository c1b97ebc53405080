// Large heatmaps are painted a slice at a time (src/renderer/lib/plane-image.ts): slices must give exactly the
// pixels of one pass, each pixel from the same placement as the map's own `position`.
import { describe, expect, it } from 'vitest';
import { buildLut, divergingMap, logMap, NONFINITE_RGB, paint, placeOn } from '../../../src/export/colormap';

const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * 10 ** ((i % 7) - 6)));

describe('painting in slices', () => {
  for (const map of [divergingMap(1e-1), logMap(1e-9, 1e-1, 1e-5)]) {
    it(`gives the pixels of one pass (${map.kind})`, () => {
      const lut = buildLut(map.interpolator);
      const whole = new Uint8ClampedArray(4 * values.length);
      paint(values, map, lut, whole);
      const sliced = new Uint8ClampedArray(4 * values.length);
      for (let start = 0; start < values.length; start += 300) paint(values, map, lut, sliced, start, Math.min(start + 300, values.length));
      expect(Array.from(sliced)).toEqual(Array.from(whole));
      expect(Array.from(whole.subarray(0, 4))).toEqual([...NONFINITE_RGB, 255]);
      for (const i of [1, 250, 999]) expect(placeOn(map.placement, values[i])).toBe(map.position(values[i]));
    });
  }

  it('leaves pixels outside the slice alone', () => {
    const map = divergingMap(1);
    const out = new Uint8ClampedArray(4 * values.length);
    paint(values, map, buildLut(map.interpolator), out, 10, 20);
    expect(out[4 * 9 + 3]).toBe(0);
    expect(out[4 * 10 + 3]).toBe(255);
    expect(out[4 * 20 + 3]).toBe(0);
  });
});
