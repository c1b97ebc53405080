// The time left of a running job, from its progress reports: nothing until it can be estimated,
// then the work left at the recent rate, start-up not counted.
import { describe, expect, it } from 'vitest';
import { recentRate, timeLeftMs, TIME_LEFT_AFTER } from '../../../../src/core/check/progress';
import type { NumericalProgress } from '../../../../src/core/check/progress';

/** Reports every `every` ms from `startMs` on, at `rate` units per ms, of a job of `total` units. */
function steady(total: number, startMs: number, rate: number, every: number, untilMs: number): NumericalProgress[] {
  const out: NumericalProgress[] = [];
  for (let t = startMs; t <= untilMs; t += every) out.push({ done: Math.min(total, (t - startMs + every) * rate), total, elapsedMs: t });
  return out;
}

describe('time left', () => {
  it('is the work left at the rate since the first report: start-up is not extrapolated', () => {
    // 2 s of start-up, then 10 units/ms: at 4 s, 22 000 of 100 000 are done and 7.8 s are left.
    const reports = steady(100_000, 2000, 10, 250, 4000);
    const last = reports[reports.length - 1];
    expect(last.done).toBe(22_500);
    expect(timeLeftMs(reports)).toBeCloseTo((100_000 - 22_500) / 10, 6);
    // The rate over all the elapsed time would have said 4 s for 22 500: 13.8 s left.
    expect((last.elapsedMs / last.done) * (last.total - last.done)).toBeGreaterThan(1.7 * timeLeftMs(reports)!);
  });

  it('adds the time the job takes after its last element', () => {
    const reports = steady(100_000, 500, 10, 250, 3000);
    expect(timeLeftMs(reports, 1500)! - timeLeftMs(reports)!).toBeCloseTo(1500, 6);
  });

  it('follows a change of pace within the recent half of the job', () => {
    // 10 units/ms for 4 s, then 2 units/ms for 4 s: the rate is the new one, not the average.
    const first = steady(1_000_000, 0, 10, 250, 4000);
    const base = first[first.length - 1];
    const slower = Array.from({ length: 16 }, (_, i) => ({ done: base.done + (i + 1) * 250 * 2, total: 1_000_000, elapsedMs: base.elapsedMs + (i + 1) * 250 }));
    expect(recentRate([...first, ...slower])).toBeCloseTo(2, 6);
  });

  it("takes the current phase at its own pace, and a later phase at its expected cost moved at most 2× by that pace", () => {
    // Two phases of 100 000 units expected at 0.01 ms each; the first runs at 1 unit/ms, ten times slower.
    const phases = [
      { units: 100_000, cost: 0.01 },
      { units: 100_000, cost: 0.01 },
    ];
    const reports = steady(200_000, 0, 1, 250, 20_000);
    const last = reports[reports.length - 1];
    // The rest of the first phase at 1 unit/ms, the second at its 1 s expected, made twice as long (not ten times).
    expect(timeLeftMs(reports, 0, phases)).toBeCloseTo(100_000 - last.done + 2000, 6);
    // Half as fast as expected: within the factor, so the pace carries over in full (1 s expected, 2 s left).
    const half = steady(200_000, 0, 50, 250, 1000);
    expect(half[half.length - 1].done).toBe(62_500);
    expect(timeLeftMs(half, 0, phases)).toBeCloseTo(37_500 / 50 + 2000, 6);
  });

  it('says nothing until enough of the work and of the time have passed, or without a rate', () => {
    const reports = steady(100_000, 200, 50, 250, 1200);
    expect(timeLeftMs(reports)).toBeDefined();
    // Under 1 s elapsed.
    expect(timeLeftMs(reports.filter((r) => r.elapsedMs < TIME_LEFT_AFTER.ms))).toBeUndefined();
    // Under 3% of the work: 50 units/ms over 1.5 s is 75 000 of 10 000 000.
    expect(timeLeftMs(steady(10_000_000, 200, 50, 250, 1500))).toBeUndefined();
    // One report: no rate yet, however far the job is.
    expect(timeLeftMs([{ done: 50_000, total: 100_000, elapsedMs: 5000 }])).toBeUndefined();
    // Reports spanning under half a second: no rate yet.
    expect(timeLeftMs([{ done: 50_000, total: 100_000, elapsedMs: 5000 }, { done: 60_000, total: 100_000, elapsedMs: 5400 }])).toBeUndefined();
    // No progress between reports: no rate.
    expect(timeLeftMs([{ done: 50_000, total: 100_000, elapsedMs: 5000 }, { done: 50_000, total: 100_000, elapsedMs: 6000 }])).toBeUndefined();
  });
});
