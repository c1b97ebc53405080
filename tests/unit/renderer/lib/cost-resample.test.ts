import { describe, expect, it } from 'vitest';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { estimateCost, formatSeconds, measuredThroughput } from '../../../../src/renderer/lib/cost';
import { costOf } from '../../../../src/renderer/lib/problem-size';
import { clampCrop, crop, downscale, workingImage } from '../../../../src/renderer/lib/resample';

const rate = { analyze: 1e6, numerical: 1e6 };
const counts = { forward: 100, vjp: 250, numerical: 9000, evaluations: 300 };

describe('cost estimate', () => {
  it("turns the core's counts into seconds, charging every evaluation its overhead", () => {
    const c = estimateCost(counts, rate);
    expect(c.forwardMacs).toBe(100);
    expect(c.vjpMacs).toBe(250);
    expect(c.numericalMacs).toBe(9000);
    expect(c.numericalWork).toBeGreaterThan(9000);
    expect(c.analyzeSeconds).toBeCloseTo(350 / 1e6);
    expect(c.numericalSeconds).toBeCloseTo(c.numericalWork / 1e6);
    // Twice the evaluations at the same multiply-adds cost more.
    expect(estimateCost({ ...counts, evaluations: 600 }, rate).numericalSeconds).toBeGreaterThan(c.numericalSeconds);
  });

  it('a measured run recalibrates its own part only', () => {
    const c = estimateCost(counts, rate);
    const analysed = measuredThroughput(rate, c, 'analyze', 2);
    expect(analysed).toEqual({ analyze: (350 / 2) * 1000, numerical: rate.numerical });
    const both = measuredThroughput(analysed, c, 'numerical', 10);
    expect(both.numerical).toBe((c.numericalWork / 10) * 1000);
    expect(both.analyze).toBe(analysed.analyze);
    // After learning, the same problem is estimated at the measured time.
    expect(estimateCost(counts, both).numericalSeconds).toBeCloseTo(0.01);
  });

  it('is available for a runnable problem and not for an impossible one', () => {
    const problem = {
      x: { shape: [6, 6], data: new Float64Array(36) },
      w: { shape: [3, 3], data: new Float64Array(9) },
      conv: DEFAULT_CONV,
      loss: { kind: 'linear' as const, grad: { kind: 'ones' as const } },
      dtype: 'f64' as const,
    };
    expect(costOf(problem)?.forward).toBe(36 * 9);
    expect(costOf({ ...problem, conv: { ...DEFAULT_CONV, stride: [0, 1] } })).toBeUndefined();
  });

  it('formats durations for people', () => {
    expect(formatSeconds(0.25)).toBe('0.25 s');
    expect(formatSeconds(200)).toBe('3 min 20 s');
    expect(formatSeconds(3900)).toBe('1 h 5 min');
  });
});

describe('downscale and crop', () => {
  const t = { shape: [4, 5], data: Float64Array.from({ length: 20 }, (_, i) => i) };

  it('box-averages factor x factor blocks and drops the partial column', () => {
    const d = downscale(t, 2);
    expect(d.shape).toEqual([2, 2]);
    expect(Array.from(d.data)).toEqual([(0 + 1 + 5 + 6) / 4, (2 + 3 + 7 + 8) / 4, (10 + 11 + 15 + 16) / 4, (12 + 13 + 17 + 18) / 4]);
  });

  it('keeps channels separate', () => {
    const c = { shape: [2, 2, 2], data: Float64Array.from([1, 1, 1, 1, 3, 5, 7, 9]) };
    const d = downscale(c, 2);
    expect(d.shape).toEqual([2, 1, 1]);
    expect(Array.from(d.data)).toEqual([1, 6]);
  });

  it('leaves an image alone at factor 1 or when too small to shrink', () => {
    expect(downscale(t, 1)).toBe(t);
    expect(downscale({ shape: [3, 3], data: new Float64Array(9) }, 4).shape).toEqual([3, 3]);
  });

  it('crops a region of every plane', () => {
    const c = crop(t, { top: 1, left: 2, height: 2, width: 3 });
    expect(c.shape).toEqual([2, 3]);
    expect(Array.from(c.data)).toEqual([7, 8, 9, 12, 13, 14]);
  });

  it('clamps a region to the image, keeping at least one pixel', () => {
    expect(clampCrop({ top: 10, left: -3, height: 0, width: 99 }, 4, 5)).toEqual({ top: 3, left: 0, height: 1, width: 5 });
  });

  it('crops in source pixels, then downscales', () => {
    const w = workingImage(t, 2, { top: 0, left: 1, height: 4, width: 4 });
    expect(w.shape).toEqual([2, 2]);
    expect(w.data[0]).toBe((1 + 2 + 6 + 7) / 4);
  });
});
