// One check pipeline: the app's main check (browser helper pool), the discrepancy panel (time
// slices) and the CLI (Node threads) differ only in their filler, so the same problem gives the
// same numerical map, bit for bit, and the same verdict through each; and the pipeline validates
// the settings whichever filler is used.
import { describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import type { MeasuredGradients } from '../../../../src/core/check/check';
import { checkOptionsOf, fillHere, runPipeline, type Filler, type PipelineRun } from '../../../../src/core/check/pipeline';
import type { CheckOptions } from '../../../../src/core/check/types';
import type { Problem } from '../../../../src/core/problem/types';
import { threadPoolFiller } from '../../../../src/cli/numerical-pool';
import { poolFiller } from '../../../../src/worker/compute/pooled-numerical';
import { createFillApi } from '../../../../src/worker/fill/fill-api';
import { FillPool } from '../../../../src/worker/fill/fill-pool';
import type { FillApi } from '../../../../src/worker/fill/fill-protocol';
import { slicedFiller } from '../../../../src/core/check/sliced-fill';
import { MIXED_PROBLEM } from '../../support/problems';

/** The app's pool with helpers that run the real fill in this thread, on shared memory (cross-origin isolated) or not. */
function appFiller(size: number, sharesMemory: boolean): Filler {
  const spawn = () => ({ api: createFillApi() as unknown as Remote<FillApi>, died: new Promise<never>(() => {}), terminate: vi.fn() });
  return poolFiller(new FillPool(spawn, { sharesMemory }), size, 1, () => false, () => {});
}

const FILLERS: Record<string, () => Filler> = {
  'app (3 helpers, shared memory)': () => appFiller(3, true),
  'app (3 helpers, pieces sent back)': () => appFiller(3, false),
  'panel (time slices)': () => slicedFiller(() => false, () => {}),
  'CLI (3 Node threads)': () => threadPoolFiller(3, { worthwhile: 0, callerTakesPart: false }),
};

const bytes = (a: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }) =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

function mapOf(run: PipelineRun | null) {
  const r = run!.result;
  return (['dX', 'dW', 'db'] as const).map((name) => ({
    name,
    values: bytes(r.numerical![name]!.data as Float64Array),
    kinks: Array.from(r.kinks![name]!),
    errbar: bytes(r.errbars![name]!),
    verdict: r.summaries[name]!.verdict,
  }));
}

describe('the check pipeline', () => {
  const problems: Record<string, Problem> = {
    'f64 with a ReLU, reflect padding and a bias': MIXED_PROBLEM,
    'f32, strided': { ...MIXED_PROBLEM, dtype: 'f32', conv: { ...MIXED_PROBLEM.conv, padding: 'valid', stride: [2, 1] } },
    'f64, linear loss with a random G': { ...MIXED_PROBLEM, loss: { kind: 'linear', grad: { kind: 'random', seed: 5 } } },
    'f32, linear loss with G = ones': { ...MIXED_PROBLEM, dtype: 'f32', loss: { kind: 'linear', grad: { kind: 'ones' } } },
  };
  const options: CheckOptions = { numerical: 'full', method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 5 };

  for (const [label, problem] of Object.entries(problems)) {
    it(`gives bit-identical numerical maps through the app, the panel and the CLI: ${label}`, async () => {
      const expected = mapOf(await runPipeline(problem, options, fillHere));
      expect(expected[0].values.some((b) => b !== 0)).toBe(true);
      for (const [name, filler] of Object.entries(FILLERS)) {
        expect(mapOf(await runPipeline(problem, options, filler())), name).toEqual(expected);
      }
    });
  }

  it('validates the settings before any filler runs: h = 0 and a negative h are refused', async () => {
    for (const h of [0, -1e-6]) {
      const fill = vi.fn<Filler>(() => true);
      await expect(runPipeline(MIXED_PROBLEM, { ...options, h }, fill)).rejects.toThrow(/h must be a finite number > 0/);
      expect(fill).not.toHaveBeenCalled();
    }
  });

  it('reuses an analysis given for the problem instead of computing Y and the VJP again', async () => {
    const first = (await runPipeline(MIXED_PROBLEM, options, fillHere))!;
    const again = (await runPipeline(MIXED_PROBLEM, options, fillHere, first.plan.own))!;
    expect(again.plan.own).toBe(first.plan.own);
    expect(again.result.verdict).toBe(first.result.verdict);
  });

  it("judges a tolerance left at the dtype's default as the CLI judges one not given: atol scaled to the gradient", async () => {
    const small: Problem = { ...MIXED_PROBLEM, x: { ...MIXED_PROBLEM.x, data: MIXED_PROBLEM.x.data.map((v) => v * 1e-4) } };
    const settings = { method: 'central', h: 1e-6, autoStep: true, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 5 } as const;
    expect(checkOptionsOf({ ...settings, defaultTolerance: true }).tolerance).toBeUndefined();
    const asDefault = (await runPipeline(small, checkOptionsOf({ ...settings, defaultTolerance: true }), fillHere))!;
    const given = (await runPipeline(small, checkOptionsOf(settings), fillHere))!;
    const dW = (run: PipelineRun) => run.result.summaries.dW!;
    expect(dW(asDefault).atol).toBeLessThan(1e-5);
    expect(dW(asDefault).atol).toBe(1e-5 * dW(asDefault).scale);
    expect(dW(given).atol).toBe(1e-5);
  });

  it('is null when the filler was cancelled', async () => {
    const cancelled: Filler = (_plan, _measured: MeasuredGradients) => false;
    expect(await runPipeline(MIXED_PROBLEM, options, cancelled)).toBeNull();
  });
});
