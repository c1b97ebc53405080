// report.json and sweep.json of the CLI's commands. The mapping from the core's types to both
// documented formats is src/export/report.ts, shared with the app's "Export results…"; this adds
// what only the command line knows: the check's settings as it resolved them, and where the inputs
// came from (the files as given, `FILE:key` for an array from --npz, or the kernel preset).

import type { CheckResult } from '../core/check/check';
import type { Problem } from '../core/problem/types';
import type { BugInfo } from '../core/study/inject';
import type { SweepResult, TaylorResult } from '../core/study/sweep';
import { checkReport, sweepReport, type Report, type ReportInputs, type ReportSource, type SweepReport } from '../export/report';
import type { CliOptions } from './check-args';
import { kernelLabel, type ProblemArgs } from './problem-args';
import type { SweepCliOptions } from './sweep-args';

export interface ReportExtras {
  /** The bug whose gradients were checked (--inject). */
  readonly bug?: BugInfo;
  /** With --compare-dtypes, the f32 run (the main result is the f64 one). */
  readonly f32?: CheckResult;
}

/** report.json of `convgrad check` on `problem` (the problem as loaded from `options`). */
export function buildReport(result: CheckResult, problem: Problem, options: CliOptions, version: string, { bug, f32 }: ReportExtras = {}): Report {
  const { method, h, tolerance, kinkConvention, precision } = options;
  const check = {
    settings: { method, h, autoStep: !options.stepGiven, tolerance, kinkConvention },
    numerical: options.numerical,
    reference: options.reference,
    ...(options.fast ? { fast: options.fast } : {}),
  };
  const both = precision && f32 ? { f64: { result, ...precision.f64 }, f32: { result: f32, ...precision.f32 } } : undefined;
  return checkReport(problem, result, check, sourceOf(options, version, bug), both);
}

/** sweep.json of `convgrad sweep` on `problem`. */
export function buildSweepReport(
  sweep: SweepResult,
  taylor: TaylorResult | undefined,
  problem: Problem,
  options: SweepCliOptions,
  version: string,
  bug?: BugInfo,
): SweepReport {
  const { method, h, hs, elements, seed } = options;
  return sweepReport(problem, sweep, taylor, { method, h, hs, elements, seed }, sourceOf(options, version, bug));
}

function sourceOf(options: ProblemArgs, version: string, bug: BugInfo | undefined): ReportSource {
  return { inputs: reportInputs(options), imageMode: options.imageMode, version, ...(bug ? { bug } : {}) };
}

function reportInputs(options: ProblemArgs): ReportInputs {
  const { grad, target } = options;
  return {
    x: options.x ?? '',
    ...(options.npz !== undefined ? { npz: options.npz } : {}),
    w: kernelLabel(options.w),
    ...(options.bias !== undefined ? { bias: options.bias } : {}),
    ...(options.loss === 'linear' && grad.kind === 'file' ? { grad: grad.path } : {}),
    ...(options.loss === 'l2' && target.kind === 'file' ? { target: target.path } : {}),
    ...(options.analyticDx !== undefined ? { analytic_dx: options.analyticDx } : {}),
    ...(options.analyticDw !== undefined ? { analytic_dw: options.analyticDw } : {}),
  };
}
