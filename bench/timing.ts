export interface Timing {
  /** Median wall time of the repetitions. */
  readonly median_ms: number;
  readonly samples_ms: number[];
  /**
   * Median CPU time (user + system) of this process over the same runs. On a loaded machine
   * wall time grows while CPU time stays near what an idle machine would show.
   */
  readonly median_cpu_ms: number;
  readonly warmup_ms: number;
  /** Set when the case was too slow for repetitions and the one cold run is the result. */
  readonly note?: string;
}

export interface TimingLimits {
  readonly maxReps: number;
  /** Total time the repetitions may take; fewer repetitions are run when one takes long. */
  readonly budgetMs: number;
  /** A warm-up slower than this is reported as the single sample. */
  readonly slowMs: number;
}

export const DEFAULT_LIMITS: TimingLimits = { maxReps: 9, budgetMs: 8000, slowMs: 5000 };

/**
 * Warm-up runs before the timed ones: up to this many, while they take under WARMUP_MS in all.
 * One was not enough: V8 optimises some of a case's functions only on their second or third call
 * (forward+VJP 1024²: the first timed run took twice the steady time), so one warm-up left a slow
 * run among the timed ones.
 */
const WARMUP_RUNS = 3;
const WARMUP_MS = 1000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

function timeOnce(run: () => void): Sample {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** CPU time counts every thread of the process, so a pool's CPU time exceeds its wall time. */
async function timeOnceAsync(run: () => Promise<unknown>): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function summarise(samples: Sample[], warmup: number, note?: string): Timing {
  return {
    median_ms: median(samples.map((s) => s.wall)),
    samples_ms: samples.map((s) => s.wall),
    median_cpu_ms: median(samples.map((s) => s.cpu)),
    warmup_ms: warmup,
    ...(note ? { note } : {}),
  };
}

/** Median time of `run` after warm-up runs (which let V8 optimise the hot loops). */
export function measure(run: () => void, limits: TimingLimits = DEFAULT_LIMITS): Timing {
  const warmup = timeOnce(run);
  if (warmup.wall > limits.slowMs) return summarise([warmup], warmup.wall, 'one cold run (slower than the repetition limit)');
  for (let n = 1, spent = warmup.wall; n < WARMUP_RUNS && spent < WARMUP_MS; n++) spent += timeOnce(run).wall;
  const reps = Math.max(1, Math.min(limits.maxReps, Math.floor(limits.budgetMs / Math.max(warmup.wall, 1e-3))));
  return summarise(Array.from({ length: reps }, () => timeOnce(run)), warmup.wall);
}

/** `measure` for work that finishes asynchronously (worker threads). */
export async function measureAsync(run: () => Promise<unknown>, limits: TimingLimits = DEFAULT_LIMITS): Promise<Timing> {
  const warmup = await timeOnceAsync(run);
  if (warmup.wall > limits.slowMs) return summarise([warmup], warmup.wall, 'one cold run (slower than the repetition limit)');
  for (let n = 1, spent = warmup.wall; n < WARMUP_RUNS && spent < WARMUP_MS; n++) spent += (await timeOnceAsync(run)).wall;
  const reps = Math.max(1, Math.min(limits.maxReps, Math.floor(limits.budgetMs / Math.max(warmup.wall, 1e-3))));
  const samples: Sample[] = [];
  for (let i = 0; i < reps; i++) samples.push(await timeOnceAsync(run));
  return summarise(samples, warmup.wall);
}
