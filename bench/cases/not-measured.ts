import type { Row } from '../row';

/** What the issue asks to measure but does not exist yet: listed, never faked. */
export function notMeasuredRows(): Row[] {
  const row = (id: string, title: string, needs: string, target?: string): Row => ({
    id,
    title,
    references: [],
    notMeasured: `needs: ${needs}`,
    ...(target ? { target: { text: target, met: null, basis: 'the issue' } } : {}),
  });
  return [
    row('pool-speedup', 'numerical map 512²·5×5, 2 workers vs 1', 'a worker pool for numerical jobs', '≥1.7× vs 1 worker'),
    row('fft-path', 'forward+VJP 1024²·11×11 through an FFT', 'an FFT path in the core (direct path measured above)'),
    row('ui-long-task', 'UI: longest main-thread task during a numerical run', 'renderer wired to the worker + Chromium long-task harness'),
    row('heatmap-redraw', 'UI: heatmap redraw of a 512² gradient', 'heatmap component + Chromium frame-timing harness'),
  ];
}
