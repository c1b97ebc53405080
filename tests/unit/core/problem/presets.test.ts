import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/core/problem/errors';
import { kernelPreset, PRESET_NAMES } from '../../../../src/core/problem/presets';
import { createRandom } from '../../../../src/core/problem/random';

const values = (spec: string) => Array.from(kernelPreset(spec).data);

describe('kernelPreset', () => {
  it('defines the fixed 3x3 kernels exactly', () => {
    expect(kernelPreset('sobel-x').shape).toEqual([3, 3]);
    expect(values('identity')).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(values('box3')).toEqual(new Array(9).fill(1 / 9));
    expect(values('sobel-x')).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    expect(values('sobel-y')).toEqual([-1, -2, -1, 0, 0, 0, 1, 2, 1]);
    expect(values('laplacian')).toEqual([0, 1, 0, 1, -4, 1, 0, 1, 0]);
    expect(values('sharpen')).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0]);
  });

  it('gauss5 is the normalized outer product of the binomial row [1,4,6,4,1]', () => {
    const g = kernelPreset('gauss5');
    expect(g.shape).toEqual([5, 5]);
    const row = [1, 4, 6, 4, 1];
    row.forEach((a, i) => row.forEach((b, j) => expect(g.data[i * 5 + j]).toBe((a * b) / 256)));
    expect(Array.from(g.data).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 15);
  });

  it('random:KxL:seed draws K*L values from the seeded generator, seed 0 by default', () => {
    const r = kernelPreset('random:4x2:7');
    expect(r.shape).toEqual([4, 2]);
    const next = createRandom(7);
    expect(Array.from(r.data)).toEqual(Array.from({ length: 8 }, () => next()));
    expect(values('random:3x3')).toEqual(values('random:3x3:0'));
    expect(values('random:3x3:1')).not.toEqual(values('random:3x3:2'));
  });

  it('for C channels builds a (C,C,K,L) kernel that is the preset on the channel diagonal and zero elsewhere', () => {
    const base = values('sobel-x');
    const k = kernelPreset('sobel-x', 3);
    expect(k.shape).toEqual([3, 3, 3, 3]);
    for (let o = 0; o < 3; o++) {
      for (let i = 0; i < 3; i++) {
        const plane = Array.from(k.data.subarray((o * 3 + i) * 9, (o * 3 + i + 1) * 9));
        expect(plane).toEqual(o === i ? base : new Array(9).fill(0));
      }
    }
  });

  it('rejects unknown names, listing the known ones', () => {
    expect(() => kernelPreset('foo')).toThrow(InputError);
    expect(() => kernelPreset('foo')).toThrow(/^unknown kernel preset 'foo' \(known: identity, box3, gauss5, sobel-x, sobel-y, laplacian, sharpen, random:KxL\[:seed\]\)$/);
    // Inherited object keys are not presets.
    expect(() => kernelPreset('toString')).toThrow(/unknown kernel preset/);
  });

  it.each(['random', 'random:3', 'random:0x3', 'random:3x0', 'random:axb', 'random:3x3:x', 'random:2000x1'])(
    'rejects the malformed random spec %s',
    (spec) => expect(() => kernelPreset(spec)).toThrow(InputError),
  );

  it('lists only names it can build', () => {
    expect(PRESET_NAMES).toContain('sobel-x');
    for (const name of PRESET_NAMES) expect(kernelPreset(name).data.length).toBeGreaterThan(0);
  });
});
