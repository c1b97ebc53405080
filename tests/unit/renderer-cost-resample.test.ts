import { describe, expect, it } from 'vitest';
import { resolveGeometry } from '../../src/worker/core/geometry';
import { DEFAULT_CONV } from '../../src/worker/core/defaults';
import { createNumericalJob } from '../../src/worker/core/numerical';
import { estimateCost, formatSeconds, measuredThroughput } from '../../src/renderer/lib/cost';
import { clampCrop, crop, downscale, workingImage } from '../../src/renderer/lib/resample';

const size = { n: 1, cin: 1, cout: 1, k: 3, l: 3, bias: false };
const rate = { analyze: 1e6, numerical: 1e6 };

describe('cost estimate', () => {
  it('counts the multiply-adds of a 4x4 image with a 3x3 kernel under seed padding', () => {
    const c = estimateCost(size, resolveGeometry(4, 4, 3, 3, DEFAULT_CONV), rate);
    expect(c.forwardMacs).toBe(16 * 9);
    expect(c.vjpMacs).toBe(2 * 16 * 9);
    // Rows 0..3 are read by 1, 2, 3, 3 outputs: 9 per axis, 81 reaches; W: 9 elements x 16 outputs.
    expect(c.numericalEvaluations).toBe(2 * (81 + 9 * 16));
    expect(c.numericalMacs).toBe(c.numericalEvaluations * 9);
    // Seconds follow the work, which charges every evaluation more than its multiply-adds.
    expect(c.numericalWork).toBeGreaterThan(c.numericalMacs);
    expect(c.numericalSeconds).toBeCloseTo(c.numericalWork / 1e6);
  });

  it('grows with channels, batch and bias', () => {
    const g = resolveGeometry(8, 8, 3, 3, DEFAULT_CONV);
    const one = estimateCost(size, g, rate);
    const more = estimateCost({ ...size, n: 2, cin: 3, cout: 3, bias: true }, g, rate);
    expect(more.forwardMacs).toBe(one.forwardMacs * 2 * 3 * 3);
    expect(more.numericalMacs).toBeGreaterThan(one.numericalMacs * 18);
  });

  it('reflects stride: fewer outputs, fewer multiply-adds', () => {
    const strided = { ...DEFAULT_CONV, padding: 'valid' as const, stride: [2, 2] as const };
    const a = estimateCost(size, resolveGeometry(9, 9, 3, 3, { ...DEFAULT_CONV, padding: 'valid' }), rate);
    const b = estimateCost(size, resolveGeometry(9, 9, 3, 3, strided), rate);
    expect(a.forwardMacs).toBe(49 * 9);
    expect(b.forwardMacs).toBe(16 * 9);
    expect(b.numericalMacs).toBeLessThan(a.numericalMacs);
  });

  it('the element counts match the core numerical job', () => {
    const job = createNumericalJob(
      {
        x: { shape: [5, 6], data: new Float64Array(30) },
        w: { shape: [2, 3], data: new Float64Array(6) },
        conv: DEFAULT_CONV,
        loss: { kind: 'linear', grad: { kind: 'ones' } },
        dtype: 'f64',
      },
      { method: 'central', h: 1e-6 },
    );
    expect(job.counts).toEqual({ dX: 30, dW: 6, db: 0 });
  });

  it('learns throughput from a measured run of either part', () => {
    const c = estimateCost(size, resolveGeometry(4, 4, 3, 3, DEFAULT_CONV), rate);
    const analysed = measuredThroughput(rate, c, 'analyze', 2);
    expect(analysed).toEqual({ analyze: ((c.forwardMacs + c.vjpMacs) / 2) * 1000, numerical: rate.numerical });
    const both = measuredThroughput(analysed, c, 'numerical', 10);
    expect(both.numerical).toBe((c.numericalWork / 10) * 1000);
    expect(both.analyze).toBe(analysed.analyze);
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
