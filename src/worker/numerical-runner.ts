// Runs the core's numerical job in time slices so the worker stays responsive: between
// slices it reports progress and yields to its event loop, where a cancel request can land.
import { compareGradient } from './core/compare';
import { createNumericalJob } from './core/numerical';
import { tensor, zeros } from './core/tensor';
import type { GradientName, Problem, Tensor } from './core/types';
import type { GradientComparison, NumericalOptions, NumericalProgress, NumericalResult } from './protocol';

/** A slice long enough to amortise the yield, short enough that Cancel feels immediate. */
const SLICE_MS = 40;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

export interface Analytic {
  readonly dX: Tensor;
  readonly dW: Tensor;
  readonly db?: Tensor;
}

export async function runNumerical(
  problem: Problem,
  analytic: Analytic,
  options: NumericalOptions,
  isCancelled: () => boolean,
  onProgress: (progress: NumericalProgress) => void,
): Promise<NumericalResult> {
  const job = createNumericalJob(problem, { method: options.method, h: options.h });
  const names = (['dX', 'dW', 'db'] as const).filter((name) => analytic[name] !== undefined && job.counts[name] > 0);
  const total = names.reduce((sum, name) => sum + job.counts[name], 0);
  const started = performance.now();
  let done = 0;
  let chunk = 16;
  const result: Partial<Record<GradientName, GradientComparison>> = {};
  for (const name of names) {
    const target = analytic[name] as Tensor;
    const out = zeros(target.shape, problem.dtype);
    // Elements whose difference straddles an activation's kink (ReLU at 0): not failures.
    const kinks = new Uint8Array(out.data.length);
    for (let start = 0; start < job.counts[name]; ) {
      if (isCancelled()) return null;
      const end = Math.min(start + chunk, job.counts[name]);
      const t0 = performance.now();
      job.fill(name, start, end, out.data, kinks);
      const spent = performance.now() - t0;
      // Aim the next slice at SLICE_MS, growing or shrinking at most fourfold per step.
      chunk = Math.max(1, Math.round(chunk * Math.min(4, Math.max(0.25, SLICE_MS / Math.max(spent, 0.01)))));
      done += end - start;
      start = end;
      onProgress({ done, total, elapsedMs: performance.now() - started });
      await yieldToEventLoop();
    }
    const numerical = tensor(target.shape, out.data);
    const { summary, error } = compareGradient(target, numerical, options.tolerance, options.worst, kinks);
    result[name] = { numerical, error, summary };
  }
  return result;
}
