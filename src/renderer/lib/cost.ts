// What a check will take before it runs: the core counts the work (multiply-adds of the
// forward pass, the VJP and the finite differences, and the number of output evaluations);
// this turns the counts into seconds with a throughput measured on this machine (or assumed).
import type { CheckCost } from '../../core/check/cost';

export interface CostEstimate {
  readonly forwardMacs: number;
  readonly vjpMacs: number;
  readonly numericalMacs: number;
  /** What the numerical seconds are proportional to: multiply-adds plus a fixed cost per evaluation. */
  readonly numericalWork: number;
  readonly analyzeSeconds: number;
  readonly numericalSeconds: number;
}

export interface Throughput {
  /** Multiply-adds per second of the forward pass and VJP. */
  readonly analyze: number;
  /** Units of `numericalWork` per second. */
  readonly numerical: number;
}

/** Assumed before anything was measured: `npm run bench` on one core of the 2-core build machine (512²·5×5). */
export const DEFAULT_THROUGHPUT: Throughput = { analyze: 1.4e9, numerical: 2.2e9 };

/**
 * Each output evaluation of the finite differences also pays index arithmetic and loss terms;
 * measured, that is worth about this many multiply-adds (it dominates for 3x3 kernels).
 */
const EVALUATION_OVERHEAD_MACS = 40;

export function estimateCost(cost: CheckCost, throughput: Throughput): CostEstimate {
  const numericalWork = cost.numerical + cost.evaluations * EVALUATION_OVERHEAD_MACS;
  return {
    forwardMacs: cost.forward,
    vjpMacs: cost.vjp,
    numericalMacs: cost.numerical,
    numericalWork,
    analyzeSeconds: (cost.forward + cost.vjp) / throughput.analyze,
    numericalSeconds: numericalWork / throughput.numerical,
  };
}

/** The throughput implied by `ms` spent on one part of a check whose cost is `cost`. */
export function measuredThroughput(current: Throughput, cost: CostEstimate, part: keyof Throughput, ms: number): Throughput {
  const work = part === 'analyze' ? cost.forwardMacs + cost.vjpMacs : cost.numericalWork;
  return { ...current, [part]: (work / ms) * 1000 };
}

export interface JobProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

/**
 * A job's first moments are mostly fixed costs (starting helpers, copying the problem), so a rate
 * taken then extrapolates to absurd figures ("57 min left" for a 0.8 s job). Time left is shown
 * only once this share of the work and this much time have passed.
 */
const RATE_AFTER = { fraction: 0.03, ms: 1000 } as const;

/** Seconds left at the rate so far, or undefined while that rate cannot be trusted yet. */
export function remainingSeconds(progress: JobProgress): number | undefined {
  const { done, total, elapsedMs } = progress;
  if (total <= 0 || done <= 0 || done / total < RATE_AFTER.fraction || elapsedMs < RATE_AFTER.ms) return undefined;
  return ((elapsedMs / done) * (total - done)) / 1000;
}

/** "1.2 G", "340 M", "12 k" */
export function formatCount(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [v, u] of units) if (n >= v) return `${(n / v).toPrecision(3)} ${u}`;
  return String(Math.round(n));
}

/** "0.40 s", "3 min 20 s", "1 h 5 min" */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 10) return `${s.toFixed(s < 1 ? 2 : 1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
