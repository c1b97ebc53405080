// report.json and sweep.json: the documented JSON contract (docs/CLI.md) of a check's and a
// sweep's results, mapped from the core's types here and nowhere else. `convgrad check` and
// `convgrad sweep` (--out, --json) and the app's "Export results…" all build their reports with
// these functions, so a key cannot be spelled, defaulted or left out differently by one of them.
// The core's names stay inside; the contract's snake_case names are chosen here.
import { verdictOf, type CheckResult } from '../core/check/check';
import type { CheckSettings } from '../core/check/types';
import type { Diagnoses } from '../core/diagnosis';
import { DEFAULT_KINK_CONVENTION } from '../core/problem/defaults';
import type { DType, GradientName, GradientSummary, KinkConvention, Problem, Tolerance, Verdict } from '../core/problem/types';
import type { BugInfo } from '../core/study/inject';
import type { SweepResult, TaylorResult } from '../core/study/sweep';
import type { ImageMode } from '../formats/image';

/** The file every check result set contains. */
export const REPORT_FILE = 'report.json';
/** The file every sweep result set contains. */
export const SWEEP_FILE = 'sweep.json';

/** Where the inputs came from (file names, `FILE:key` in a .npz, or the kernel preset): the caller knows, the core's Problem does not. */
export interface ReportInputs {
  readonly x: string;
  readonly npz?: string;
  readonly w: string;
  readonly bias?: string;
  readonly grad?: string;
  readonly target?: string;
  readonly analytic_dx?: string;
  readonly analytic_dw?: string;
}

/** What a report says besides the results: where the inputs came from, how an image became X, and by which ConvGrad. */
export interface ReportSource {
  readonly inputs: ReportInputs;
  readonly imageMode: ImageMode;
  readonly version: string;
  /** The injected bug whose gradients were checked or swept. */
  readonly bug?: BugInfo;
}

export interface InputShapes {
  readonly x: number[];
  readonly w: number[];
  readonly bias?: number[];
}

/** The problem's options, shared by report.json and sweep.json. */
export interface ProblemReportOptions {
  readonly op: string;
  readonly padding: string | readonly number[];
  readonly padding_mode: string;
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly dtype: string;
  readonly loss: string;
  /** Linear loss only: 'ones', 'random:SEED' or 'file'. */
  readonly grad?: string;
  /** l2 loss only. */
  readonly activation?: string;
  /** l2 loss only: 'zeros' or 'file'. */
  readonly target?: string;
  readonly method: string;
  readonly h: number;
  readonly image_mode: string;
}

/** The injected bug as the reports describe it (the catalogue's text, see docs/DISCREPANCIES.md). */
export interface InjectReport {
  readonly name: string;
  readonly title: string;
  readonly explanation: string;
  readonly error_map: string;
}

// ---- report.json ----

/** How the check ran: the settings as resolved (defaults included) and which numerical gradient. */
export interface ReportedCheck {
  readonly settings: Omit<CheckSettings, 'worst'>;
  readonly numerical: 'full' | 'fast' | 'none';
  readonly reference: boolean;
  /** --numerical fast only: random directions per gradient and their seed. */
  readonly fast?: { readonly directions: number; readonly seed: number };
}

/** What report.json reads of a check's result: a CheckResult, or what the app holds of one. */
export type CheckOutcome = Pick<CheckResult, 'verdict' | 'summaries' | 'directional' | 'diagnosis' | 'loss' | 'timings_ms'> & {
  readonly y: { readonly shape: readonly number[] };
};

/** One dtype's run of a --compare-dtypes check, with the step and tolerance it ran with. */
export interface PrecisionRun {
  readonly result: CheckOutcome;
  readonly h: number;
  readonly tolerance: Tolerance;
}

export interface ReportOptions extends ProblemReportOptions {
  readonly atol: number;
  readonly rtol: number;
  readonly numerical: string;
  readonly reference: boolean;
  /** How elements whose difference crosses a real kink were judged. */
  readonly kink_convention: KinkConvention;
  /** Whether h was scaled per gradient (and shrunk per element where truncation dominated) rather than used as given. */
  readonly h_auto: boolean;
  readonly directions?: number;
  readonly seed?: number;
}

export interface PrecisionReport {
  readonly verdict: Verdict;
  readonly h: number;
  readonly atol: number;
  readonly rtol: number;
  readonly gradients: Partial<Record<GradientName, GradientSummary>>;
  readonly directional?: CheckResult['directional'];
}

export interface Report {
  readonly verdict: Verdict;
  readonly gradients: Partial<Record<GradientName, GradientSummary>>;
  readonly shapes: InputShapes & { readonly y: number[] };
  readonly loss: number;
  readonly options: ReportOptions;
  readonly timings_ms: CheckResult['timings_ms'];
  readonly directional?: CheckResult['directional'];
  /** Per failing gradient under test: {match, footprint}; absent when none failed. */
  readonly diagnosis?: Diagnoses;
  readonly inject?: InjectReport;
  readonly precision?: Readonly<Record<DType, PrecisionReport>>;
  readonly inputs: ReportInputs;
  readonly version: string;
}

/**
 * report.json of a check of `problem`. With `precision` (--compare-dtypes) the verdict is over
 * both dtypes' runs; everything else describes `result`, the f64 run.
 */
export function checkReport(
  problem: Problem,
  result: CheckOutcome,
  check: ReportedCheck,
  source: ReportSource,
  precision?: Readonly<Record<DType, PrecisionRun>>,
): Report {
  const runs = precision ? [precision.f64.result, precision.f32.result] : [result];
  const verdict = verdictOf(
    runs.flatMap((r) => Object.values(r.summaries)),
    runs.flatMap((r) => r.directional ?? []),
    runs.some((r) => r.verdict !== 'not checked'),
  );
  const { settings } = check;
  return {
    verdict,
    gradients: result.summaries,
    shapes: { ...inputShapes(problem), y: [...result.y.shape] },
    loss: result.loss,
    options: {
      ...problemOptions(problem, settings, source.imageMode),
      atol: settings.tolerance.atol,
      rtol: settings.tolerance.rtol,
      numerical: check.numerical,
      reference: check.reference,
      kink_convention: settings.kinkConvention ?? DEFAULT_KINK_CONVENTION,
      h_auto: settings.autoStep ?? false,
      ...(check.fast ? { directions: check.fast.directions, seed: check.fast.seed } : {}),
    },
    timings_ms: result.timings_ms,
    ...(result.directional ? { directional: result.directional } : {}),
    ...(Object.keys(result.diagnosis).length > 0 ? { diagnosis: result.diagnosis } : {}),
    ...(source.bug ? { inject: injectReport(source.bug) } : {}),
    ...(precision ? { precision: { f64: precisionReport(precision.f64), f32: precisionReport(precision.f32) } } : {}),
    inputs: source.inputs,
    version: source.version,
  };
}

function precisionReport({ result, h, tolerance }: PrecisionRun): PrecisionReport {
  return {
    verdict: result.verdict,
    h,
    atol: tolerance.atol,
    rtol: tolerance.rtol,
    gradients: result.summaries,
    ...(result.directional ? { directional: result.directional } : {}),
  };
}

// ---- sweep.json ----

export interface SweepReportOptions extends ProblemReportOptions {
  readonly hs: readonly number[];
  readonly elements: number;
  readonly seed: number;
  readonly taylor: boolean;
}

export interface SweepReport {
  readonly sweep: SweepResult;
  /** Only with the Taylor test. */
  readonly taylor?: TaylorResult;
  readonly shapes: InputShapes;
  readonly options: SweepReportOptions;
  readonly inject?: InjectReport;
  readonly inputs: ReportInputs;
  readonly version: string;
}

/** How the sweep ran: the method and the check's h, the swept steps, the sampled elements and their seed. */
export interface ReportedSweep {
  readonly method: CheckSettings['method'];
  readonly h: number;
  readonly hs: readonly number[];
  readonly elements: number;
  readonly seed: number;
}

/** sweep.json of a sweep (and Taylor test) of `problem`: the core's results under their own (camelCase) names. */
export function sweepReport(problem: Problem, sweep: SweepResult, taylor: TaylorResult | undefined, run: ReportedSweep, source: ReportSource): SweepReport {
  return {
    sweep,
    ...(taylor ? { taylor } : {}),
    shapes: inputShapes(problem),
    options: { ...problemOptions(problem, run, source.imageMode), hs: [...run.hs], elements: run.elements, seed: run.seed, taylor: taylor !== undefined },
    ...(source.bug ? { inject: injectReport(source.bug) } : {}),
    inputs: source.inputs,
    version: source.version,
  };
}

// ---- the parts both share ----

function problemOptions(problem: Problem, step: Pick<CheckSettings, 'method' | 'h'>, imageMode: ImageMode): ProblemReportOptions {
  const { conv, loss } = problem;
  const lossOptions =
    loss.kind === 'linear'
      ? { grad: loss.grad.kind === 'array' ? 'file' : loss.grad.kind === 'random' ? `random:${loss.grad.seed}` : 'ones' }
      : { activation: loss.activation, target: loss.target.kind === 'array' ? 'file' : 'zeros' };
  return {
    op: conv.op,
    padding: typeof conv.padding === 'string' ? conv.padding : [...conv.padding],
    padding_mode: conv.paddingMode,
    stride: [...conv.stride],
    dilation: [...conv.dilation],
    dtype: problem.dtype,
    loss: loss.kind,
    ...lossOptions,
    method: step.method,
    h: step.h,
    image_mode: imageMode,
  };
}

function inputShapes(problem: Problem): InputShapes {
  return {
    x: [...problem.x.shape],
    w: [...problem.w.shape],
    ...(problem.bias ? { bias: [...problem.bias.shape] } : {}),
  };
}

function injectReport(bug: BugInfo): InjectReport {
  return { name: bug.name, title: bug.title, explanation: bug.explanation, error_map: bug.errorMap };
}

/** JSON has no NaN or Infinity: they are written as the strings "NaN", "Infinity" and "-Infinity". */
export function reportJson(report: Report | SweepReport): string {
  return JSON.stringify(report, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}
