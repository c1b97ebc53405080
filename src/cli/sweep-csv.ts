// sweep.csv: the table of `convgrad sweep --out` (contract in docs/CLI.md; sweep.json is mapped in
// src/export/report.ts).

import type { ErrorStats, SweepPoint, SweepResult } from '../core/study/sweep';
import type { GradientName } from '../core/problem/types';

export const SWEEP_CSV_FILE = 'sweep.csv';

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
