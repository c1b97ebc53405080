// The short human-readable summary `convgrad check` prints when --json is not given.

import { describeDiagnosis } from '../core/diagnosis';
import { formatShape } from '../core/problem/tensor';
import type { GradientName, GradientSummary, WorstElement } from '../core/problem/types';
import type { PrecisionReport, Report } from '../export/report';

const SHOWN_WORST = 3;
const GRADIENT_ORDER: readonly GradientName[] = ['dX', 'dW', 'db'];

export function formatSummary(report: Report, outDir?: string): string {
  const { options, shapes, timings_ms: t } = report;
  const lines = [
    `convgrad check: ${report.verdict.toUpperCase()}`,
    `  X ${formatShape(shapes.x)} * W ${formatShape(shapes.w)} -> Y ${formatShape(shapes.y)}  ${options.op}, ${options.dtype}, ` +
      `${options.method} difference h=${options.h}${options.h_auto ? ' (auto: scaled per gradient, see NUMERICS.md)' : ''}, atol=${options.atol} rtol=${options.rtol}`,
    options.numerical === 'fast'
      ? '  pass rule per direction: |analytic - numerical| <= atol + rtol*|numerical|'
      : `  pass rule per element: |analytic - numerical| <= atol + rtol*|numerical| + error bar` +
        `${options.kink_convention === 'any' ? ' + kink interval' : ''}; kinks judged by convention '${options.kink_convention}'`,
  ];
  if (report.inject) lines.push(`  injected bug: ${report.inject.title} (${report.inject.name})`, `    ${report.inject.explanation}`);
  if (options.directions !== undefined) lines.push(`  fast mode: ${options.directions} random direction(s) per gradient, seed ${options.seed}`);
  const names = GRADIENT_ORDER.filter((name) => report.gradients[name]);
  for (const name of names) lines.push(...gradientLines(name, report.gradients[name] as GradientSummary));
  for (const [name, d] of Object.entries(report.diagnosis ?? {})) if (d) lines.push(`  diagnosis: ${describeDiagnosis(name as 'dX' | 'dW', d)}`);
  for (const d of report.directional ?? []) {
    lines.push(
      `  ${d.gradient} direction ${d.direction}  ${d.verdict === 'pass' ? 'pass' : d.verdict.toUpperCase()}  analytic ${value(d.analytic)}  ` +
        `numerical ${value(d.numerical)} ± ${error(d.errbar)}  abs ${error(d.abs)}  rel ${error(d.rel)}`,
    );
  }
  if (names.length === 0 && !report.directional?.length) lines.push('  not checked: no numerical gradient was computed (--numerical none), so nothing was compared');
  if (report.precision) {
    lines.push('  precision side by side (the lines above are the f64 run):');
    for (const dtype of ['f64', 'f32'] as const) lines.push(precisionLine(dtype, report.precision[dtype]));
  }
  lines.push(`  timings: forward ${ms(t.forward)}, vjp ${ms(t.vjp)}, numerical ${ms(t.numerical)}`);
  if (outDir !== undefined) lines.push(`  results written to ${outDir}`);
  return lines.join('\n') + '\n';
}

const GRADIENT_VERDICT = { pass: 'pass', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' } as const;

function gradientLines(name: GradientName, s: GradientSummary): string[] {
  const rel = s.rel_count > 0 ? `max rel ${error(s.max_rel)} (over ${s.rel_count} above ${error(s.rel_floor)})` : `max rel n/a (no value above ${error(s.rel_floor)})`;
  const head =
    `  ${name.padEnd(2)}  ${GRADIENT_VERDICT[s.verdict]}  max abs ${error(s.max_abs)}  ${rel}  ` +
    `failing ${s.failing}/${s.count}  inconclusive ${s.inconclusive}  kinked ${s.kinked}  by interval ${s.interval}` +
    (s.nonfinite > 0 ? `  non-finite ${s.nonfinite}` : '');
  return [head, `      atol ${error(s.atol)} in use, largest error bar ${error(s.max_errbar)}, scale ${error(s.scale)}`, ...s.worst.slice(0, SHOWN_WORST).map(worstLine)];
}

function precisionLine(dtype: string, p: PrecisionReport): string {
  const head = `    ${dtype}  ${p.verdict.toUpperCase()}  h=${p.h} atol=${p.atol} rtol=${p.rtol}`;
  const gradients = GRADIENT_ORDER.filter((name) => p.gradients[name]).map((name) => {
    const s = p.gradients[name] as GradientSummary;
    return `${name} max abs ${error(s.max_abs)} failing ${s.failing}/${s.count}`;
  });
  const directional = p.directional?.length ? [`directions failing ${p.directional.filter((d) => !d.pass).length}/${p.directional.length}`] : [];
  return [head, ...gradients, ...directional].join('  ');
}

function worstLine(w: WorstElement): string {
  const interval = w.spread > 0 ? `  kink interval ±${error(w.spread)}` : '';
  return `      [${w.index.join(',')}] ${w.judged}  analytic ${value(w.analytic)}  numerical ${value(w.numerical)} ±${error(w.errbar)}${interval}  abs ${error(w.abs)}  rel ${error(w.rel)}`;
}

/** Enough digits to see where an analytic and a numerical value part ways. */
function value(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(12))) : String(v);
}

/** An error size in three significant digits. */
export function error(v: number): string {
  return Number.isFinite(v) ? v.toExponential(2) : String(v);
}

function ms(v: number): string {
  return `${v.toFixed(1)} ms`;
}
