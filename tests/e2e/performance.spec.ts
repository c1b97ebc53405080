// The speed issue's UI figures, measured in Chromium on the built app: the longest main-thread
// task while a 1024² numerical job runs, the app's numerical pool on every core against one
// helper (1024²), the heatmap redraw on zoom and pan, and the memory of a 2048² session. Each figure is
// printed as a `perf:` line and written to bench/results/ui.json for `npm run bench`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import os from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { recordFigure as record } from './support/perf-figures';
import { firstJobSpan, limitPool, npyImage, pageNow } from './support/pool-timing';


const LIMITS = { longTaskMs: 50, redrawMs: 16, memoryMb: 1536, poolSpeedup: 1.7, estimateFactor: 2, stillMs: 1000, mapsAfterVerdictMs: 200 } as const;

/**
 * Limits that depend on what else the machine is doing (scheduling of threads and tasks) are
 * enforced by `npm run bench:ui` (CONVGRAD_PERF_STRICT=1); in `npm test` they are measured and
 * printed but do not fail the suite. Redraw time and memory have wide margins and always count.
 */
const STRICT = process.env.CONVGRAD_PERF_STRICT === '1';

function expectTiming(value: number, limit: number, what: string, below: boolean): void {
  if (!STRICT) {
    console.log(`perf: ${what} not asserted here (CONVGRAD_PERF_STRICT=1, as in npm run bench:ui, asserts it)`);
    return;
  }
  if (below) expect(value, what).toBeLessThanOrEqual(limit);
  else expect(value, what).toBeGreaterThanOrEqual(limit);
}

// Runs before the app: records long tasks (the browser reports only those over 50 ms), how late
// a 10 ms timer fires (which also sees shorter blocks), when the job bar changes status, and every
// change of the figures the job bar, the verdict and the maps expose as data attributes.
const WATCHED = ['data-status', 'data-estimate', 'data-fraction', 'data-left', 'data-verdict', 'data-painted', 'data-shape'];
const INSTRUMENT = `
window.__perf = { longTasks: [], late: [], status: [], changes: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
new MutationObserver((records) => {
  const t = performance.now();
  for (const r of records) {
    const id = r.target.dataset && r.target.dataset.testid;
    if (!id) continue;
    const value = r.target.getAttribute(r.attributeName);
    if (id === 'job-bar' && r.attributeName === 'data-status') window.__perf.status.push({ status: value, t });
    window.__perf.changes.push({ id, attr: r.attributeName, value, t });
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ${JSON.stringify(WATCHED)} });
(function tick(expected) {
  const now = performance.now();
  if (now - expected > 2) window.__perf.late.push({ t: now, late: now - expected });
  const next = now + 10;
  setTimeout(() => tick(next), 10);
})(performance.now() + 10);
`;

/** One change of a watched attribute: the element's test id, the attribute, its new value (null: removed). */
interface Change {
  id: string;
  attr: string;
  value: string | null;
  t: number;
}

interface Instrumented {
  longTasks: { start: number; duration: number }[];
  late: { t: number; late: number }[];
  status: { status: string; t: number }[];
  changes: Change[];
}

const perfState = (page: Page) => page.evaluate('window.__perf') as Promise<Instrumented>;
/** Only the recorded changes: what most polls need, without the growing record of late timers. */
const perfChanges = (page: Page) => page.evaluate('window.__perf.changes') as Promise<Change[]>;

/** The first running → done span of the job bar after `since` (page clock), once there is one; cancelled runs are skipped. */
async function jobSpan(page: Page, since: number, timeout = 60_000): Promise<{ start: number; end: number }> {
  await expect.poll(async () => firstJobSpan((await perfState(page)).status, since) !== null, { timeout }).toBe(true);
  return firstJobSpan((await perfState(page)).status, since) as { start: number; end: number };
}

/**
 * Starts the numerical job of a just-analysed problem if it did not start by itself (the app
 * asks for a click when its estimate, learnt on this machine, is over 15 s).
 */
async function runIfWaiting(page: Page): Promise<void> {
  const run = page.getByRole('button', { name: /Run numerical check/ });
  if (await run.isVisible()) await run.click();
}

/**
 * Once the analysis after `since` is in, starts its numerical job if it did not start by itself
 * (the app asks for a click when its estimate is over 15 s). It polls with one plain query: a
 * role locator computes the accessible names of the whole page, up to 300 ms of its main thread
 * per poll while the timed job runs, which is the harness's time, not the app's.
 */
async function startJob(page: Page, since: number): Promise<void> {
  const state = () =>
    page.evaluate(`window.__perf.status.some((s) => s.t >= ${since} && s.status === 'running') ? 'started'
      : document.querySelector('[data-testid="job-bar"] button.primary:not([disabled])') ? 'waiting' : 'analysing'`) as Promise<string>;
  await expect.poll(state, { timeout: 60_000 }).not.toBe('analysing');
  if ((await state()) === 'waiting') await page.getByRole('button', { name: /Run numerical check/ }).click();
}

/** When the input map showed a plane of `shape` ("2000×3000") after `since` (page clock), polled as startJob polls. */
async function inputShownAt(page: Page, since: number, shape: string): Promise<number> {
  const shown = async () => {
    const changes = await perfChanges(page);
    const at = changedAt(changes, 'map-x', 'data-shape', since, (v) => v === shape);
    // Once its shape is on the map, when its pixels were (at once, drawn smaller than its data).
    return at === undefined ? undefined : Math.max(at, changedAt(changes, 'map-x', 'data-painted', at, (v) => v === 'true') ?? at);
  };
  await expect.poll(shown, { timeout: 60_000 }).not.toBeUndefined();
  return (await shown()) as number;
}

async function useRandomKernel(page: Page, size: number, seed: number): Promise<void> {
  await page.getByRole('combobox', { name: 'Kernel', exact: true }).selectOption('random');
  await page.getByRole('spinbutton', { name: 'K', exact: true }).fill(String(size));
  await page.getByRole('spinbutton', { name: 'L', exact: true }).fill(String(size));
  await page.getByRole('spinbutton', { name: 'Kernel seed', exact: true }).fill(String(seed));
  await expect(page.getByTestId('kernel-shape')).toContainText(`(${size},${size})`);
}

/** Loads a generated 1024² image with a random 5×5 kernel once the default view is done; the span of its numerical job. */
async function firstJobOn1024(page: Page, dir: string): Promise<{ start: number; end: number }> {
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
  await useRandomKernel(page, 5, 1);
  const since = await pageNow(page);
  await page.getByLabel('Open image file').setInputFiles(npyImage(dir, 1024));
  await expect(page.getByTestId('map-x')).toContainText('1024×1024');
  await runIfWaiting(page);
  return jobSpan(page, since);
}

/**
 * The job of another kernel seed (the same cost), started with Run once the new analysis is
 * shown and its maps are painted; its time from Run to results shown. Started by itself, the job
 * would share the two cores with the page painting four new 1024² maps, which is the page's
 * work, not the pool's.
 */
async function runFor(page: Page, seed: number): Promise<number> {
  await page.getByRole('spinbutton', { name: 'Kernel seed', exact: true }).fill(String(seed));
  const run = page.getByRole('button', { name: /Run numerical check/ });
  await expect(run).toBeEnabled({ timeout: 60_000 });
  await page.waitForTimeout(MAPS_PAINTED_MS);
  const since = await pageNow(page);
  await run.click();
  const span = await jobSpan(page, since);
  return span.end - span.start;
}

/** Long enough for the page to paint a 1024² analysis (its maps paint 64k values per task). */
const MAPS_PAINTED_MS = 1500;

/** Proportional set size (MB) of every process of the browser: shared pages counted once in total. */
async function browserMemoryMb(browser: Browser): Promise<{ total: number; byType: Record<string, number> }> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  const byType: Record<string, number> = {};
  for (const { type, id } of processInfo) {
    let kb = 0;
    try {
      kb = Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${id}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      continue; // the process ended in between
    }
    byType[type] = (byType[type] ?? 0) + kb / 1024;
  }
  return { total: Object.values(byType).reduce((a, b) => a + b, 0), byType };
}


/** When the attribute `attr` of test id `id` last changed to a value satisfying `ok` at or after `since` (page clock). */
function changedAt(changes: readonly Change[], id: string, attr: string, since: number, ok: (value: string | null) => boolean): number | undefined {
  return changes.find((c) => c.t >= since && c.id === id && c.attr === attr && ok(c.value))?.t;
}

/** Every heatmap on the page shows its current plane (placeholders aside): the time the last one got there. */
async function mapsPaintedAt(page: Page, since: number): Promise<number> {
  const allPainted = () => page.evaluate(`[...document.querySelectorAll('[data-testid^="map-"][data-painted]')].every((m) => m.dataset.painted === 'true')`) as Promise<boolean>;
  await expect.poll(allPainted, { timeout: 60_000 }).toBe(true);
  const { changes } = await perfState(page);
  const painted = changes.filter((c) => c.t >= since && c.attr === 'data-painted' && c.value === 'true');
  return Math.max(since, ...painted.map((c) => c.t));
}

/** The verdict for the problem on screen (not pending, not stale) after `since`: when it appeared. */
async function verdictAt(page: Page, since: number): Promise<number> {
  const current = (value: string | null) => value !== null && value !== 'pending' && value !== 'stale' && value !== 'invalid';
  await expect.poll(async () => changedAt(await perfChanges(page), 'verdict', 'data-verdict', since, current) !== undefined, { timeout: 60_000 }).toBe(true);
  return changedAt(await perfChanges(page), 'verdict', 'data-verdict', since, current) as number;
}

/** One problem of the estimate table: an image of rows×cols, a random k×k kernel, a precision. */
interface SizeRow {
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly dtype: 'f32' | 'f64';
}

/**
 * The sizes and kernels of the speed issue (256² to 3000×2000, 3×3 to 25×25, f32 and f64), in an
 * order that changes the cost a lot from row to row. The whole table takes several minutes and
 * runs under CONVGRAD_PERF_STRICT (npm run bench:ui); `npm test` runs the rows marked quick,
 * each job a few seconds at most.
 */
const SIZE_TABLE: readonly (SizeRow & { quick?: true })[] = [
  { rows: 256, cols: 256, k: 25, dtype: 'f32', quick: true },
  { rows: 1024, cols: 1024, k: 3, dtype: 'f64' },
  { rows: 2000, cols: 3000, k: 3, dtype: 'f32', quick: true },
  { rows: 512, cols: 512, k: 9, dtype: 'f64' },
  { rows: 1024, cols: 1024, k: 9, dtype: 'f64', quick: true },
  { rows: 256, cols: 256, k: 3, dtype: 'f32' },
  { rows: 1024, cols: 1024, k: 15, dtype: 'f32' },
  { rows: 2048, cols: 2048, k: 5, dtype: 'f64' },
  { rows: 1024, cols: 1024, k: 25, dtype: 'f64' },
  { rows: 2000, cols: 3000, k: 15, dtype: 'f64' },
  { rows: 2000, cols: 3000, k: 3, dtype: 'f64' },
];

/** What one job of the table showed, against what it took (ms on the page clock). */
interface JobFigures {
  readonly row: SizeRow;
  readonly estimateMs: number | undefined;
  readonly actualMs: number;
  /** The smallest and largest ratio of the time left shown to the time the job really had left, while at least 1 s was left. */
  readonly left: { readonly min: number; readonly max: number; readonly firstAtMs: number } | undefined;
  /** The longest time the progress bar did not move while the job filled its map (from its first move to its last). */
  readonly stillMs: number;
  /** From Run to the bar's first move (helpers starting, the problem copied to them, Y). */
  readonly startMs: number;
  /** From the bar's last move to the results (pieces written back, comparison, results shown). */
  readonly finishMs: number;
}

/** The job bar's figures over `span`, from the recorded changes. */
function jobFigures(row: SizeRow, estimate: number | undefined, changes: readonly Change[], span: { start: number; end: number }): JobFigures {
  const during = changes.filter((c) => c.t >= span.start && c.t <= span.end);
  const moves = during.filter((c) => c.id === 'job-bar' && c.attr === 'data-fraction' && c.value !== null).map((c) => c.t);
  const stillMs = Math.max(0, ...moves.slice(1).map((t, i) => t - moves[i]));
  const startMs = (moves[0] ?? span.end) - span.start;
  const finishMs = span.end - (moves[moves.length - 1] ?? span.start);
  // The time left shown holds from one change to the next: judge it at both ends of each stretch.
  const ratios: number[] = [];
  let shown: number | undefined;
  let firstAtMs: number | undefined;
  const judge = (t: number) => {
    const really = span.end - t;
    if (shown !== undefined && really >= 1000) ratios.push((shown * 1000) / really);
  };
  for (const c of during) {
    judge(c.t);
    if (c.id !== 'progress-text' || c.attr !== 'data-left') continue;
    shown = c.value === null ? undefined : Number(c.value);
    if (shown !== undefined) firstAtMs ??= c.t - span.start;
    judge(c.t);
  }
  return {
    row,
    estimateMs: estimate === undefined ? undefined : estimate * 1000,
    actualMs: span.end - span.start,
    left: ratios.length > 0 ? { min: Math.min(...ratios), max: Math.max(...ratios), firstAtMs: firstAtMs ?? 0 } : undefined,
    stillMs,
    startMs,
    finishMs,
  };
}

/** How far a ratio is from 1, either way: 2 for both 0.5 and 2. */
const factorOff = (ratio: number) => Math.max(ratio, 1 / ratio);

/**
 * Sets up `row` with the automatic run off, waits until its analysis is shown and painted (so the
 * job does not share the cores with the page's painting), then runs it: what the job bar showed.
 */
async function runRow(page: Page, row: SizeRow, index: number, dir: string): Promise<JobFigures> {
  // Each setting below starts an analysis of the image on screen: of a small one, not of the last row's.
  await page.getByLabel('Open image file').setInputFiles(npyImage(dir, 32, 32, `row-${index}-small`));
  await expect(page.getByTestId('map-x')).toContainText('32×32', { timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Precision' }).selectOption(row.dtype);
  await useRandomKernel(page, row.k, 100 + index);
  await page.getByLabel('Open image file').setInputFiles(npyImage(dir, row.rows, row.cols, `row-${index}`));
  await expect(page.getByTestId('map-x')).toContainText(`${row.rows}×${row.cols}`, { timeout: 30_000 });
  const run = page.getByRole('button', { name: /Run numerical check/ });
  await expect(run).toBeEnabled({ timeout: 60_000 });
  await mapsPaintedAt(page, 0);
  const estimate = await page.getByTestId('job-bar').getAttribute('data-estimate');
  const since = await pageNow(page);
  await run.click();
  const span = await jobSpan(page, since, 600_000);
  const changes = (await perfState(page)).changes;
  // The job bar's changes during the job, for a look at how a figure came about (an artifact, not printed).
  const series = changes.filter((c) => c.t >= span.start && c.t <= span.end && (c.id === 'job-bar' || c.id === 'progress-text'));
  writeFileSync(resolve(dir, `row-${index}-job-bar.json`), JSON.stringify({ row, estimate, span, series }));
  return jobFigures(row, estimate === null ? undefined : Number(estimate), changes, span);
}

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);

/** The table as printed: one line per job. */
function printTable(jobs: readonly JobFigures[]): void {
  console.log('perf: estimate before and time left during each numerical job (page clock; ratios are shown / actual; time left judged while ≥ 1 s was left):');
  console.log(`perf:   ${'image'.padEnd(10)} ${'kernel'.padEnd(6)} dtype  ${'estimate'.padStart(8)} ${'actual'.padStart(7)}  est/act  left/act (min–max)  left shown after  start   still  finish`);
  for (const { row, estimateMs, actualMs, left, stillMs, startMs, finishMs } of jobs) {
    const ratio = estimateMs === undefined ? '—' : (estimateMs / actualMs).toFixed(2);
    const leftRange = left ? `${left.min.toFixed(2)}–${left.max.toFixed(2)}` : '—';
    console.log(
      `perf:   ${`${row.rows}×${row.cols}`.padEnd(10)} ${`${row.k}×${row.k}`.padEnd(6)} ${row.dtype}    ${seconds(estimateMs).padStart(8)} ${seconds(actualMs).padStart(7)}  ${ratio.padStart(7)}  ${leftRange.padStart(18)}  ${seconds(left?.firstAtMs).padStart(16)}  ${seconds(startMs).padStart(6)} ${seconds(stillMs).padStart(6)} ${seconds(finishMs).padStart(6)}${actualMs < 1000 ? '  (under 1 s: not judged)' : ''}`,
    );
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

// A trace snapshots the DOM at every step: work on the same cores that would skew every figure.
test.use({ trace: 'off' });

test.describe('performance', () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ page }) => {
    await page.addInitScript({ content: INSTRUMENT });
  });

  // 1024²: a job long enough for a pool to matter (the 512² map takes about 0.1 s on one core,
  // where the serial part of a job, the comparison and the UI update, weighs as much as the pool's).
  test('the numerical pool on every core against one helper, 1024²·5×5', async ({ appPage }, testInfo) => {
    await firstJobOn1024(appPage, testInfo.outputPath('inputs'));
    await appPage.getByRole('checkbox', { name: /Run the numerical check automatically/ }).uncheck();
    const all = Number(await appPage.evaluate('navigator.hardwareConcurrency'));
    // Alternating runs of the same job (another kernel seed: the same cost), best of each: other
    // work on the machine only ever makes a run slower.
    const times: Record<'one' | 'all', number[]> = { one: [], all: [] };
    for (let round = 0; round < 3; round++) {
      for (const size of ['one', 'all'] as const) {
        await limitPool(appPage, size === 'one' ? 1 : all);
        times[size].push(await runFor(appPage, 10 + times.one.length + times.all.length));
      }
    }
    const one = Math.min(...times.one);
    const many = Math.min(...times.all);
    record('app-pool-speedup', `numerical job 1024²·5×5 in the app, ${all} helper workers vs 1`, {
      value: one / many,
      unit: '×',
      limit: LIMITS.poolSpeedup,
      below: false,
      detail: `best of 3: ${(one / 1000).toFixed(2)} s on 1, ${(many / 1000).toFixed(2)} s on ${all}; from a click on Run (the analysis shown and painted) to the results shown, so it includes the serial part (each helper's set-up, the comparison, the transfers and the UI update); load average ${os.loadavg()[0].toFixed(1)} at the end`,
    });
    // Asserted only on a machine with a core to spare: with other work on it (a build, another
    // browser) the second helper gets no core of its own and the figure says nothing of the pool.
    const load = os.loadavg()[0];
    if (all > 1 && load < all - 0.5) expectTiming(one / many, LIMITS.poolSpeedup, 'pool speed-up', false);
    else console.log(`perf: pool speed-up not asserted: ${all} core(s), load average ${load.toFixed(1)}`);
  });

  test('a 1024² numerical job blocks the main thread for no task over 50 ms', async ({ appPage }, testInfo) => {
    const job = await firstJobOn1024(appPage, testInfo.outputPath('inputs'));
    // The results' heatmaps paint in slices after the job: wait for them, they must not block either.
    await appPage.waitForTimeout(1000);
    const { longTasks, late } = await perfState(appPage);
    const during = longTasks.filter((t) => t.start >= job.start && t.start <= job.end);
    const longest = Math.max(0, ...during.map((t) => t.duration));
    const latest = Math.max(0, ...late.filter((l) => l.t >= job.start && l.t <= job.end).map((l) => l.late));
    const afterwards = Math.max(0, ...longTasks.filter((t) => t.start > job.end).map((t) => t.duration));
    record('long-task', 'longest main-thread task during 1024² numerical job', {
      value: longest,
      unit: 'ms',
      limit: LIMITS.longTaskMs,
      below: true,
      detail: `${during.length} task(s) over 50 ms in the ${((job.end - job.start) / 1000).toFixed(1)} s from Run to results (0: none; the browser reports only longer tasks); a 10 ms timer fired at most ${latest.toFixed(0)} ms late; longest task painting the result maps afterwards ${afterwards.toFixed(0)} ms; load average ${os.loadavg()[0].toFixed(1)}`,
    });
    expectTiming(longest, LIMITS.longTaskMs, 'longest main-thread task', true);
  });

  test('zooming and panning a 1024² heatmap redraws within a frame', async ({ appPage }, testInfo) => {
    await expect(appPage.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
    await appPage.getByLabel('Open image file').setInputFiles(npyImage(testInfo.outputPath('inputs'), 1024));
    await expect(appPage.getByTestId('map-x')).toContainText('1024×1024');
    await runIfWaiting(appPage);
    await expect(appPage.getByTestId('job-bar')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    const axis = appPage.getByTestId('map-x').locator('g.axis').first().locator('text');
    const before = await axis.allTextContents();
    // Each step: the key event, Svelte's update of every linked map (d3 axes, canvas drawImage,
    // overlay), then a 1-pixel read of every heatmap canvas so the drawing is rasterised before
    // the clock stops.
    const result = (await appPage.evaluate(`(async () => {
      const capture = document.querySelector('[data-testid="map-x"] rect.capture');
      const canvases = [...document.querySelectorAll('[data-testid^="map-"] canvas')];
      const keys = ['+', '+', 'ArrowLeft', 'ArrowUp', '+', 'ArrowRight', 'ArrowDown', '-', 'ArrowLeft', '+'];
      const times = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        capture.dispatchEvent(new KeyboardEvent('keydown', { key: keys[i % keys.length], bubbles: true, cancelable: true }));
        await Promise.resolve();
        for (const c of canvases) c.getContext('2d').getImageData(0, 0, 1, 1);
        times.push(performance.now() - t0);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      }
      return { times, maps: canvases.length };
    })()`)) as { times: number[]; maps: number };
    await expect.poll(() => axis.allTextContents()).not.toEqual(before);
    const redraw = median(result.times);
    record('heatmap-redraw', 'heatmap redraw of a 1024² map on zoom/pan (median of 30)', {
      value: redraw,
      unit: 'ms',
      limit: LIMITS.redrawMs,
      below: true,
      detail: `all ${result.maps} linked maps of the page redrawn per step; slowest step ${Math.max(...result.times).toFixed(1)} ms`,
    });
    expect(redraw).toBeLessThanOrEqual(LIMITS.redrawMs);
  });

  test('a 2048² session stays under 1.5 GB', async ({ appPage, browser }, testInfo) => {
    await expect(appPage.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
    const since = await pageNow(appPage);
    await appPage.getByLabel('Open image file').setInputFiles(npyImage(testInfo.outputPath('inputs'), 2048));
    await expect(appPage.getByTestId('map-x')).toContainText('2048×2048', { timeout: 30_000 });
    await runIfWaiting(appPage);
    const job = await jobSpan(appPage, since);
    await expect(appPage.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending');
    const memory = await browserMemoryMb(browser);
    const split = Object.entries(memory.byType).map(([type, mb]) => `${type} ${mb.toFixed(0)}`).join(', ');
    record('memory-2048', 'memory of a 2048² session (numerical map done, all processes)', {
      value: memory.total,
      unit: 'MB',
      limit: LIMITS.memoryMb,
      below: true,
      detail: `proportional set size of Chromium's processes in MB: ${split}; numerical job ${((job.end - job.start) / 1000).toFixed(1)} s`,
    });
    expect(memory.total).toBeLessThan(LIMITS.memoryMb);
  });
  test('what a user meets: the default view to its verdict, a 1024² file to its verdict and to its painted maps', async ({ appPage }, testInfo) => {
    // The page clock starts at navigation: the default view's verdict time is the whole start-up.
    const first = await verdictAt(appPage, 0);
    record('default-verdict', 'default view (camera 512², Sobel 3×3) from opening the page to its verdict', {
      value: first,
      unit: 'ms',
      below: true,
      detail: `web build in Chromium, page navigation to the verdict shown; load average ${os.loadavg()[0].toFixed(1)}`,
    });
    await mapsPaintedAt(appPage, 0);
    const file = npyImage(testInfo.outputPath('inputs'), 1024);
    const since = await pageNow(appPage);
    await appPage.getByLabel('Open image file').setInputFiles(file);
    await startJob(appPage, since);
    const verdict = await verdictAt(appPage, since);
    const painted = await mapsPaintedAt(appPage, verdict);
    // Which maps painted after the verdict: the numerical and error maps must; the others had their planes already.
    const repainted = [...new Set((await perfState(appPage)).changes.filter((c) => c.t >= verdict && c.attr === 'data-painted' && c.value === 'true').map((c) => c.id))];
    record('file-1024-verdict', '1024² image file (Sobel 3×3) from choosing it to its verdict', {
      value: verdict - since,
      unit: 'ms',
      below: true,
      detail: `a generated .npy set on the file input, the numerical job started by itself; load average ${os.loadavg()[0].toFixed(1)}`,
    });
    record('file-1024-maps', '1024² image file from choosing it to every map painted', {
      value: painted - since,
      unit: 'ms',
      below: true,
      detail: `every heatmap showing its current plane; the maps were painted ${(painted - verdict).toFixed(0)} ms after the verdict`,
    });
    record('maps-after-verdict', 'maps painted after the verdict (1024² file)', {
      value: painted - verdict,
      unit: 'ms',
      limit: LIMITS.mapsAfterVerdictMs,
      below: true,
      detail: `from the verdict shown to the last heatmap showing its new plane (${repainted.join(', ') || 'none'}); load average ${os.loadavg()[0].toFixed(1)}`,
    });
    expectTiming(painted - verdict, LIMITS.mapsAfterVerdictMs, 'maps painted after the verdict', true);
  });

  test('a 3000×2000 JPEG photo: shown, to its verdict with a 3×3 kernel, and its full map with a 15×15 kernel', async ({ appPage }) => {
    test.setTimeout(300_000);
    await verdictAt(appPage, 0);
    await mapsPaintedAt(appPage, 0);
    // A photo, not a smooth pattern: the bundled astronaut scaled up and encoded by the browser
    // (quality 0.9), so no large file is committed and no Python is needed.
    const jpeg = (await appPage.evaluate(`(async () => {
      const bitmap = await createImageBitmap(await (await fetch('./samples/astronaut.png')).blob());
      const canvas = new OffscreenCanvas(3000, 2000);
      canvas.getContext('2d').drawImage(bitmap, 0, 0, 3000, 2000);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    })()`)) as string;
    const since = await pageNow(appPage);
    await appPage.getByLabel('Open image file').setInputFiles({ name: 'photo-3000x2000.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
    const shown = (await inputShownAt(appPage, since, '2000×3000')) - since;
    await startJob(appPage, since);
    const verdict = (await verdictAt(appPage, since)) - since;
    // The photo's, checked once the figures are taken.
    await expect(appPage.getByTestId('map-x')).toContainText('2000×3000');
    const load = os.loadavg()[0].toFixed(1);
    record('photo-3000x2000-shown', '3000×2000 JPEG from choosing it to its input map shown', {
      value: shown,
      unit: 'ms',
      below: true,
      detail: `decoded in the computation worker (libjpeg-turbo, WebAssembly), its luma plane painted; load average ${load}`,
    });
    record('photo-3000x2000-verdict', '3000×2000 JPEG (Sobel 3×3) from choosing it to its verdict', {
      value: verdict,
      unit: 'ms',
      limit: 4000,
      below: true,
      detail: `decode, analysis and the full numerical map; load average ${load}`,
    });
    expectTiming(verdict, 4000, '3000×2000 JPEG to its verdict', true);

    const again = await pageNow(appPage);
    await useRandomKernel(appPage, 15, 1);
    await startJob(appPage, again);
    const span = await jobSpan(appPage, again, 120_000);
    record('photo-3000x2000-15x15-map', '3000×2000 JPEG, random 15×15 kernel: the full numerical map', {
      value: span.end - span.start,
      unit: 'ms',
      limit: 12_000,
      below: true,
      detail: `job bar running to done, the app's pool of helper workers; load average ${os.loadavg()[0].toFixed(1)}`,
    });
    expectTiming(span.end - span.start, 12_000, '3000×2000·15×15 numerical map', true);
  });

  test('the estimate before a job and the time left during it, over a table of sizes and kernels', async ({ appPage }, testInfo) => {
    const rows = STRICT ? SIZE_TABLE : SIZE_TABLE.filter((row) => row.quick);
    test.setTimeout(STRICT ? 1_800_000 : 240_000);
    await verdictAt(appPage, 0);
    await appPage.getByRole('checkbox', { name: /Run the numerical check automatically/ }).uncheck();
    const jobs: JobFigures[] = [];
    for (const [index, row] of rows.entries()) jobs.push(await runRow(appPage, row, index, testInfo.outputPath('inputs')));
    printTable(jobs);
    // What the app learnt of this machine, to replay its estimates (an artifact, not printed).
    writeFileSync(testInfo.outputPath('inputs', 'speed.json'), String(await appPage.evaluate("localStorage.getItem('convgrad.speed.v1')")));
    const judged = jobs.filter((job) => job.actualMs >= 1000);
    const worst = (values: number[]) => Math.max(1, ...values);
    const estimateOff = worst(judged.flatMap((job) => (job.estimateMs === undefined ? [Infinity] : [factorOff(job.estimateMs / job.actualMs)])));
    const leftOff = worst(judged.flatMap((job) => (job.left ? [factorOff(job.left.min), factorOff(job.left.max)] : [])));
    const still = Math.max(...jobs.map((job) => job.stillMs));
    const ends = `start up to ${seconds(Math.max(...jobs.map((job) => job.startMs)))} from Run to the first move, finish up to ${seconds(Math.max(...jobs.map((job) => job.finishMs)))} from the last move to the results`;
    const which = `${judged.length} job(s) over 1 s of ${jobs.length}${STRICT ? ' (the whole table)' : ' (the quick rows; the whole table: npm run bench:ui)'}`;
    record('estimate-factor', 'estimate before a job against its actual time, worst factor either way', {
      value: estimateOff,
      unit: '×',
      limit: LIMITS.estimateFactor,
      below: true,
      detail: `${which}; each job started with Run once its analysis was painted; load average ${os.loadavg()[0].toFixed(1)}`,
    });
    record('time-left-factor', 'time left shown during a job against the time it really had left, worst factor either way', {
      value: leftOff,
      unit: '×',
      limit: LIMITS.estimateFactor,
      below: true,
      detail: `${which}; judged at every change of the job bar while at least 1 s was left`,
    });
    record('progress-still', 'longest time the progress bar stood still while a job filled its map', {
      value: still,
      unit: 'ms',
      limit: LIMITS.stillMs,
      below: true,
      detail: `${which}, from the bar's first move to its last; besides, ${ends}`,
    });
    expectTiming(estimateOff, LIMITS.estimateFactor, 'estimate against actual', true);
    expectTiming(leftOff, LIMITS.estimateFactor, 'time left against actual', true);
    expectTiming(still, LIMITS.stillMs, 'longest time progress stood still', true);
  });
});
