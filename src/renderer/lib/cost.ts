// What a check will cost before it runs: multiply-adds of the forward pass, the VJP and the
// numerical gradient, and a seconds estimate from a measured (or assumed) throughput.
// The core's numerical gradient perturbs one element at a time and re-evaluates only the
// outputs that read it, so its cost is a sum over elements of the outputs each one reaches.
import { reachOf, type Geometry } from '../../worker/core/geometry';

export interface ProblemSize {
  readonly n: number;
  readonly cin: number;
  readonly cout: number;
  readonly k: number;
  readonly l: number;
  readonly bias: boolean;
}

export interface CostEstimate {
  readonly forwardMacs: number;
  readonly vjpMacs: number;
  readonly numericalMacs: number;
  /** Single-output evaluations the finite differences make. */
  readonly numericalEvaluations: number;
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

/** Assumed before anything was measured (Node 20 on one core of a 2-core runner: 1e8 and 7e8). */
export const DEFAULT_THROUGHPUT: Throughput = { analyze: 1e8, numerical: 7e8 };

/**
 * The finite differences evaluate one output at a time, so each evaluation has a fixed cost
 * (index arithmetic, the loss term) on top of its multiply-adds; measured, it is worth about
 * this many multiply-adds, which is why small kernels run far below the multiply-add rate.
 */
const EVALUATION_OVERHEAD_MACS = 100;

/** Every perturbed element costs two evaluations of the outputs it reaches (v+h and v-h, or v+h and v). */
const EVALUATIONS_PER_ELEMENT = 2;

export function estimateCost(size: ProblemSize, geometry: Geometry, throughput: Throughput): CostEstimate {
  const outputs = geometry.rows.out * geometry.cols.out;
  const perOutput = size.cin * size.k * size.l;
  const forwardMacs = size.n * size.cout * outputs * perOutput;
  // dL/dX and dL/dW each cost one forward pass's worth of multiply-adds.
  const vjpMacs = 2 * forwardMacs;
  // An X element reaches (its outputs along rows) x (its outputs along columns) in every output
  // channel; summed over all elements that separates into the two per-axis sums.
  const xReach = size.n * size.cin * size.cout * reachOf(geometry.rows).outputs.length * reachOf(geometry.cols).outputs.length;
  // A kernel element (and a bias term) reaches every output of its output channel.
  const channelOutputs = size.n * outputs;
  const wReach = size.cout * size.cin * size.k * size.l * channelOutputs;
  const bReach = size.bias ? size.cout * channelOutputs : 0;
  const numericalEvaluations = EVALUATIONS_PER_ELEMENT * (xReach + wReach + bReach);
  const numericalWork = numericalEvaluations * (perOutput + EVALUATION_OVERHEAD_MACS);
  return {
    forwardMacs,
    vjpMacs,
    numericalMacs: numericalEvaluations * perOutput,
    numericalEvaluations,
    numericalWork,
    analyzeSeconds: (forwardMacs + vjpMacs) / throughput.analyze,
    numericalSeconds: numericalWork / throughput.numerical,
  };
}

/** The throughput implied by `ms` spent on one part of a check whose cost is `cost`. */
export function measuredThroughput(current: Throughput, cost: CostEstimate, part: keyof Throughput, ms: number): Throughput {
  const work = part === 'analyze' ? cost.forwardMacs + cost.vjpMacs : cost.numericalWork;
  return { ...current, [part]: (work / ms) * 1000 };
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
