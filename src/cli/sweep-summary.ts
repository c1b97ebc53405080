// The short human-readable table `convgrad sweep` prints when --json is not given.

import type { SweepPoint, TaylorSeries } from '../core/study/sweep';
import { formatShape } from '../core/problem/tensor';
import type { FdMethod } from '../core/problem/types';
import { error } from './summary';
import type { SweepReport } from '../export/report';
import { sweptGradients } from './sweep-csv';

const WIDTH = 100;

/** How far a fitted Taylor slope may sit from 1 or 2 and still be read as that order. */
const SLOPE_SLACK = 0.3;

export function formatSweepSummary(report: SweepReport, outDir?: string): string {
  const { sweep, options, shapes } = report;
  const sampled = sweptGradients(sweep).map((name) => `${name} ${sweep.sampled[name].used}/${sweep.sampled[name].of}`);
  const lines = [
    `convgrad sweep: X ${formatShape(shapes.x)} * W ${formatShape(shapes.w)}  ${options.op}, ${options.dtype}, ${sweep.method} difference`,
    `  elements sampled per step: ${sampled.join(', ')} (seed ${options.seed})`,
  ];
  if (report.inject) lines.push(`  injected bug: ${report.inject.title} (${report.inject.name})`, `    ${report.inject.explanation}`);
  lines.push(`  ${'h'.padStart(9)}  ${'max abs'.padStart(9)}  ${'median abs'.padStart(10)}`);
  const rows = sweep.points.includes(sweep.chosen) ? sweep.points : [...sweep.points, sweep.chosen];
  for (const p of rows) lines.push(pointLine(p, p === sweep.chosen, p === sweep.best));
  lines.push(
    sweep.best
      ? `  best h ${step(sweep.best.h)} (max abs ${error(sweep.best.maxAbs)}); chosen h ${step(sweep.chosen.h)} (max abs ${error(sweep.chosen.maxAbs)})`
      : `  no best h: every step has non-finite quotients; chosen h ${step(sweep.chosen.h)}`,
  );
  if (report.taylor) {
    lines.push(`  Taylor test, r1 = |L(p+hv) - L(p) - h<g,v>| (random unit v, seed ${options.seed}):`);
    for (const series of report.taylor.series) lines.push(taylorLine(series));
  }
  lines.push(...wrap(truncationVsRoundOff(sweep.method), WIDTH, '  ', '    '));
  if (outDir !== undefined) lines.push(`  results written to ${outDir}`);
  return lines.join('\n') + '\n';
}

function pointLine(p: SweepPoint, chosen: boolean, best: boolean): string {
  const marks = [...(best ? ['best'] : []), ...(chosen ? ['chosen'] : []), ...(p.nonfinite > 0 ? [`${p.nonfinite} non-finite`] : [])];
  return `  ${step(p.h).padStart(9)}  ${error(p.maxAbs).padStart(9)}  ${error(p.medianAbs).padStart(10)}  ${marks.join(', ')}`.trimEnd();
}

function taylorLine(series: TaylorSeries): string {
  const name = series.parameter === 'x' ? 'X' : 'W';
  return `    ${name}  slope r0 ${slope(series.slope0)}  r1 ${slope(series.slope1)}  ${interpretSlope(series.slope1)}`;
}

/** What the fitted slope of r1 says about the analytic gradient (see docs/DISCREPANCIES.md, Taylor test). */
export function interpretSlope(slope1: number | null): string {
  if (slope1 === null) return 'round-off only: r1 is above the rounding noise of L at fewer than two steps, nothing to fit (as for a loss linear in this parameter)';
  if (Math.abs(slope1 - 2) <= SLOPE_SLACK) return 'gradient consistent: the remainder falls like h^2';
  if (Math.abs(slope1 - 1) <= SLOPE_SLACK) return 'gradient WRONG: a first-order remainder is left that no h removes';
  return 'inconclusive: neither slope 1 nor slope 2';
}

function truncationVsRoundOff(method: FdMethod): string {
  const order = method === 'central' ? 'h^2' : 'h';
  return (
    `Why: a larger h makes the difference quotient a worse approximation (truncation error ~ ${order}), a smaller h divides ` +
    'the rounding error of L by a smaller number (round-off ~ eps*|L|/h), so the error is smallest where the two balance; ' +
    'a wrong gradient adds a floor that no h gets below.'
  );
}

/** Words of `text` on lines of at most `width` characters, the first indented by `first`, the rest by `rest`. */
function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
    }
    line += line.trim() === '' ? word : ` ${word}`;
  }
  return [...lines, line];
}

function step(h: number): string {
  return Number(h.toPrecision(3)).toExponential();
}

function slope(v: number | null): string {
  return v === null ? 'null' : v.toFixed(2);
}
