// The speed issue's UI figures, measured in Chromium on the built app: the longest main-thread
// task while a 1024² numerical job runs, the app's numerical pool on every core against one
// helper (1024²), the heatmap redraw on zoom and pan, and the memory of a 2048² session. Each figure is
// printed as a `perf:` line and written to bench/results/ui.json for `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { writeNpy } from '../../src/formats/npy';
import { formatFigure, writeUiFigure, type UiFigure } from '../../bench/ui-results';

const ROOT = resolve(import.meta.dirname, '../..');

const LIMITS = { longTaskMs: 50, redrawMs: 16, memoryMb: 1536, poolSpeedup: 1.7 } as const;

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

/** Prints a figure as a `perf:` line and keeps it in bench/results/ui.json. */
function record(id: string, title: string, figure: Pick<UiFigure, 'value' | 'unit' | 'limit' | 'below' | 'detail'>): void {
  const relation = figure.below ? 'limit' : 'target';
  const limit = formatFigure({ value: figure.limit, unit: figure.unit });
  console.log(`perf: ${title}: ${formatFigure(figure)} (${relation} ${limit}; ${figure.detail})`);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  // The build under test is the working tree: say when it differs from the commit.
  const commit = git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--', 'src') ? ' + uncommitted changes in src' : '');
  writeUiFigure(id, { title, ...figure, date: new Date().toISOString(), commit, loadavg: Math.round(os.loadavg()[0] * 100) / 100 });
}

// Runs before the app: records long tasks (the browser reports only those over 50 ms), how late
// a 10 ms timer fires (which also sees shorter blocks), and when the job bar changes status.
const INSTRUMENT = `
window.__perf = { longTasks: [], late: [], status: [] };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target.dataset && r.target.dataset.testid === 'job-bar') window.__perf.status.push({ status: r.target.dataset.status, t: performance.now() });
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
(function tick(expected) {
  const now = performance.now();
  if (now - expected > 2) window.__perf.late.push({ t: now, late: now - expected });
  const next = now + 10;
  setTimeout(() => tick(next), 10);
})(performance.now() + 10);
`;

interface Instrumented {
  longTasks: { start: number; duration: number }[];
  late: { t: number; late: number }[];
  status: { status: string; t: number }[];
}

const perfState = (page: Page) => page.evaluate('window.__perf') as Promise<Instrumented>;
const pageNow = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

/** The first running → done span of the job bar after `since` (page clock), once there is one; cancelled runs are skipped. */
async function jobSpan(page: Page, since: number): Promise<{ start: number; end: number }> {
  const spanOf = ({ status }: Instrumented) => {
    let start: number | undefined;
    for (const s of status.filter((s) => s.t >= since)) {
      if (s.status === 'running') start ??= s.t;
      else if (start !== undefined && s.status === 'done') return { start, end: s.t };
      else start = undefined;
    }
    return null;
  };
  await expect.poll(async () => spanOf(await perfState(page)) !== null, { timeout: 60_000 }).toBe(true);
  return spanOf(await perfState(page)) as { start: number; end: number };
}

/**
 * Starts the numerical job of a just-analysed problem if it did not start by itself (the app
 * asks for a click when its estimate, learnt on this machine, is over 15 s).
 */
async function runIfWaiting(page: Page): Promise<void> {
  const run = page.getByRole('button', { name: /Run numerical check/ });
  if (await run.isVisible()) await run.click();
}

/** A 1-channel image of `size`² smooth values, written as .npy where the file input can read it. */
function npyImage(dir: string, size: number): string {
  const data = new Float64Array(size * size);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.5 * Math.sin(i * 0.001) * Math.cos((i % size) * 0.01);
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `image-${size}.npy`);
  writeFileSync(path, writeNpy({ shape: [size, size], data }));
  return path;
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

/** Makes the computation worker size its pool for `helpers` cores from its next job on (a test-only override of its navigator). */
async function limitPool(page: Page, helpers: number): Promise<void> {
  const worker = page.workers().find((w) => /\/worker-[^/]*\.js$/.test(w.url()));
  if (!worker) throw new Error(`computation worker not found among ${page.workers().map((w) => w.url()).join(', ')}`);
  await worker.evaluate(`Object.defineProperty(self.navigator, 'hardwareConcurrency', { get: () => ${helpers}, configurable: true })`);
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
});
