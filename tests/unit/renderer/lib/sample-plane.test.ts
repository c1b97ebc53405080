import { describe, expect, it } from 'vitest';
import { samplePlane } from '../../../../src/renderer/lib/sample-plane';

describe('samplePlane', () => {
  it('keeps the first element of every cell, partial edge cells included, with its kink mark', () => {
    // 3×5, elements numbered in order.
    const data = Float64Array.from({ length: 15 }, (_, i) => i);
    const kinks = Uint8Array.from({ length: 15 }, (_, i) => (i === 2 || i === 11 ? 1 : 0));
    const sampled = samplePlane({ height: 3, width: 5, data }, 2, kinks);
    expect([sampled.plane.height, sampled.plane.width, sampled.factor]).toEqual([2, 3, 2]);
    expect(Array.from(sampled.plane.data)).toEqual([0, 2, 4, 10, 12, 14]);
    expect(Array.from(sampled.kinks!)).toEqual([0, 1, 0, 0, 0, 0]);
    expect(samplePlane({ height: 3, width: 5, data }, 2).kinks).toBeUndefined();
  });
});
