// The app's numerical pool: helpers that each fill their ranges give exactly what one thread
// gives, progress adds up, a cancel reaches every helper, and a dead helper is an error.
import { describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import { measureHere, planCheck } from '../../../../src/core/check/check';
import type { FloatArray, Problem } from '../../../../src/core/problem/types';
import { createFillApi } from '../../../../src/worker/fill/fill-api';
import { FillPool, type FillHelper, type FillPoolOptions } from '../../../../src/worker/fill/fill-pool';
import type { FillApi, FilledPiece, SharedFill } from '../../../../src/worker/fill/fill-protocol';
import type { CheckSettings } from '../../../../src/core/check/types';
import { claimOrder, piecesFor, runPooled, weightedCount } from '../../../../src/worker/compute/pooled-numerical';
import { numericalWork, workPerElement } from '../../../../src/core/check/cost';
import { prepare } from '../../../../src/core/problem/problem';
import type { NumericalProgress } from '../../../../src/worker/compute/protocol';
import { MIXED_PROBLEM, randomTensor } from '../../support/problems';

const problem = MIXED_PROBLEM;
const options: CheckSettings = { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 5 };

/** Helpers running the real fill in this thread; `spawned` records them. */
function inProcessPool(wrap: (api: FillApi) => FillApi = (api) => api, options: Partial<FillPoolOptions> = {}) {
  const spawned: { helper: FillHelper & { terminate: ReturnType<typeof vi.fn> }; api: FillApi; kill(message: string): void }[] = [];
  const pool = new FillPool(() => {
    const api = wrap(createFillApi());
    let kill: (message: string) => void = () => {};
    const died = new Promise<never>((_, reject) => (kill = (message) => reject(new Error(message))));
    died.catch(() => {});
    const helper = { api: api as unknown as Remote<FillApi>, died, terminate: vi.fn() };
    spawned.push({ helper, api, kill });
    return helper;
  }, { sharesMemory: false, ...options });
  return { pool, spawned };
}

describe('weightedCount', () => {
  it("counts a helper's elements each at its gradient's weight", () => {
    const weights = { dX: 2, dW: 100, db: 50 };
    expect(weightedCount({}, weights)).toBe(0);
    expect(weightedCount({ dX: 4 }, weights)).toBe(8);
    expect(weightedCount({ dX: 10, dW: 2, db: 1 }, weights)).toBe(270);
  });
});

describe('claimOrder', () => {
  it("gives every helper's first taps alone, then each gradient in pieces that shrink, covering every element once in order", () => {
    const pieces = claimOrder(['dW', 'db', 'dX'], { dW: 30, db: 2, dX: 1000 }, 2);
    expect(pieces.slice(0, 4)).toEqual([0, 1, 2, 3].map((e) => ({ name: 'dW', start: e, end: e + 1 })));
    for (const name of ['dW', 'db', 'dX'] as const) {
      const mine = pieces.filter((p) => p.name === name);
      expect(mine[0].start).toBe(0);
      mine.slice(1).forEach((p, i) => expect(p.start).toBe(mine[i].end));
      expect(mine[mine.length - 1].end).toBe({ dW: 30, db: 2, dX: 1000 }[name]);
    }
    expect(pieces.map((p) => p.name)).toEqual([...pieces.map((p) => p.name)].sort((a, b) => ['dW', 'db', 'dX'].indexOf(a) - ['dW', 'db', 'dX'].indexOf(b)));
    const dX = pieces.filter((p) => p.name === 'dX').map((p) => p.end - p.start);
    expect(dX[0]).toBeGreaterThan(dX[dX.length - 1]);
  });
});

describe('piecesFor', () => {
  it('gives each helper one contiguous range of every gradient, in the order asked', () => {
    expect(piecesFor(['dX', 'db'], { dX: 10, db: 1 }, 3)).toEqual([
      [{ name: 'dX', start: 0, end: 3 }, { name: 'db', start: 0, end: 1 }],
      [{ name: 'dX', start: 3, end: 6 }],
      [{ name: 'dX', start: 6, end: 10 }],
    ]);
  });

  it("starts each helper's taps with pieces of one, so its first slices hold one tap each", () => {
    expect(piecesFor(['dW', 'db', 'dX'], { dW: 9, db: 1, dX: 4 }, 2)).toEqual([
      [
        { name: 'dW', start: 0, end: 1 },
        { name: 'dW', start: 1, end: 2 },
        { name: 'dW', start: 2, end: 4 },
        { name: 'db', start: 0, end: 1 },
        { name: 'dX', start: 0, end: 2 },
      ],
      [
        { name: 'dW', start: 4, end: 5 },
        { name: 'dW', start: 5, end: 6 },
        { name: 'dW', start: 6, end: 9 },
        { name: 'dX', start: 2, end: 4 },
      ],
    ]);
    // A piece too small to split stays whole.
    expect(piecesFor(['dW'], { dW: 2 }, 2)).toEqual([[{ name: 'dW', start: 0, end: 1 }], [{ name: 'dW', start: 1, end: 2 }]]);
  });
});

describe('the app numerical pool', () => {
  const plan = planCheck(problem, { numerical: 'full', method: options.method, h: options.h });
  const here = measureHere(plan).measured!;

  for (const sharesMemory of [true, false]) {
    it(`computes on three helpers exactly what one thread computes, and progress reaches the total (${sharesMemory ? 'shared memory' : 'pieces sent back'})`, async () => {
      const { pool, spawned } = inProcessPool(undefined, { sharesMemory });
      const progress: NumericalProgress[] = [];
      const result = await runPooled(pool, 3, 1, problem, plan.own, options, () => false, (p) => progress.push(p));
      expect(spawned).toHaveLength(3);
      for (const name of ['dX', 'dW', 'db'] as const) {
        expect(Array.from(result![name]!.numerical.data)).toEqual(Array.from(here[name]!.value.data));
        // Shared, the map the helpers wrote in place goes on to the renderer as it is; else in arrays that can be transferred.
        expect(result![name]!.numerical.data.buffer).toBeInstanceOf(sharesMemory ? SharedArrayBuffer : ArrayBuffer);
      }
      expect(here.dX.value.data.some((v) => v !== 0)).toBe(true);
      const last = progress[progress.length - 1];
      expect(last.done).toBe(last.total);
      // Counted in work: every element times what it costs (core/cost.ts).
      const prep = prepare(problem);
      const weights = workPerElement(prep, numericalWork(prep, problem.loss, options.method));
      expect(last.total).toBeCloseTo(2 * 9 * 8 * weights.dX + 2 * 2 * 3 * 2 * weights.dW + 2 * weights.db, 6);
      expect(weights.dW).toBeGreaterThan(weights.dX);
    });
  }

  /** A pool on shared memory whose helpers record what they were given; each fill starts once `gate()` resolves. */
  function recordingPool(options: Partial<FillPoolOptions> = {}, gate: () => Promise<void> = () => Promise.resolve()) {
    const calls: { job: number; problem: Problem; y: FloatArray; shared: SharedFill | undefined; filled: number; returned: FilledPiece[] | null }[] = [];
    const { pool } = inProcessPool(
      (api) => ({
        ...api,
        fill: async (job, p, y, settings, pieces, onProgress, shared) => {
          await gate();
          let filled = 0;
          const returned = await api.fill(job, p, y, settings, pieces, (counts) => ((filled = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0)), onProgress(counts)), shared);
          calls.push({ job, problem: p, y, shared, filled, returned });
          return returned;
        },
      }),
      { sharesMemory: true, ...options },
    );
    return { pool, calls };
  }

  const buffersOf = (shared: SharedFill | undefined) => Object.values(shared!.targets).flatMap((t) => [t!.values.buffer, t!.kinks.buffer, t!.errbar.buffer, t!.spread.buffer]);
  /** The buffers of the problem's copies in the pool's memory: X, W, the bias, G. */
  const problemBuffersOf = ({ x, w, bias, loss }: Problem) => [x, w, bias!, loss.kind === 'linear' && loss.grad.kind === 'array' ? loss.grad.value : x].map((t) => t.data.buffer);

  it('with shared memory, gives every helper the same problem, Y and map arrays in SharedArrayBuffers, the map being the result itself, and gets no pieces back', async () => {
    const { pool, calls } = recordingPool();
    const withArrays: Problem = { ...problem, loss: { kind: 'linear', grad: { kind: 'array', value: randomTensor([...plan.own.y.shape], 9) } } };
    const own = planCheck(withArrays, { numerical: 'none' }).own;
    const result = await runPooled(pool, 2, 1, withArrays, own, options, () => false, () => {});
    expect(calls).toHaveLength(2);
    for (const { problem: p, y, shared, returned } of calls) {
      expect(returned).toEqual([]);
      // The analysis' Y, given: no helper computes it again.
      expect(y).toBe(own.y.data);
      for (const name of ['dX', 'dW', 'db'] as const) expect(shared!.targets[name]!.values).toBe(result![name]!.numerical.data);
      const grad = p.loss.kind === 'linear' && p.loss.grad.kind === 'array' ? p.loss.grad.value : undefined;
      for (const array of [p.x.data, p.w.data, p.bias!.data, grad!.data]) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const name of ['dX', 'dW', 'db'] as const) {
        const target = shared!.targets[name]!;
        for (const array of [target.values, target.kinks, target.errbar, target.spread]) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
      }
    }
    expect(calls[0].problem.x.data).toBe(calls[1].problem.x.data);
    expect(calls[0].shared).toBe(calls[1].shared);
  });

  it("hands the problem's shared buffers of one job to the next but never its map, which the last job's result still is", async () => {
    const { pool, calls } = recordingPool();
    const first = await runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    const other: Problem = { ...problem, x: randomTensor([...problem.x.shape], 31) };
    const otherPlan = planCheck(other, { numerical: 'full', method: options.method, h: options.h });
    const result = await runPooled(pool, 2, 2, other, otherPlan.own, options, () => false, () => {});
    const [one, two] = [calls.find((c) => c.job === 1)!, calls.find((c) => c.job === 2)!];
    expect(new Set(problemBuffersOf(two.problem))).toEqual(new Set(problemBuffersOf(one.problem)));
    expect(buffersOf(two.shared).filter((b) => buffersOf(one.shared).includes(b))).toEqual([]);
    const expected = measureHere(otherPlan).measured!;
    for (const name of ['dX', 'dW', 'db'] as const) {
      expect(Array.from(result![name]!.numerical.data)).toEqual(Array.from(expected[name]!.value.data));
      expect(Array.from(result![name]!.errbar!)).toEqual(Array.from(expected[name]!.errbar));
      expect(Array.from(first![name]!.numerical.data)).toEqual(Array.from(here[name]!.value.data));
    }
    expect(Array.from(result!.dX!.numerical.data)).not.toEqual(Array.from(here.dX.value.data));
  });

  it('with shared memory, lets a helper that starts late leave its share to the others', async () => {
    let release = () => {};
    const late = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    // The second helper starts only once the first has filled everything.
    const { pool, calls: made } = recordingPool({}, () => (calls++ === 0 ? Promise.resolve() : late));
    const running = runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    await vi.waitFor(() => expect(made).toHaveLength(1));
    release();
    const result = await running;
    expect(made.map((c) => c.filled)).toEqual([2 * 9 * 8 + 2 * 2 * 3 * 2 + 2, 0]);
    for (const name of ['dX', 'dW', 'db'] as const) expect(Array.from(result![name]!.numerical.data)).toEqual(Array.from(here[name]!.value.data));
  });

  it('gives a job started while another still holds the shared buffers fresh ones, and hands on the latest', async () => {
    let gate = Promise.resolve();
    const { pool, calls } = recordingPool({}, () => gate);
    await runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    let open = () => {};
    gate = new Promise<void>((resolve) => (open = resolve));
    // Job 2 takes job 1's buffers and holds them while job 3 starts.
    const running = [2, 3].map((job) => runPooled(pool, 2, job, problem, plan.own, options, () => false, () => {}));
    open();
    await Promise.all(running);
    const buffers = (job: number) => problemBuffersOf(calls.find((c) => c.job === job)!.problem);
    expect(new Set(buffers(2))).toEqual(new Set(buffers(1)));
    expect(buffers(3).filter((b) => buffers(2).includes(b))).toEqual([]);
  });

  it('keeps no shared buffers after a job over the limit', async () => {
    const { pool, calls } = recordingPool({ retireAbove: problem.x.data.length - 1 });
    await runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    await runPooled(pool, 2, 2, problem, plan.own, options, () => false, () => {});
    const buffers = (job: number) => problemBuffersOf(calls.find((c) => c.job === job)!.problem);
    expect(buffers(2).filter((b) => buffers(1).includes(b))).toEqual([]);
  });

  it('returns the kink mask and error bars, assembled from every helper, that the summary counts', async () => {
    // Zeros on the left: Y = 0 exactly there, on ReLU's kink, which a nonzero target makes real.
    const x = randomTensor([2, 9, 8], 4);
    x.data.forEach((_, i) => i % 8 < 4 && (x.data[i] = 0));
    const zeroTarget: Problem = { ...problem, x, bias: undefined };
    const yShape = [...planCheck(zeroTarget, { numerical: 'none' }).own.y.shape];
    const target = { shape: yShape, data: new Float64Array(yShape.reduce((a, b) => a * b, 1)).fill(0.5) };
    const flat: Problem = { ...zeroTarget, loss: { kind: 'l2', activation: 'relu', target: { kind: 'array', value: target } } };
    const flatPlan = planCheck(flat, { numerical: 'full', method: options.method, h: options.h });
    const expected = measureHere(flatPlan).measured!.dX;
    const result = await runPooled(inProcessPool().pool, 3, 1, flat, flatPlan.own, options, () => false, () => {});
    const kinks = result!.dX!.kinks!;
    expect(Array.from(kinks)).toEqual(Array.from(expected.kinks));
    expect(Array.from(result!.dX!.errbar!)).toEqual(Array.from(expected.errbar));
    expect(result!.dX!.summary.kinked).toBe(kinks.reduce((n, v) => n + v, 0));
    expect(result!.dX!.summary.kinked).toBeGreaterThan(0);
    expect(result!.dX!.summary.kinked).toBeLessThan(kinks.length);
  });

  it('keeps helpers for the next job and gives f32 jobs helpers of their own', async () => {
    const { pool, spawned } = inProcessPool();
    await runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    await runPooled(pool, 2, 2, problem, plan.own, options, () => false, () => {});
    expect(spawned).toHaveLength(2);
    const f32 = { ...problem, dtype: 'f32' as const };
    await runPooled(pool, 2, 3, f32, planCheck(f32, { numerical: 'full' }).own, options, () => false, () => {});
    expect(spawned).toHaveLength(4);
  });

  it('retires the helpers after a job larger than its limit, starting fresh ones for the next job at once', async () => {
    const { pool, spawned } = inProcessPool(undefined, { retireAbove: problem.x.data.length - 1 });
    await runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    expect(spawned.map((s) => s.helper.terminate.mock.calls.length)).toEqual([1, 1, 0, 0]);
    await runPooled(pool, 2, 2, problem, plan.own, options, () => false, () => {});
    // The second job ran on the helpers started after the first.
    expect(spawned.map((s) => s.helper.terminate.mock.calls.length)).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('passes a cancel on to every helper and returns null', async () => {
    const cancels: number[] = [];
    const { pool } = inProcessPool((api) => ({ ...api, cancel: (job) => (cancels.push(job), api.cancel(job)) }));
    let cancelled = false;
    const result = await runPooled(pool, 2, 7, problem, plan.own, options, () => cancelled, () => (cancelled = true));
    expect(result).toBeNull();
    expect(cancels).toEqual([7, 7]);
  });

  it('a helper that dies fails the job with its reason, and the next job starts new helpers', async () => {
    const { pool, spawned } = inProcessPool((api) => ({ ...api, fill: () => new Promise(() => {}) }));
    const running = runPooled(pool, 2, 1, problem, plan.own, options, () => false, () => {});
    spawned[1].kill('a numerical worker stopped: out of memory');
    await expect(running).rejects.toThrow('out of memory');
    expect(spawned[0].helper.terminate).toHaveBeenCalled();
    pool.helpers('f64', 2);
    expect(spawned).toHaveLength(4);
  });
});
