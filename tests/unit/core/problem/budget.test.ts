import { describe, expect, it } from 'vitest';
import { checkedProduct, checkElements, DEFAULT_MAX_ELEMENTS, formatCount } from '../../../../src/core/problem/budget';
import { InputError } from '../../../../src/core/problem/errors';
import { kernelPreset } from '../../../../src/core/problem/presets';
import { prepare } from '../../../../src/core/problem/problem';
import type { ConvOptions, Problem } from '../../../../src/core/problem/types';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';

const problem = (conv: Partial<ConvOptions>, extra: Partial<Problem> = {}): Problem => ({
  x: { shape: [8, 8], data: new Float64Array(64).fill(0.5) },
  w: { shape: [3, 3], data: new Float64Array(9).fill(1) },
  conv: { ...DEFAULT_CONV, ...conv },
  loss: { kind: 'linear', grad: { kind: 'ones' } },
  dtype: 'f64',
  ...extra,
});

describe('checkedProduct', () => {
  it('multiplies exactly while safe, and is Infinity beyond 2^53 or for a bad factor', () => {
    expect(checkedProduct([3, 4, 5])).toBe(60);
    expect(checkedProduct([2 ** 31, 2 ** 31])).toBe(2 ** 62 > Number.MAX_SAFE_INTEGER ? Infinity : 2 ** 62);
    expect(checkedProduct([2 ** 23, 2 ** 23, 2 ** 23])).toBe(Infinity);
    expect(checkedProduct([1.5])).toBe(Infinity);
    expect(checkedProduct([-1, 2])).toBe(Infinity);
  });
});

describe('checkElements', () => {
  it('names the array, its size and the limit, in under 200 characters', () => {
    const check = () => checkElements(20000 * 20000, 'the PNG image (20000 x 20000 x 1)');
    expect(check).toThrow(InputError);
    expect(check).toThrow(`the PNG image (20000 x 20000 x 1) has 400,000,000 elements, over the limit of ${formatCount(DEFAULT_MAX_ELEMENTS)}`);
    try {
      check();
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
    }
    expect(() => checkElements(DEFAULT_MAX_ELEMENTS, 'x')).not.toThrow();
    expect(() => checkElements(Infinity, 'x')).toThrow('more than 2^53');
  });
});

describe('the problem budget, checked before anything is allocated', () => {
  it.each([
    ['padding of 2^31-1', { padding: [2 ** 31 - 1, 0, 0, 0] as const }, /padded input's rows/],
    ['padding of a million on every side', { padding: [1e6, 1e6, 1e6, 1e6] as const }, /padded input/],
    ['full padding with a huge dilation', { padding: 'full' as const, dilation: [1e6, 1e6] as const, stride: [1e6, 1e6] as const }, /padded input \(4000008 x 4000008\) has 16,000,064,000,064 elements/],
  ])('refuses %s', (_what, conv, message) => {
    const started = Date.now();
    expect(() => prepare(problem(conv))).toThrow(message);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a raised budget admits what the default refuses', () => {
    const conv = { padding: [5000, 5000, 5000, 5000] as const };
    expect(() => prepare(problem(conv))).toThrow(/padded input/);
    expect(prepare(problem(conv, { maxElements: 2 ** 26 * 2 })).geometry.rows.padded).toBe(10008);
  });

  it('refuses the identity preset for 30000 channels before building its kernel', () => {
    expect(() => kernelPreset('identity', 30000)).toThrow(/the kernel \(30000,30000,3,3\) for 30000 channels has 8,100,000,000 elements/);
  });

  it('refuses a value float32 cannot hold as bad input, naming it', () => {
    const x = { shape: [2, 2], data: Float64Array.of(0, 1e39, 0, 0) };
    expect(() => prepare(problem({}, { x, w: { shape: [1, 1], data: Float64Array.of(1) }, dtype: 'f32' }))).toThrow(
      new InputError("value 1e+39 at index [0,1] is beyond float32's range (±3.4e38); it needs float64", 'x'),
    );
    expect(() => prepare(problem({}, { x, w: { shape: [1, 1], data: Float64Array.of(1) } }))).not.toThrow();
    const bias = { shape: [1], data: Float64Array.of(-4e38) };
    expect(() => prepare(problem({}, { bias, dtype: 'f32' }))).toThrow(/value -4e\+38 at index \[0\] is beyond float32's range/);
  });
});

describe('formatCount', () => {
  it('groups digits as en-US does, without loading Intl', () => {
    for (const n of [0, 7, 999, 1000, 65_536, 67_108_864, Number.MAX_SAFE_INTEGER, 2.5]) expect(formatCount(n)).toBe(Math.round(n).toLocaleString('en-US'));
    expect(formatCount(Infinity)).toBe('more than 2^53');
  });
});
