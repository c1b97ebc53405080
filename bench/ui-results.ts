// The UI figures of the speed issue, measured in Chromium by tests/e2e/performance.spec.ts and
// tests/e2e/pool-isolation.spec.ts and read back by `npm run bench` for its table.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const UI_RESULTS = fileURLToPath(new URL('./results/ui.json', import.meta.url));

/** One measured figure. */
export interface UiFigure {
  readonly title: string;
  readonly value: number;
  readonly unit: 'ms' | 'MB' | '×';
  /** The limit, where it sets one (the others are measured and shown only). */
  readonly limit?: number;
  /** The value must stay at or under the limit; false: it must reach it (a speed-up). */
  readonly below: boolean;
  readonly detail: string;
  /** When and on what it was measured: figures are kept from run to run, each with its own. */
  readonly date: string;
  readonly commit: string;
  readonly loadavg: number;
}

export interface UiResults {
  readonly generated_by: string;
  /** By id: long-task, app-pool-speedup, heatmap-redraw, memory-2048, app-pool-isolated, app-pool-not-isolated. */
  readonly figures: Record<string, UiFigure>;
}

/** The last e2e measurements, or undefined when the performance spec has not run here. */
export function readUiResults(path = UI_RESULTS): UiResults | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as UiResults;
}

/** Replaces one figure in the file, keeping the others (a failed test restarts the test worker). */
export function writeUiFigure(id: string, figure: UiFigure, path = UI_RESULTS): void {
  const figures = { ...(readUiResults(path)?.figures ?? {}), [id]: figure };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ generated_by: 'tests/e2e/performance.spec.ts, tests/e2e/pool-isolation.spec.ts', figures }, null, 2)}\n`);
}

/** Whether the figure meets its limit; null where it has none. */
export function metLimit(figure: UiFigure): boolean | null {
  if (figure.limit === undefined) return null;
  return figure.below ? figure.value <= figure.limit : figure.value >= figure.limit;
}

/** "5.5 ms", "1.32 ×", "1290 MB" */
export function formatFigure(figure: Pick<UiFigure, 'value' | 'unit'>): string {
  if (figure.unit === '×') return `${figure.value.toFixed(2)}×`;
  return `${figure.value.toFixed(figure.unit === 'MB' ? 0 : 1)} ${figure.unit}`;
}
