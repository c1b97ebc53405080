// The sweep's default step grid.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_HS, logspace } from '../../../../src/core/study/sweep-steps';

describe('step grid', () => {
  it('the default grid runs from 1e-1 to 1e-13, two points per decade', () => {
    expect(DEFAULT_SWEEP_HS).toHaveLength(25);
    expect(DEFAULT_SWEEP_HS[0]).toBeCloseTo(1e-1, 15);
    expect(DEFAULT_SWEEP_HS[24] / 1e-13).toBeCloseTo(1, 12);
    expect(DEFAULT_SWEEP_HS[1] / DEFAULT_SWEEP_HS[0]).toBeCloseTo(10 ** -0.5, 12);
    expect(logspace(-2, -2, 1)).toEqual([1e-2]);
    // Whole decades are the exact doubles a user types (10 ** -4 alone is 9.999999999999999e-5).
    expect([DEFAULT_SWEEP_HS[6], DEFAULT_SWEEP_HS[8], DEFAULT_SWEEP_HS[10]]).toEqual([1e-4, 1e-5, 1e-6]);
  });
});
