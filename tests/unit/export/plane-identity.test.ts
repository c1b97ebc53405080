// A heatmap paints again whenever its plane or colour map is a new object: the same plane of the
// same tensor, and the same scale of it, must be the same object, and anything new a new one.
import { describe, expect, it } from 'vitest';
import { planeColorMap, planeKinks, type MapSpec } from '../../../src/export/maps';
import { planeAt } from '../../../src/export/planes';

const tensor = { shape: [2, 3, 4], data: Float64Array.from({ length: 24 }, (_, i) => Math.sin(i)) };

describe('plane identity', () => {
  it('cuts the same plane of the same tensor once', () => {
    expect(planeAt(tensor, 1)).toBe(planeAt(tensor, 1));
    expect(planeAt(tensor, 1)).not.toBe(planeAt(tensor, 0));
    expect(planeAt({ ...tensor }, 1)).not.toBe(planeAt(tensor, 1));
    expect(Array.from(planeAt(tensor, 1).data)).toEqual(Array.from(tensor.data.subarray(12, 24)));
  });

  it('gives the same colour map for the same plane and scale, another when either changes', () => {
    const partner = { shape: [2, 3, 4], data: tensor.data.map((v) => 2 * v) };
    const map: MapSpec = { id: 'dx-numerical', title: '', about: '', role: 'gradient', tensor, partner };
    const first = planeColorMap(map, 0, 1e-5);
    expect(planeColorMap({ ...map }, 0, 1e-5)).toBe(first);
    expect(planeColorMap(map, 0, 1e-4)).not.toBe(first);
    expect(planeColorMap(map, 0, 1e-5, 'robust')).not.toBe(first);
    const other = { shape: [2, 3, 4], data: tensor.data.map((v) => 3 * v) };
    expect(planeColorMap({ ...map, partner: other }, 0, 1e-5).domain).not.toEqual(first.domain);
  });

  it('cuts the same kink plane once', () => {
    const kinks = new Uint8Array(24).fill(1, 14, 16);
    const map: MapSpec = { id: 'dx-error', title: '', about: '', role: 'error', tensor, kinks };
    expect(planeKinks(map, 1)).toBe(planeKinks({ ...map }, 1));
    expect(Array.from(planeKinks(map, 1)!.subarray(0, 4))).toEqual([0, 0, 1, 1]);
  });
});
