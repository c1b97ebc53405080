// report.json: the stable, documented result of `convgrad check` (contract in docs/CLI.md).

import type { CheckResult } from '../core/check/check';
import type { Diagnoses } from '../core/diagnosis';
import type { BugInfo } from '../core/study/inject';
import { verdictOf } from '../core/check/check';
import type { DType, GradientName, GradientSummary, KinkConvention, Problem, Verdict } from '../core/problem/types';
import type { CliOptions } from './check-args';
import {
  injectReport,
  inputShapes,
  problemReportOptions,
  reportInputs,
  toJson,
  type InjectReport,
  type InputShapes,
  type ProblemReportOptions,
  type ReportInputs,
} from './report-parts';

export interface ReportOptions extends ProblemReportOptions {
  readonly atol: number;
  readonly rtol: number;
  readonly numerical: string;
  readonly reference: boolean;
  /** How elements whose difference crosses a real kink were judged. */
  readonly kink_convention: KinkConvention;
  /** Whether h was scaled per gradient (and shrunk per element where truncation dominated) because --h was not given. */
  readonly h_auto: boolean;
  /** --numerical fast only: random directions per gradient and their seed. */
  readonly directions?: number;
  readonly seed?: number;
}

/** One dtype's run of a --compare-dtypes check. */
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
  /** Per failing gradient under test: {match, footprint} (docs/CLI.md); absent when none failed. */
  readonly diagnosis?: Diagnoses;
  readonly inject?: InjectReport;
  readonly precision?: Readonly<Record<DType, PrecisionReport>>;
  readonly inputs: ReportInputs;
  readonly version: string;
}

export interface ReportExtras {
  /** The bug whose gradients were checked (--inject). */
  readonly bug?: BugInfo;
  /** With --compare-dtypes, the f32 run (the main result is the f64 one). */
  readonly f32?: CheckResult;
}

export function buildReport(result: CheckResult, problem: Problem, options: CliOptions, version: string, extras: ReportExtras = {}): Report {
  const { bug, f32 } = extras;
  const precision = options.precision && f32 && { f64: precisionReport(result, options.precision.f64), f32: precisionReport(f32, options.precision.f32) };
  const runs = f32 ? [result, f32] : [result];
  const verdict = verdictOf(
    runs.flatMap((r) => Object.values(r.summaries)),
    runs.flatMap((r) => r.directional ?? []),
    runs.some((r) => r.verdict !== 'not checked'),
  );
  return {
    verdict,
    gradients: result.summaries,
    shapes: { ...inputShapes(problem), y: [...result.y.shape] },
    loss: result.loss,
    options: reportOptions(options),
    timings_ms: result.timings_ms,
    ...(result.directional ? { directional: result.directional } : {}),
    ...(Object.keys(result.diagnosis).length > 0 ? { diagnosis: result.diagnosis } : {}),
    ...(bug ? { inject: injectReport(bug) } : {}),
    ...(precision ? { precision } : {}),
    inputs: reportInputs(options),
    version,
  };
}

function precisionReport(result: CheckResult, settings: NonNullable<CliOptions['precision']>[DType]): PrecisionReport {
  return {
    verdict: result.verdict,
    h: settings.h,
    atol: settings.tolerance.atol,
    rtol: settings.tolerance.rtol,
    gradients: result.summaries,
    ...(result.directional ? { directional: result.directional } : {}),
  };
}

function reportOptions(options: CliOptions): ReportOptions {
  return {
    ...problemReportOptions(options),
    atol: options.tolerance.atol,
    rtol: options.tolerance.rtol,
    numerical: options.numerical,
    reference: options.reference,
    kink_convention: options.kinkConvention,
    h_auto: !options.stepGiven,
    ...(options.fast ? { directions: options.fast.directions, seed: options.fast.seed } : {}),
  };
}

export function reportToJson(report: Report): string {
  return toJson(report);
}
