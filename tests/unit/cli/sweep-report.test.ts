// sweep.csv, sweep.json and the sweep table from a hand-made SweepResult.

import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import type { SweepCliOptions } from '../../../src/cli/sweep-args';
import { buildSweepReport } from '../../../src/cli/report';
import { sweepCsv } from '../../../src/cli/sweep-csv';
import { reportJson } from '../../../src/export/report';
import { formatSweepSummary, interpretSlope } from '../../../src/cli/sweep-summary';
import type { ErrorStats, SweepPoint, SweepResult, TaylorResult } from '../../../src/core/study/sweep';
import type { Problem, Tensor } from '../../../src/core/problem/types';

const t = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });

function sweepOptions(...argv: string[]): SweepCliOptions {
  const command = parseArgs(['sweep', '--x', 'x.npy', ...argv]);
  if (command.kind !== 'sweep') throw new Error('expected sweep');
  return command.options;
}

const stats = (maxAbs: number, nonfinite = 0): ErrorStats => ({ maxAbs, medianAbs: maxAbs / 2, maxRel: maxAbs / 10, medianRel: maxAbs / 20, nonfinite });
const point = (h: number, maxAbs: number, nonfinite = 0): SweepPoint => ({ h, ...stats(maxAbs, nonfinite), dX: stats(maxAbs, nonfinite), dW: stats(maxAbs / 4), db: stats(0) });

const p1 = point(1e-2, 1e-4);
const p2 = point(1e-4, 1e-9);
const p3 = point(1e-12, NaN, 3);
const chosen = point(1e-6, 1e-7);
const sweep: SweepResult = {
  method: 'central',
  dtype: 'f64',
  points: [p1, p2, p3],
  chosen,
  best: p2,
  sampled: { dX: { used: 9, of: 9 }, dW: { used: 4, of: 4 }, db: { used: 1, of: 1 } },
};

const problem: Problem = {
  x: t([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]),
  w: t([2, 2], [1, 2, 3, 4]),
  bias: t([1], [0]),
  conv: sweepOptions().conv,
  loss: { kind: 'linear', grad: { kind: 'ones' } },
  dtype: 'f64',
};

describe('sweepCsv', () => {
  const [header, ...rows] = sweepCsv(sweep).trimEnd().split('\n');

  it('has the documented columns, db included with a bias', () => {
    const stat = ['max_abs', 'median_abs', 'max_rel', 'median_rel', 'nonfinite'];
    expect(header.split(',')).toEqual(['h', ...stat, ...['dX', 'dW', 'db'].flatMap((g) => stat.map((s) => `${g}_${s}`)), 'chosen', 'best']);
  });

  it('writes the swept steps in order, then the unswept chosen h, marking chosen and best', () => {
    expect(rows.map((r) => r.split(',')[0])).toEqual(['0.01', '0.0001', '1e-12', '0.000001']);
    expect(rows.map((r) => r.split(',').slice(-2).join(','))).toEqual(['0,0', '0,1', '0,0', '1,0']);
    expect(rows[2].split(',').slice(1, 6)).toEqual(['NaN', 'NaN', 'NaN', 'NaN', '3']);
    expect(rows[1].split(',')[11]).toBe(String(1e-9 / 4));
  });

  it('marks a swept chosen h on its own row', () => {
    const lines = sweepCsv({ ...sweep, chosen: p2 }).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2].endsWith(',1,1')).toBe(true);
  });
});

describe('sweep report and table', () => {
  const taylor: TaylorResult = {
    dtype: 'f64',
    series: [
      { parameter: 'x', seed: 0, derivative: 1, points: [], slope0: 1, slope1: 2.01, floor: 1e-15 },
      { parameter: 'w', seed: 1, derivative: 1, points: [], slope0: 0.99, slope1: 1.02, floor: 1e-15 },
    ],
  };
  const options = sweepOptions('--bias', 'b.npy', '--hs', '-2:-12:6', '--taylor', '--elements', '9');
  const report = buildSweepReport(sweep, taylor, problem, options, '1.2.3');

  it('holds the sweep, the Taylor test, the options and the inputs; NaN as a string', () => {
    expect(Object.keys(report)).toEqual(['sweep', 'taylor', 'shapes', 'options', 'inputs', 'version']);
    expect(report.options).toMatchObject({ method: 'central', h: 1e-6, hs: options.hs, elements: 9, seed: 0, taylor: true, dtype: 'f64' });
    expect(report.shapes).toEqual({ x: [3, 3], w: [2, 2], bias: [1] });
    expect(report.inputs).toEqual({ x: 'x.npy', w: 'sobel-x', bias: 'b.npy' });
    expect(JSON.parse(reportJson(report)).sweep.points[2].maxAbs).toBe('NaN');
    expect(buildSweepReport(sweep, undefined, problem, options, '1').taylor).toBeUndefined();
  });

  it('prints one row per step with the marks, the Taylor slopes read aloud and why the curve bends', () => {
    const text = formatSweepSummary(report, 'out');
    expect(text).toMatch(/^convgrad sweep: X \(3,3\) \* W \(2,2\) {2}conv, f64, central difference\n/);
    expect(text).toContain('elements sampled per step: dX 9/9, dW 4/4, db 1/1 (seed 0)');
    expect(text).toMatch(/\n +1e-4 +1\.00e-9 +5\.00e-10 {2}best\n/);
    expect(text).toMatch(/\n +1e-12 +NaN +NaN {2}3 non-finite\n/);
    expect(text).toMatch(/\n +1e-6 +1\.00e-7 +5\.00e-8 {2}chosen\n/);
    expect(text).toContain('    X  slope r0 1.00  r1 2.01  gradient consistent');
    expect(text).toContain('    W  slope r0 0.99  r1 1.02  gradient WRONG');
    expect(text).toContain('truncation error ~ h^2');
    expect(text.trimEnd().split('\n').at(-1)).toBe('  results written to out');
  });

  it('reads the Taylor slope of r1', () => {
    expect(interpretSlope(null)).toMatch(/^round-off only/);
    expect(interpretSlope(1.9)).toMatch(/^gradient consistent/);
    expect(interpretSlope(1.1)).toMatch(/^gradient WRONG/);
    expect(interpretSlope(1.5)).toMatch(/^inconclusive/);
  });
});
