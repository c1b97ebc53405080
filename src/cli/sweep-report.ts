// sweep.json and sweep.csv: the result of `convgrad sweep` (contract in docs/CLI.md).

import type { BugInfo } from '../core/study/inject';
import type { ErrorStats, SweepPoint, SweepResult, TaylorResult } from '../core/study/sweep';
import type { GradientName, Problem } from '../core/problem/types';
import {
  injectReport,
  inputShapes,
  problemReportOptions,
  reportInputs,
  type InjectReport,
  type InputShapes,
  type ProblemReportOptions,
  type ReportInputs,
} from './report-parts';
import type { SweepCliOptions } from './sweep-args';

export interface SweepReportOptions extends ProblemReportOptions {
  readonly hs: readonly number[];
  readonly elements: number;
  readonly seed: number;
  readonly taylor: boolean;
}

export interface SweepReport {
  readonly sweep: SweepResult;
  /** Only with --taylor. */
  readonly taylor?: TaylorResult;
  readonly shapes: InputShapes;
  readonly options: SweepReportOptions;
  readonly inject?: InjectReport;
  readonly inputs: ReportInputs;
  readonly version: string;
}

export function buildSweepReport(
  sweep: SweepResult,
  taylor: TaylorResult | undefined,
  problem: Problem,
  options: SweepCliOptions,
  version: string,
  bug?: BugInfo,
): SweepReport {
  return {
    sweep,
    ...(taylor ? { taylor } : {}),
    shapes: inputShapes(problem),
    options: { ...problemReportOptions(options), hs: [...options.hs], elements: options.elements, seed: options.seed, taylor: options.taylor },
    ...(bug ? { inject: injectReport(bug) } : {}),
    inputs: reportInputs(options),
    version,
  };
}

const STATS: readonly [string, (s: ErrorStats) => number][] = [
  ['max_abs', (s) => s.maxAbs],
  ['median_abs', (s) => s.medianAbs],
  ['max_rel', (s) => s.maxRel],
  ['median_rel', (s) => s.medianRel],
  ['nonfinite', (s) => s.nonfinite],
];

/**
 * One row per swept step in the order given, then the check's h if it was not swept; `chosen` and
 * `best` are 1 on the rows of the check's h and of the lowest max error. Non-finite values are
 * written NaN, Infinity, -Infinity (as Python's float() and pandas read them).
 */
export function sweepCsv(sweep: SweepResult): string {
  const names = sweptGradients(sweep);
  const header = ['h', ...STATS.map(([key]) => key), ...names.flatMap((name) => STATS.map(([key]) => `${name}_${key}`)), 'chosen', 'best'];
  const rows = sweep.points.includes(sweep.chosen) ? sweep.points : [...sweep.points, sweep.chosen];
  const line = (p: SweepPoint) =>
    [
      p.h,
      ...STATS.map(([, of]) => of(p)),
      ...names.flatMap((name) => STATS.map(([, of]) => of(p[name] as ErrorStats))),
      p === sweep.chosen ? 1 : 0,
      p === sweep.best ? 1 : 0,
    ]
      .map(String)
      .join(',');
  return [header.join(','), ...rows.map(line)].join('\n') + '\n';
}

/** The gradients the sweep sampled (db only with a bias). */
export function sweptGradients(sweep: SweepResult): GradientName[] {
  return (['dX', 'dW', 'db'] as const).filter((name) => sweep.sampled[name].of > 0);
}
