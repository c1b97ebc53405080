import { formatMs, formatSpeedup } from './format';
import type { Row } from './row';

/** Wall time this far above CPU time means the process waited for a core: the case ran on a busy machine. */
const CONTENDED = 1.25;

export const CONTENDED_MARK = `* wall time over ${CONTENDED}× the process's CPU time: the machine was busy during that case, the time is inflated`;

const HEADER = ['#', 'case', 'ConvGrad', 'cold', 'Madd/ns', 'reference', 'ref time', 'speedup', 'target', 'met?'];

function verdict(row: Row): string {
  if (!row.target) return '—';
  if (row.target.met === null) return row.notMeasured ? '—' : 'unknown';
  return row.target.met ? 'yes' : 'NO';
}

/** The table's cells: one line per reference, the case's own cells on its first line only. */
function cells(row: Row): string[][] {
  // UI rows come from the e2e spec (npm run bench:ui), not from a case of their own.
  const number = row.caseNumber === undefined ? 'ui' : String(row.caseNumber);
  if (row.failed) return [[number, row.title, 'FAILED', '', '', row.failed, '', '', row.target?.text ?? '—', '—']];
  if (row.notMeasured) return [['', row.title, 'not measured yet', '', '', row.notMeasured, '', '', row.target?.text ?? '—', verdict(row)]];
  if (row.measuredElsewhere) {
    const { value, source } = row.measuredElsewhere;
    return [[number, row.title, value, '', '', source, '', '', row.target?.text ?? '—', verdict(row)]];
  }
  const cg = row.convgrad;
  const mark = cg && cg.median_ms > CONTENDED * cg.median_cpu_ms ? '*' : '';
  // The first run of a case is in a fresh process: the cold figure a user's first job meets.
  const cold = cg ? formatMs(cg.warmup_ms) : '';
  const rate = cg && cg.madds > 0 ? cg.madd_per_ns.toFixed(2) : '';
  const own = [number, row.title, cg ? `${formatMs(cg.median_ms)}${mark}` : '', cold, rate, '', '', '', row.target?.text ?? '—', verdict(row)];
  const lines = row.references.map((ref, i) => {
    const time = ref.ms === null ? 'n/a' : `${ref.estimated ? '~' : ''}${formatMs(ref.ms)}`;
    const speedup = ref.ms !== null && cg ? formatSpeedup(ref.ms / cg.median_ms) : '';
    const line = i === 0 ? [...own] : HEADER.map(() => '');
    line[5] = ref.label;
    line[6] = time;
    line[7] = speedup;
    return line;
  });
  return lines.length ? lines : [own];
}

/** A plain-text table whose columns line up (markdown pipes, so it pastes into docs). */
export function renderTable(rows: readonly Row[]): string {
  const body = rows.flatMap(cells);
  const widths = HEADER.map((h, c) => Math.max(h.length, ...body.map((line) => line[c].length)));
  const render = (line: string[]) => `| ${line.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [render(HEADER), render(widths.map((w) => '-'.repeat(w))), ...body.map(render)].join('\n');
}

/** Footnotes: the agreement checks, the split of ConvGrad's time, and single-run cases. */
export function renderNotes(rows: readonly Row[]): string {
  const notes: string[] = [];
  for (const row of rows) {
    const cg = row.convgrad;
    if (cg?.parts) {
      const split = Object.entries(cg.parts).map(([name, ms]) => `${name} ${formatMs(ms)}`).join(', ');
      notes.push(`${row.title}: ${split}; cpu ${formatMs(cg.median_cpu_ms)} of wall ${formatMs(cg.median_ms)}; ${cg.samples_ms.length} run(s)`);
    } else if (cg) {
      notes.push(`${row.title}: cpu ${formatMs(cg.median_cpu_ms)} of wall ${formatMs(cg.median_ms)}; ${cg.samples_ms.length} run(s)`);
    }
    if (cg?.note) notes.push(`${row.title}: ${cg.note}`);
    for (const ref of row.references) {
      const how = [ref.estimated, ref.ms === null ? undefined : ref.note].filter(Boolean).join('; ');
      if (how) notes.push(`${row.title}: ${ref.label}: ${how}`);
    }
    for (const [check, value] of Object.entries(row.agreement ?? {})) notes.push(`${row.title}: ${check} = ${value.toExponential(2)}`);
    if (row.target && row.target.met !== null) notes.push(`${row.title}: target judged against ${row.target.basis}`);
  }
  return notes.map((n) => `- ${n}`).join('\n');
}
