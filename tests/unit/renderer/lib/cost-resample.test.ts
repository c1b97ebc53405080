import { describe, expect, it } from 'vitest';
import { DEFAULT_CONV } from '../../../../src/core/problem/defaults';
import { RELATIVE_WORK_COST, workCost, type NumericalWork } from '../../../../src/core/check/cost';
import { DEFAULT_SPEED, estimateCost, featureCosts, fitCosts, formatSeconds, learnFromJob, parseSpeed, type JobSize, type TimedReport } from '../../../../src/renderer/lib/cost';
import { costOf } from '../../../../src/renderer/lib/problem-size';
import { clampCrop, crop, downscale, workingImage } from '../../../../src/renderer/lib/resample';

const problem = {
  x: { shape: [6, 6], data: new Float64Array(36) },
  w: { shape: [3, 3], data: new Float64Array(9) },
  conv: DEFAULT_CONV,
  loss: { kind: 'linear' as const, grad: { kind: 'ones' as const } },
  dtype: 'f64' as const,
};

const size: JobSize = costOf(problem)!.sizes.central;

/** A machine's true cost per unit of each feature, ns on one helper. */
const TRUE_NS: Record<keyof NumericalWork, number> = { pixels: 3000, outputVisits: 90, tapVisits: 25 };

/**
 * A job of `work` on `helpers` helpers at TRUE_NS: `startMs` of start-up, the taps then the pixels,
 * reported every 250 ms in the worker's units (RELATIVE_WORK_COST), `finishMs` after the last.
 */
function job(work: NumericalWork, helpers: number, startMs: number, finishMs: number) {
  const tapWork = { pixels: 0, outputVisits: 0, tapVisits: work.tapVisits };
  const pixelWork = { ...work, tapVisits: 0 };
  const tapMs = workCost(tapWork, TRUE_NS) / 1e6 / helpers;
  const pixelMs = workCost(pixelWork, TRUE_NS) / 1e6 / helpers;
  const tapUnits = workCost(tapWork);
  const total = workCost(work);
  const doneAt = (t: number) => (t <= tapMs ? (t / tapMs) * tapUnits : tapUnits + ((t - tapMs) / pixelMs) * (total - tapUnits));
  const reports: TimedReport[] = [];
  const report = (t: number) => reports.push({ progress: { done: Math.min(total, doneAt(t)), total, elapsedMs: startMs + t }, atMs: startMs + t });
  for (let t = 40; t < tapMs + pixelMs; t += 250) report(t);
  report(tapMs + pixelMs);
  return { reports, wallMs: startMs + tapMs + pixelMs + finishMs };
}

/** A work of the given features (the others 0). */
const work = (features: Partial<NumericalWork>): NumericalWork => ({ pixels: 0, outputVisits: 0, tapVisits: 0, ...features });

describe('cost estimate', () => {
  it("counts the core's work for a runnable problem and nothing for an impossible one", () => {
    expect(costOf(problem)?.cost.forward).toBe(36 * 9);
    expect(size.values).toBe(36);
    expect(size.elements).toBe(45);
    // A one-sided difference is also taken at 2h, for its truncation estimate: twice the evaluations.
    expect(costOf(problem)!.sizes.forward.work.outputVisits).toBe(2 * size.work.outputVisits);
    expect(costOf({ ...problem, conv: { ...DEFAULT_CONV, stride: [0, 1] } })).toBeUndefined();
  });

  it('is start, the work shared by the helpers, and finish', () => {
    const one = estimateCost(size, DEFAULT_SPEED, 1);
    const two = estimateCost(size, DEFAULT_SPEED, 2);
    const fill = workCost(size.work, featureCosts(DEFAULT_SPEED)) / 1e9;
    expect(one.numericalSeconds - two.numericalSeconds).toBeCloseTo(fill / 2, 9);
    expect(one.finishSeconds).toBeGreaterThan(0);
    // The taps, then the pixels, in the worker's units.
    expect(one.phases.map((p) => p.units)).toEqual([size.work.tapVisits * RELATIVE_WORK_COST.tapVisits, workCost({ ...size.work, tapVisits: 0 })]);
  });

  it('fits costs to samples that tell the amounts apart, and scales the prior by samples that cannot', () => {
    const truth = [3000, 40, 90, 25];
    const amounts = [
      [1e6, 9e6, 0, 0],
      [1e6, 81e6, 0, 0],
      [65e3, 0, 40e6, 0],
      [0, 0, 0, 80e6],
      [4e6, 36e6, 0, 0],
    ];
    const prior = [15, 1, 0.6, 1.2];
    const fitted = fitCosts(amounts.map((a) => ({ amounts: a, ms: a.reduce((sum, v, i) => sum + v * truth[i], 0) })), prior);
    // Within 10%: the fit is held a little toward the prior, whose ratios are these samples' own only roughly.
    fitted.forEach((cost, i) => expect(Math.abs(cost / truth[i] - 1)).toBeLessThan(0.1));
    // One sample: its own amounts are estimated at its time, the costs keep the prior's ratios.
    const one = fitCosts([{ amounts: amounts[0], ms: 100 }], prior);
    expect(amounts[0].reduce((sum, v, i) => sum + v * one[i], 0)).toBeCloseTo(100, 0);
    expect(one[3] / one[1]).toBeCloseTo(prior[3] / prior[1], 6);
    // The same job timed twice, the machine busier since: the newer time counts more.
    const twice = fitCosts([{ amounts: amounts[0], ms: 1000 }, { amounts: amounts[0], ms: 3000 }], prior);
    expect(amounts[0].reduce((sum, v, i) => sum + v * twice[i], 0)).toBeGreaterThan(2000);
    // None: the prior at the given scale.
    expect(fitCosts([], prior, 3)).toEqual(prior.map((p) => 3 * p));
  });

  it('fits the fills of both dtypes as one (an f32 problem is differenced in its float64 twin); only the start of an f32 job costs more', () => {
    const big: JobSize = { ...size, work: work({ pixels: 1e6, outputVisits: 25e7, tapVisits: 25e7 }), values: 1e6, elements: 1e6 + 25 };
    const learnt = learnFromJob(DEFAULT_SPEED, { ...big, dtype: 'f32' }, job(big.work, 2, 300, 400), 2);
    expect(learnt.fills).toHaveLength(2);
    const f64 = estimateCost(big, learnt, 2);
    const f32 = estimateCost({ ...big, dtype: 'f32' }, learnt, 2);
    expect(f32.numericalSeconds).toBeGreaterThan(f64.numericalSeconds);
    expect(f32.numericalSeconds - f64.numericalSeconds).toBeLessThan(0.1 * f64.numericalSeconds);
    expect(learnt.starts[0].amounts).toEqual([1, 1e6, 1e6, 0]);
  });

  it('counts starting the helpers in the first job of a dtype on a page, and learns that start apart', () => {
    const big: JobSize = { ...size, work: work({ pixels: 1e6, outputVisits: 25e7, tapVisits: 25e7 }), values: 1e6, elements: 1e6 + 25 };
    const cold = { ...big, coldStart: true };
    expect(estimateCost(cold, DEFAULT_SPEED, 2).numericalSeconds - estimateCost(big, DEFAULT_SPEED, 2).numericalSeconds).toBeCloseTo(0.2, 6);
    const learnt = learnFromJob(DEFAULT_SPEED, cold, job(big.work, 2, 300, 400), 2);
    expect(learnt.starts[0].amounts).toEqual([1, 1e6, 0, 1]);
    // Its first second at a tenth of the speed (fresh workers compiling their loops) is left out of its fill.
    const warm = learnFromJob(DEFAULT_SPEED, big, job(big.work, 2, 300, 400), 2);
    const slowStart = job(big.work, 2, 300, 400);
    const slowed = slowStart.reports.map((r) => ({ ...r, progress: { ...r.progress, done: r.progress.elapsedMs < 1300 ? r.progress.done / 10 : r.progress.done } }));
    expect(learnFromJob(DEFAULT_SPEED, cold, { ...slowStart, reports: slowed }, 2).fills).toEqual(
      learnFromJob(DEFAULT_SPEED, cold, slowStart, 2).fills,
    );
    expect(learnFromJob(DEFAULT_SPEED, big, { ...slowStart, reports: slowed }, 2).fills).not.toEqual(warm.fills);
  });

  it("learns the taps' and the pixels' fill apart from a job's reports (start-up not counted), its start and its finish", () => {
    // 3.1 s of taps, then 6.5 s of pixels: reports 250 ms apart place the change within a few per cent.
    const big: JobSize = { ...size, work: work({ pixels: 1e6, outputVisits: 25e7, tapVisits: 25e7 }), values: 1e6, elements: 1e6 + 25 };
    const timing = job(big.work, 2, 300, 400);
    const learnt = learnFromJob(DEFAULT_SPEED, big, timing, 2);
    const [taps, pixels] = learnt.fills;
    expect(taps.amounts).toEqual([0, 0, 25e7]);
    expect(taps.ms / (25e7 * TRUE_NS.tapVisits * 1e-6)).toBeCloseTo(1, 1);
    expect(pixels.ms / (workCost({ ...big.work, tapVisits: 0 }, TRUE_NS) / 1e6)).toBeCloseTo(1, 1);
    expect(learnt.starts).toHaveLength(1);
    expect(learnt.starts[0].amounts).toEqual([1, 1e6, 0, 0]);
    expect(learnt.starts[0].ms).toBeCloseTo(300, -1);
    expect(learnt.finishes[0].ms).toBeCloseTo(400, 6);
    // The same job is then estimated at about the time it took.
    expect(estimateCost(big, learnt, 2).numericalSeconds / (timing.wallMs / 1000)).toBeCloseTo(1, 1);
  });

  it('learns nothing from an unfinished job, and no fill from reports too close together', () => {
    const big: JobSize = { ...size, work: work({ pixels: 1e6, outputVisits: 25e6, tapVisits: 25e6 }) };
    const timing = job(big.work, 2, 300, 400);
    expect(learnFromJob(DEFAULT_SPEED, big, { ...timing, reports: timing.reports.slice(0, -1) }, 2)).toBe(DEFAULT_SPEED);
    const quick = learnFromJob(DEFAULT_SPEED, size, job(size.work, 2, 300, 400), 2);
    expect(quick.fills).toEqual(DEFAULT_SPEED.fills);
    expect(quick.starts).toEqual([]);
    expect(quick.finishes).toHaveLength(1);
  });

  it('reads back a stored speed, dropping what it cannot read', () => {
    const fill = { amounts: [10, 90, 0], ms: 5 };
    const stored = { ...DEFAULT_SPEED, fills: [fill, { amounts: [1], ms: 5 }, { ...fill, ms: -1 }], starts: [{ amounts: [1, 5, 0, 1], ms: 3 }, { amounts: [1, 5, 0], ms: 3 }], finishes: 'none' };
    expect(parseSpeed(JSON.stringify(stored))).toEqual({ ...DEFAULT_SPEED, fills: [fill], starts: [{ amounts: [1, 5, 0, 1], ms: 3 }] });
    expect(parseSpeed(null)).toBeUndefined();
    expect(parseSpeed('{')).toBeUndefined();
    expect(parseSpeed(JSON.stringify({ ...DEFAULT_SPEED, analyze: -1 }))).toBeUndefined();
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
