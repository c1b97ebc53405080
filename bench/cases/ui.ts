import type { Row } from '../row';
import { formatFigure, metLimit, type UiFigure, type UiResults } from '../ui-results';

interface UiRow {
  readonly id: string;
  readonly title: string;
  readonly target: string;
  readonly spec: string;
}

const PERFORMANCE = 'tests/e2e/performance.spec.ts';
const POOL = 'tests/e2e/pool-isolation.spec.ts';

/** The UI figures the e2e performance specs measure, in table order, with the limits. */
const UI_ROWS: readonly UiRow[] = [
  { id: 'app-pool-speedup', title: 'app: numerical job 1024²·5×5, all helper workers vs 1', target: '≥1.7× vs 1 worker', spec: PERFORMANCE },
  { id: 'app-pool-isolated', title: 'app: numerical job 1024²·5×5, 2 helper workers vs 1, cross-origin isolated (shared memory)', target: '≥1.8× vs 1 worker', spec: POOL },
  { id: 'app-pool-not-isolated', title: 'app: the same without cross-origin isolation (copies, the fallback)', target: '≥1× (no goal: for comparison)', spec: POOL },
  { id: 'long-task', title: 'UI: longest main-thread task during a 1024² numerical job', target: '≤ 50 ms', spec: PERFORMANCE },
  { id: 'heatmap-redraw', title: 'UI: heatmap redraw of a 1024² map on zoom/pan (median)', target: '≤ 16 ms', spec: PERFORMANCE },
  { id: 'memory-2048', title: 'UI: memory of a 2048² session (all Chromium processes)', target: '< 1.5 GB', spec: PERFORMANCE },
  { id: 'default-verdict', title: 'app: default view, opening the page to its verdict', target: 'measured', spec: PERFORMANCE },
  { id: 'file-1024-verdict', title: 'app: a 1024² file, choosing it to its verdict', target: 'measured', spec: PERFORMANCE },
  { id: 'file-1024-maps', title: 'app: a 1024² file, choosing it to its maps painted', target: 'measured', spec: PERFORMANCE },
  { id: 'photo-3000x2000-shown', title: 'app: a 3000×2000 JPEG, choosing it to its input shown', target: 'measured', spec: PERFORMANCE },
  { id: 'photo-3000x2000-verdict', title: 'app: a 3000×2000 JPEG (Sobel 3×3), choosing it to its verdict', target: '≤ 4 s', spec: PERFORMANCE },
  { id: 'photo-3000x2000-15x15-map', title: 'app: a 3000×2000 JPEG, random 15×15 kernel: its full numerical map', target: '≤ 12 s', spec: PERFORMANCE },
  { id: 'maps-after-verdict', title: 'app: maps painted after the verdict (1024² file)', target: '≤ 200 ms', spec: PERFORMANCE },
  { id: 'estimate-factor', title: 'app: estimate before a job vs its actual time (worst factor)', target: '≤ 2× either way', spec: PERFORMANCE },
  { id: 'time-left-factor', title: 'app: time left during a job vs the actual time left (worst factor)', target: '≤ 2× either way', spec: PERFORMANCE },
  { id: 'progress-still', title: 'app: longest time the progress bar stood still while filling', target: '≤ 1 s', spec: PERFORMANCE },
];

function rowOf({ id, title, target, spec }: UiRow, figure: UiFigure | undefined): Row {
  if (!figure) return { id, title, references: [], notMeasured: `needs: a run of npx playwright test ${spec} on this machine`, target: { text: target, met: null, basis: 'the issue' } };
  return {
    id,
    title,
    references: [],
    measuredElsewhere: { value: formatFigure(figure), source: `e2e in Chromium, ${figure.date.slice(0, 16).replace('T', ' ')} UTC, commit ${figure.commit}, load ${figure.loadavg}` },
    target: { text: target, met: metLimit(figure), basis: `bench/results/ui.json (${figure.detail})` },
  };
}

/** Rows for the UI figures: the last e2e measurement of each, or "not measured yet" without one. */
export function uiRows(results: UiResults | undefined): Row[] {
  return UI_ROWS.map((row) => rowOf(row, results?.figures[row.id]));
}
