import { describe, expect, it } from 'vitest';
import { planeCsv } from '../../../src/export/csv';

describe('planeCsv', () => {
  it('writes one line per row with values that read back to the same float64', () => {
    const values = [0.1 + 0.2, -1e-300, 0.015625, 2 ** 60, NaN, Infinity];
    const csv = planeCsv(values, 2, 3);
    expect(csv).toBe('0.30000000000000004,-1e-300,0.015625\n1152921504606847000,nan,inf\n');
    const back = csv.trim().split('\n').flatMap((line) => line.split(',').map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : Number(v))));
    expect(back).toEqual(values);
  });

  it('refuses a shape that does not match the values', () => {
    expect(() => planeCsv([1, 2, 3], 2, 2)).toThrow(/expected 2×2 values, got 3/);
  });
});
