// What a check will take before it runs, and how fast this machine runs it. The core counts the
// work (multiply-adds of the forward pass and the VJP; the numerical job's features, core/check/
// cost.ts); this turns the counts into seconds with speeds learnt from the jobs that ran here
// (or assumed before any did), so the model follows whatever the loops cost on this machine.
import { RELATIVE_WORK_COST, WORK_FEATURES, workCost, type CheckCost, type NumericalWork } from '../../core/check/cost';
import type { NumericalProgress, ProgressPhase } from '../../core/check/progress';
import type { DType } from '../../core/problem/types';

/** A problem's work as the estimate needs it: the core's counts and what the numerical job handles. */
export interface JobSize {
  readonly cost: CheckCost;
  readonly work: NumericalWork;
  readonly dtype: DType;
  /** Input values copied to each helper and read to start the job. */
  readonly values: number;
  /** Gradient elements the job computes, compares and sends back. */
  readonly elements: number;
  /** Whether the job starts its helpers: the first of its dtype on the page (see Speed.starts). */
  readonly coldStart?: boolean;
}

export interface CostEstimate {
  readonly forwardMacs: number;
  readonly vjpMacs: number;
  readonly numericalMacs: number;
  readonly analyzeSeconds: number;
  /** The whole numerical job, from Run to the results: start, fill on every helper, finish. */
  readonly numericalSeconds: number;
  /** The part after the last element is filled (comparison, results sent and shown). */
  readonly finishSeconds: number;
  /** The job's progress in its phases (taps, then pixels) at this machine's cost per unit of each: for the time left. */
  readonly phases: readonly ProgressPhase[];
}

/** A measured time (ms) and the amounts of what it is taken to be proportional to. */
export interface TimeSample {
  readonly amounts: readonly number[];
  readonly ms: number;
}

/** What the estimate learns from the jobs that ran on this machine: what they took, newest last. */
export interface Speed {
  /** Multiply-adds per second of the forward pass and VJP. */
  readonly analyze: number;
  /** Fills on one helper, amounts WORK_FEATURES: one kind whatever the dtype (an f32 problem is differenced in its float64 twin, by the same loops). */
  readonly fills: readonly TimeSample[];
  /**
   * From Run to the first slice done (the problem handed to the helpers, Y), amounts [1, input
   * values, input values of an f32 problem (its float64 twin is made too), 1 if the job started
   * its helpers (workers loaded and their loops compiled: the first job of a dtype on a page)].
   */
  readonly starts: readonly TimeSample[];
  /** From the last element to the results (pieces written back, comparison, results shown), amounts [1, gradient elements]. */
  readonly finishes: readonly TimeSample[];
}

export const DEFAULT_SPEED: Speed = { analyze: 1.4e9, fills: [], starts: [], finishes: [] };

/**
 * Assumed before anything was measured, from this project's 2-core build machine: maps from
 * 1024²·3×3 to 2000×3000·15×15 took 5 to 7 ns per unit of workCost on one thread; a job's start about
 * 0.1 s plus 60 ns per input value (90 for f32, whose float64 twin is made too) plus 0.2 s where it
 * starts its helpers, its finish 30 ms plus 150 ns per element. The first job a machine runs (the
 * default view's) starts replacing them with its own.
 */
const PRIOR = {
  fillNs: 7,
  start: [100, 6e-5, 3e-5, 200],
  finish: [30, 1.5e-4],
} as const;

/** Samples kept of each kind: enough kinds of job to tell the amounts apart, recent enough to be this build's. */
const KEPT = 12;

/**
 * How strongly a fit holds each cost to the prior (at the overall speed the samples show) against
 * the samples: weakly, so a few samples that tell the amounts apart move them, while an amount no
 * sample has exercised keeps its share of the overall speed.
 */
const PRIOR_WEIGHT = 0.01;

/** Solves a x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let c = r + 1; c < n; c++) sum -= m[r][c] * x[c];
    x[r] = sum / m[r][r];
  }
  return x;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * b[i], 0);

/**
 * How much sample `i` of `count` (newest last) counts: a short one is mostly the loops warming up
 * (V8 compiles them during the first slices), scheduling and timer resolution, a long one is the
 * machine's speed; and an older one counts less, the machine's load having changed since.
 */
const weightOf = (sample: TimeSample, i: number, count: number) => (sample.ms / (sample.ms + SETTLED_MS)) * AGEING ** (count - 1 - i);
const SETTLED_MS = 1000;
const AGEING = 0.85;

/** The weighted geometric mean of how much longer the samples took than `prior` says; undefined without samples. */
function overallScale(samples: readonly TimeSample[], prior: readonly number[]): number | undefined {
  if (samples.length === 0) return undefined;
  const weights = samples.map((s, i) => weightOf(s, i, samples.length));
  const total = weights.reduce((a, b) => a + b, 0);
  return Math.exp(samples.reduce((sum, s, i) => sum + weights[i] * Math.log(s.ms / dot(s.amounts, prior)), 0) / total);
}

/**
 * The cost (ms) of one unit of each amount, fitted to `samples`: the prior's ratios at the overall
 * speed the samples show (`scale` without samples), then each cost moved to fit them in error
 * relative to that prior's expectation, each sample as much as its weight (a ridge regression
 * toward the prior), kept within a factor of 20 of it.
 */
export function fitCosts(samples: readonly TimeSample[], prior: readonly number[], scale = 1): number[] {
  const base = prior.map((p) => p * (overallScale(samples, prior) ?? scale));
  if (samples.length === 0) return base;
  // In units of the prior (cost = base * u), each sample's equation is z . u = ms / expected with
  // z = amounts * base / expected: errors relative to what the prior expects of it, so a big job does
  // not outweigh a small one, and two timings of one job meet at their (weighted) mean.
  const n = prior.length;
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? PRIOR_WEIGHT : 0)));
  const b = new Array<number>(n).fill(PRIOR_WEIGHT);
  for (const [k, sample] of samples.entries()) {
    const expected = dot(sample.amounts, base);
    const z = sample.amounts.map((v, i) => (v * base[i]) / expected);
    const w = weightOf(sample, k, samples.length);
    for (let i = 0; i < n; i++) {
      b[i] += (w * z[i] * sample.ms) / expected;
      for (let j = 0; j < n; j++) a[i][j] += w * z[i] * z[j];
    }
  }
  return solve(a, b).map((u, i) => base[i] * Math.min(20, Math.max(1 / 20, u)));
}

const amountsOf = (work: NumericalWork) => WORK_FEATURES.map((f) => work[f]);

/** This machine's cost per unit of each feature of the numerical work, ns on one helper. */
export function featureCosts(speed: Speed): Record<keyof NumericalWork, number> {
  const ms = fitCosts(
    speed.fills,
    WORK_FEATURES.map((f) => (RELATIVE_WORK_COST[f] * PRIOR.fillNs) / 1e6),
  );
  return Object.fromEntries(WORK_FEATURES.map((f, i) => [f, ms[i] * 1e6])) as Record<keyof NumericalWork, number>;
}

/** What a job's start is taken to be proportional to (see Speed.starts). */
const startAmounts = ({ values, dtype, coldStart }: JobSize) => [1, values, dtype === 'f32' ? values : 0, coldStart ? 1 : 0];

/** The taps' work and the pixels', apart: the job fills them in that order (pooled-numerical.ts). */
function phasesOf(work: NumericalWork): [NumericalWork, NumericalWork] {
  return [
    { pixels: 0, outputVisits: 0, tapVisits: work.tapVisits },
    { ...work, tapVisits: 0 },
  ];
}

export function estimateCost(size: JobSize, speed: Speed, helpers: number): CostEstimate {
  const { cost, work, elements } = size;
  const ns = featureCosts(speed);
  const startMs = dot(startAmounts(size), fitCosts(speed.starts, PRIOR.start));
  const fillMs = workCost(work, ns) / 1e6 / helpers;
  const finishMs = dot([1, elements], fitCosts(speed.finishes, PRIOR.finish));
  // Progress counts RELATIVE_WORK_COST units (the worker's weights); each phase's unit takes this machine's time (ms, all helpers).
  const phases = phasesOf(work).map((part) => {
    const units = workCost(part);
    return { units, cost: units > 0 ? workCost(part, ns) / units / 1e6 / helpers : 0 };
  });
  return {
    forwardMacs: cost.forward,
    vjpMacs: cost.vjp,
    numericalMacs: cost.numerical,
    analyzeSeconds: (cost.forward + cost.vjp) / speed.analyze,
    numericalSeconds: (startMs + fillMs + finishMs) / 1000,
    finishSeconds: finishMs / 1000,
    phases,
  };
}

/** A progress report with the time it reached the page, in ms since Run. */
export interface TimedReport {
  readonly progress: NumericalProgress;
  readonly atMs: number;
}

/** How a finished numerical job went, as the page saw it. */
export interface JobTiming {
  readonly reports: readonly TimedReport[];
  /** From Run to the results. */
  readonly wallMs: number;
}

/** Reports over less than this (the worker's clock) give no rate worth learning: JIT warm-up and slices dominate. */
const MIN_FILL_MS = 200;
/** The taps and the pixels are timed apart only when each took this long; else the whole fill is one sample. */
const MIN_PHASE_MS = 500;
/**
 * The fill of a job that started its helpers is timed from this long after its first report: fresh
 * workers compile their loops meanwhile. Timed from the start, the default view's job on a fresh
 * page ran at a tenth of the speed of later ones and made the next estimates 4× too long.
 */
const COLD_FILL_MS = 1000;

/** When progress passed `units`, interpolated between the reports around it (the worker's clock). */
function passedAt(reports: readonly TimedReport[], units: number): number | undefined {
  for (let i = 1; i < reports.length; i++) {
    const a = reports[i - 1].progress;
    const b = reports[i].progress;
    if (b.done >= units && a.done < units) return a.elapsedMs + ((units - a.done) / (b.done - a.done)) * (b.elapsedMs - a.elapsedMs);
  }
  return undefined;
}

/**
 * The fills a job's reports show, on one helper: the taps and the pixels apart when each took long
 * enough to time (they are filled in that order), else the whole. The first report comes after
 * start-up and one slice; the rate from there on is the fill's, or from COLD_FILL_MS on in a job
 * that started its helpers.
 */
function fillsOf(work: NumericalWork, reports: readonly TimedReport[], helpers: number, coldStart = false): TimeSample[] {
  const from = reports[0].progress.elapsedMs + (coldStart ? COLD_FILL_MS : 0);
  const first = reports.find((r) => r.progress.elapsedMs >= from)?.progress;
  if (!first) return [];
  const last = reports[reports.length - 1].progress;
  const span = last.elapsedMs - first.elapsedMs;
  if (span < MIN_FILL_MS || last.done <= first.done) return [];
  const [taps, pixels] = phasesOf(work);
  const tapUnits = workCost(taps);
  const split = tapUnits > first.done ? passedAt(reports, tapUnits) : undefined;
  if (split !== undefined && split - first.elapsedMs >= MIN_PHASE_MS && last.elapsedMs - split >= MIN_PHASE_MS && workCost(pixels) > 0) {
    const tapMs = ((split - first.elapsedMs) / (tapUnits - first.done)) * tapUnits;
    return [
      { amounts: amountsOf(taps), ms: tapMs * helpers },
      { amounts: amountsOf(pixels), ms: (last.elapsedMs - split) * helpers },
    ];
  }
  return [{ amounts: amountsOf(work), ms: (last.total / ((last.done - first.done) / span)) * helpers }];
}

const kept = (samples: readonly TimeSample[], more: readonly TimeSample[]) => [...samples, ...more].slice(-KEPT);

/** What `timing` says of this machine's speed, for a job of `size` on `helpers` helpers: its samples added to the others. */
export function learnFromJob(speed: Speed, size: JobSize, timing: JobTiming, helpers: number): Speed {
  const { reports, wallMs } = timing;
  const first = reports[0];
  const last = reports[reports.length - 1];
  if (!first || !last || last.progress.done < last.progress.total || last.progress.total <= 0) return speed;
  const fills = fillsOf(size.work, reports, helpers, size.coldStart);
  const starts: TimeSample[] = [];
  const second = reports[1]?.progress;
  // A job too short to time its fill tells little of its start either, unless that start was the cold one.
  if ((fills.length > 0 || size.coldStart) && second && second.done > first.progress.done) {
    // The first report came after one slice: at the pace up to the second report, it took this long.
    const sliceMs = (first.progress.done * (second.elapsedMs - first.progress.elapsedMs)) / (second.done - first.progress.done);
    if (first.atMs > sliceMs) starts.push({ amounts: startAmounts(size), ms: first.atMs - sliceMs });
  }
  const finishMs = wallMs - last.atMs;
  const finishes = finishMs > 0 ? [{ amounts: [1, size.elements], ms: finishMs }] : [];
  return {
    ...speed,
    fills: kept(speed.fills, fills),
    starts: kept(speed.starts, starts),
    finishes: kept(speed.finishes, finishes),
  };
}

/** The forward pass and VJP's speed implied by `ms` spent on them for `cost`. */
export function learnAnalysis(speed: Speed, cost: CheckCost, ms: number): Speed {
  return { ...speed, analyze: ((cost.forward + cost.vjp) / ms) * 1000 };
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const nonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Stored samples of `length` amounts each with a time, the others dropped. */
function parseSamples(value: unknown, length: number): TimeSample[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((sample: unknown) => {
    const { amounts, ms } = (sample ?? {}) as { amounts?: unknown; ms?: unknown };
    if (!Array.isArray(amounts) || amounts.length !== length || !amounts.every(nonNegative) || !positive(ms)) return [];
    return [{ amounts: amounts as number[], ms }];
  });
}

/** A stored speed, its unreadable samples dropped; undefined when it is not one. */
export function parseSpeed(text: string | null): Speed | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text ?? 'null');
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const s = value as Partial<Record<keyof Speed, unknown>>;
  if (!positive(s.analyze)) return undefined;
  return {
    analyze: s.analyze,
    fills: parseSamples(s.fills, WORK_FEATURES.length),
    starts: parseSamples(s.starts, PRIOR.start.length),
    finishes: parseSamples(s.finishes, 2),
  };
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
