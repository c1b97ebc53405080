// Timing the app's numerical pool from a browser spec: a 1024² input with a random 5×5 kernel,
// runs of the same job on one helper and on every core, from a click on Run to the results
// shown (tests/e2e/pool-isolation.spec.ts); and what the performance spec times jobs with too
// (generated inputs, the page's clock, the job bar's spans, the pool's size).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { writeNpy } from '../../../src/formats/npy';

/** Runs before the app: notes when the job bar changes status, on the page's clock. */
export const JOB_STATUS_RECORDER = `
window.__jobStatus = [];
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target.dataset && r.target.dataset.testid === 'job-bar') window.__jobStatus.push({ status: r.target.dataset.status, t: performance.now() });
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'] });
`;

/** A change of the job bar's status, at a time on the page's clock. */
export type StatusChange = { readonly status: string; readonly t: number };

export const pageNow = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

/** The first running → done span among `changes` after `since` (page clock), or null; cancelled runs are skipped. */
export function firstJobSpan(changes: readonly StatusChange[], since: number): { start: number; end: number } | null {
  let start: number | undefined;
  for (const s of changes.filter((s) => s.t >= since)) {
    if (s.status === 'running') start ??= s.t;
    else if (start !== undefined && s.status === 'done') return { start, end: s.t };
    else start = undefined;
  }
  return null;
}

/** The first running → done span of the job bar after `since`, once there is one (JOB_STATUS_RECORDER's record). */
async function jobSpan(page: Page, since: number): Promise<{ start: number; end: number }> {
  const changes = () => page.evaluate('window.__jobStatus') as Promise<StatusChange[]>;
  await expect.poll(async () => firstJobSpan(await changes(), since) !== null, { timeout: 90_000 }).toBe(true);
  return firstJobSpan(await changes(), since) as { start: number; end: number };
}

/** A 1-channel image of rows×cols smooth values, written as .npy (named `name`) where the file input can read it. */
export function npyImage(dir: string, rows: number, cols = rows, name = `image-${rows}x${cols}`): string {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = 0.5 + 0.5 * Math.sin(i * 0.001) * Math.cos((i % cols) * 0.01);
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `${name}.npy`);
  writeFileSync(path, writeNpy({ shape: [rows, cols], data }));
  return path;
}

const kernelSeed = (page: Page) => page.getByRole('spinbutton', { name: 'Kernel seed', exact: true });
const runButton = (page: Page) => page.getByRole('button', { name: /Run numerical check/ });

/**
 * Loads a generated 1024² image with a random 5×5 kernel once the default view is done, lets its
 * first job finish (started by itself or by Run), and turns the automatic run off, so that
 * later jobs start only on Run.
 */
export async function open1024(page: Page, dir: string): Promise<void> {
  await expect(page.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
  await page.getByRole('combobox', { name: 'Kernel', exact: true }).selectOption('random');
  await page.getByRole('spinbutton', { name: 'K', exact: true }).fill('5');
  await page.getByRole('spinbutton', { name: 'L', exact: true }).fill('5');
  await kernelSeed(page).fill('1');
  await expect(page.getByTestId('kernel-shape')).toContainText('(5,5)');
  const since = await pageNow(page);
  await page.getByLabel('Open image file').setInputFiles(npyImage(dir, 1024));
  await expect(page.getByTestId('map-x')).toContainText('1024×1024');
  if (await runButton(page).isVisible()) await runButton(page).click();
  await jobSpan(page, since);
  await page.getByRole('checkbox', { name: /Run the numerical check automatically/ }).uncheck();
}

/** Makes the computation worker size its pool for `helpers` cores from its next job on (a test-only override of its navigator). */
export async function limitPool(page: Page, helpers: number): Promise<void> {
  const worker = page.workers().find((w) => /\/worker-[^/]*\.js$/.test(w.url()));
  if (!worker) throw new Error(`computation worker not found among ${page.workers().map((w) => w.url()).join(', ')}`);
  await worker.evaluate(`Object.defineProperty(self.navigator, 'hardwareConcurrency', { get: () => ${helpers}, configurable: true })`);
}

/**
 * Resolves once the page has painted what it was painting: two idle periods in a row with no task
 * or timer due for 40 ms (heatmaps paint 64k values per task, one task after the other). A fixed
 * wait is too short on a busy machine, where painting the analysis's four 1024² maps takes seconds.
 */
const PAGE_IDLE = `new Promise((resolve) => {
  let quiet = 0;
  const check = (deadline) => {
    quiet = deadline.timeRemaining() > 40 ? quiet + 1 : 0;
    if (quiet >= 2) resolve();
    else requestIdleCallback(check);
  };
  requestIdleCallback(check);
})`;

/**
 * The job of another kernel seed (the same cost), started with Run once the new analysis is
 * shown and its maps are painted; its time (ms) from Run to the results shown. Started by itself,
 * the job would share the cores with the page painting four new 1024² maps.
 */
export async function timedRun(page: Page, seed: number): Promise<number> {
  await kernelSeed(page).fill(String(seed));
  await expect(runButton(page)).toBeEnabled({ timeout: 60_000 });
  await page.evaluate(PAGE_IDLE);
  const since = await pageNow(page);
  await runButton(page).click();
  const span = await jobSpan(page, since);
  return span.end - span.start;
}
