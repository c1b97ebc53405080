// Large heatmaps are painted a band of rows at a time (src/renderer/lib/plane-image.ts): bands must give exactly
// the pixels of one pass, each pixel from the same placement as the map's own `position`.
import { describe, expect, it } from 'vitest';
import { buildLut, divergingMap, logMap, NONFINITE_RGB, paint, placeOn } from '../../../src/export/colormap';

const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? NaN : Math.sin(i) * 10 ** ((i % 7) - 6)));

describe('painting in bands', () => {
  for (const map of [divergingMap(1e-1), logMap(1e-9, 1e-1, 1e-5)]) {
    it(`gives the pixels of one pass (${map.kind})`, () => {
      const lut = buildLut(map.interpolator);
      const whole = new Uint8ClampedArray(4 * values.length);
      paint(values, map, lut, whole);
      const sliced = new Uint8ClampedArray(4 * values.length);
      for (let start = 0; start < values.length; start += 300) {
        const end = Math.min(start + 300, values.length);
        paint(values.subarray(start, end), map, lut, sliced.subarray(4 * start, 4 * end));
      }
      expect(Array.from(sliced)).toEqual(Array.from(whole));
      expect(Array.from(whole.subarray(0, 4))).toEqual([...NONFINITE_RGB, 255]);
      for (const i of [1, 250, 999]) expect(placeOn(map.placement, values[i])).toBe(map.position(values[i]));
    });
  }
});
