import type { Row } from '../row';
import { formatFigure, metLimit, type UiFigure, type UiResults } from '../ui-results';

/** The UI figures the e2e performance spec measures, in table order, with the limits. */
const UI_ROWS: readonly { id: string; title: string; target: string }[] = [
  { id: 'app-pool-speedup', title: 'app: numerical job 1024²·5×5, all helper workers vs 1', target: '≥1.7× vs 1 worker' },
  { id: 'long-task', title: 'UI: longest main-thread task during a 1024² numerical job', target: '≤ 50 ms' },
  { id: 'heatmap-redraw', title: 'UI: heatmap redraw of a 1024² map on zoom/pan (median)', target: '≤ 16 ms' },
  { id: 'memory-2048', title: 'UI: memory of a 2048² session (all Chromium processes)', target: '< 1.5 GB' },
  { id: 'default-verdict', title: 'app: default view, opening the page to its verdict', target: 'measured' },
  { id: 'file-1024-verdict', title: 'app: a 1024² file, choosing it to its verdict', target: 'measured' },
  { id: 'file-1024-maps', title: 'app: a 1024² file, choosing it to its maps painted', target: 'measured' },
  { id: 'maps-after-verdict', title: 'app: maps painted after the verdict (1024² file)', target: '≤ 200 ms' },
  { id: 'estimate-factor', title: 'app: estimate before a job vs its actual time (worst factor)', target: '≤ 2× either way' },
  { id: 'time-left-factor', title: 'app: time left during a job vs the actual time left (worst factor)', target: '≤ 2× either way' },
  { id: 'progress-still', title: 'app: longest time the progress bar stood still while filling', target: '≤ 1 s' },
];

const HOW = 'npx playwright test tests/e2e/performance.spec.ts';

function rowOf(id: string, title: string, target: string, figure: UiFigure | undefined): Row {
  if (!figure) return { id, title, references: [], notMeasured: `needs: a run of ${HOW} on this machine`, target: { text: target, met: null, basis: 'the issue' } };
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
  return UI_ROWS.map(({ id, title, target }) => rowOf(id, title, target, results?.figures[id]));
}
