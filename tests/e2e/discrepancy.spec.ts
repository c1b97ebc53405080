// Discrepancy hunting as a user meets it: gradients computed elsewhere loaded from files, injected
// bugs, the step-size sweep and Taylor test, f64 next to f32, the quick check and ReLU kinks.
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { ARTIFACTS_DIR, saveScreenshot } from './support/artifacts';
import { FLAT_WAVE_H, FLAT_WAVE_W, flatWave, flatWaveTarget, npyFile } from './support/flat-wave';
import { analyze } from '../../src/core/conv/analyze';
import { sci } from '../../src/renderer/lib/loglog';
import {
  convOptionsOf,
  initialConvSettings,
  initialKernelSettings,
  initialLossSettings,
  kernelOf,
  lossOf,
} from '../../src/renderer/lib/settings';

const H = FLAT_WAVE_H;
const W = FLAT_WAVE_W;

/** ConvGrad's exact gradients for X under the app's default kernel, convolution and linear loss. */
function correctGradients() {
  const loss = lossOf(initialLossSettings(), undefined, undefined);
  if (typeof loss === 'string') throw new Error(loss);
  return analyze({ x: flatWave(), w: kernelOf(initialKernelSettings(), 1, undefined), conv: convOptionsOf(initialConvSettings()), loss, dtype: 'f64' });
}

async function openPanel(page: Page): Promise<Locator> {
  const panel = page.getByTestId('discrepancy');
  await panel.locator('summary').click();
  return panel;
}

async function openProblem(page: Page): Promise<Locator> {
  await page.getByLabel('Open image file').setInputFiles(npyFile('flat-wave.npy', flatWave()));
  await expect(page.getByTestId('map-x')).toContainText(`${H}×${W}`);
  return openPanel(page);
}

async function check(panel: Locator): Promise<Locator> {
  await panel.getByRole('tab', { name: 'Check gradient under test' }).click();
  await panel.getByRole('button', { name: /^Check / }).click();
  const verdict = panel.getByTestId('disc-verdict-check');
  await expect(verdict).toBeVisible();
  await expect(panel.getByRole('button', { name: /^Check / })).toBeEnabled();
  return verdict;
}

test('gradients loaded from files: a correct pair passes, a wrong dL/dX fails where it is wrong', async ({ appPage }) => {
  const panel = await openProblem(appPage);
  const { dX, dW } = correctGradients();
  await panel.getByRole('radio', { name: 'Gradients from files' }).check();
  await panel.getByLabel('Open dL/dX under test').setInputFiles(npyFile('dx-torch.npy', dX));
  await panel.getByLabel('Open dL/dW under test').setInputFiles(npyFile('dw-torch.npy', dW));
  await expect(panel.getByTestId('subject-file-dX')).toContainText('dx-torch.npy (12×14)');

  let verdict = await check(panel);
  await expect(verdict).toHaveAttribute('data-verdict', 'pass');
  await expect(panel.getByTestId('disc-summary-check-dX')).toContainText('dL/dX under test: dx-torch.npy');
  await expect(panel.getByTestId('disc-vs-own-check-dX')).toContainText('0 differ');

  // One element off, as a hand-written backward pass with an index slip would give.
  const wrong = Float64Array.from(dX.data);
  wrong[4 * W + 9] += 0.5;
  await panel.getByLabel('Open dL/dX under test').setInputFiles(npyFile('dx-wrong.npy', { shape: dX.shape, data: wrong }));
  verdict = await check(panel);
  await expect(verdict).toHaveAttribute('data-verdict', 'fail');
  const summary = panel.getByTestId('disc-summary-check-dX');
  await expect(summary).toHaveAttribute('data-pass', 'false');
  await expect(summary).toContainText('failing 1 / 168');
  await expect(summary).toContainText('worst [4,9]');
  await expect(panel.getByTestId('disc-summary-check-dW')).toHaveAttribute('data-pass', 'true');
  await expect(panel.getByTestId('disc-map-check-dX')).toHaveAttribute('data-worst', '4,9');
  await expect(panel.getByTestId('disc-map-check-dX')).toContainText('dL/dX under test: dx-wrong.npy');
  // Pointing at the marked element reads its error: the 0.5 that was added.
  // The panel's maps are heatmaps like the main ones: the pointer goes to their zoom surface.
  const canvas = panel.getByTestId('disc-map-check-dX').locator('rect.capture');
  const box = await canvas.boundingBox();
  const cell = (box?.width ?? 0) / W;
  await canvas.hover({ position: { x: 9.5 * cell, y: ((box?.height ?? 0) - H * cell) / 2 + 4.5 * cell } });
  await expect(panel.getByTestId('disc-reading-check-dX')).toContainText('[4,9]: |error| 5e-1');

  // Against ConvGrad's VJP the same element stands out.
  await panel.getByRole('radio', { name: 'the VJP of ConvGrad (where they differ)' }).check();
  await expect(panel.getByTestId('disc-map-check-dX')).toContainText('− VJP');
  await expect(panel.getByTestId('disc-map-check-dX')).toHaveAttribute('data-worst', '4,9');
  await expect(panel.getByTestId('disc-vs-own-check-dX')).toContainText('1 differ, worst [4,9]');
  await saveScreenshot(appPage, 'discrepancy-files');
});

test('a gradient file of the wrong shape is named in the error', async ({ appPage }) => {
  const panel = await openProblem(appPage);
  await panel.getByRole('radio', { name: 'Gradients from files' }).check();
  await panel.getByLabel('Open dL/dX under test').setInputFiles(npyFile('dx-small.npy', { shape: [3, 3], data: new Float64Array(9) }));
  await panel.getByRole('button', { name: /^Check / }).click();
  await expect(panel.getByTestId('disc-error')).toContainText('dx-small.npy: shape (3,3) does not match X (12,14)');
});

test('injected bugs fail with their explanation; one that cannot apply says why', async ({ appPage }) => {
  const panel = await openProblem(appPage);
  await panel.getByRole('radio', { name: 'Injected bug' }).check();
  const menu = panel.getByRole('combobox', { name: 'Injected bug' });
  for (const bug of ['kernel-not-mirrored', 'padding-off-by-one', 'dw-not-mirrored']) {
    await menu.selectOption(bug);
    await expect(panel.getByTestId('bug-info')).toHaveAttribute('data-applies', 'true');
    await expect(panel.getByTestId('bug-explanation')).not.toBeEmpty();
    const verdict = await check(panel);
    await expect(verdict).toHaveAttribute('data-verdict', 'fail');
    const gradient = bug === 'dw-not-mirrored' ? 'dW' : 'dX';
    await expect(panel.getByTestId(`disc-summary-check-${gradient}`)).toHaveAttribute('data-pass', 'false');
    await expect(panel.getByTestId(`disc-map-check-${gradient}`)).toContainText(`under test: ${bug}`);
    if (bug === 'kernel-not-mirrored') await saveScreenshot(appPage, 'discrepancy-bug');
  }
  // After a quick check, choosing another bug checks it at once.
  await menu.selectOption('padding-off-by-one');
  await expect(panel.getByTestId('disc-map-check-dX')).toContainText('under test: padding-off-by-one');
  await expect(panel.getByTestId('disc-verdict-check')).toHaveAttribute('data-verdict', 'fail');
  await menu.selectOption('stride-ignored');
  await expect(panel.getByTestId('bug-info')).toHaveAttribute('data-applies', 'false');
  await expect(panel.getByTestId('bug-reason')).toContainText('the stride is 1');
});

/** Runs a sweep, checks the plot, and returns the best h and the max error there (read off the plot). */
async function sweep(panel: Locator, screenshot?: string): Promise<{ best: number; maxAtBest: number }> {
  await panel.getByRole('tab', { name: 'Step-size study' }).click();
  await panel.getByRole('button', { name: /^Run sweep/ }).click();
  const plot = panel.getByTestId('plot-sweep');
  await expect(plot).toBeVisible({ timeout: 60_000 });
  expect(await plot.locator('[data-testid="series-max"] circle').count()).toBeGreaterThan(20);
  await expect(plot.getByTestId('mark-chosen')).toHaveAttribute('data-x', '0.000001');
  await expect(plot.getByTestId('mark-best')).toBeAttached();
  // Keyboard readout.
  await plot.locator('rect.capture').focus();
  await plot.page().keyboard.press('End');
  await expect(plot.getByTestId('readout-sweep')).toContainText('h = 1e-1');
  await plot.page().keyboard.press('ArrowLeft');
  await expect(plot.getByTestId('readout-sweep')).toContainText('h = 3.16e-2');
  // The picture for the README: the readout at the best step, no focus ring, no hovered button.
  await plot.locator('rect.capture').blur();
  const best = Number(await plot.getByTestId('mark-best').getAttribute('data-x'));
  const box = await plot.locator('rect.capture').boundingBox();
  if (box) await plot.page().mouse.move(box.x + box.width * ((Math.log10(best) + 13) / 12), box.y + box.height / 2);
  const readout = plot.getByTestId('readout-sweep');
  await expect(readout).toContainText(`h = ${sci(best)}`);
  // Kept with the other artifacts; the README's copies in docs/screenshots are refreshed from here by hand.
  if (screenshot) await panel.getByTestId('sweep-view').screenshot({ path: resolve(ARTIFACTS_DIR, `${screenshot}.png`) });
  const maxAtBest = Number((await readout.innerText()).match(/max \|error\| (\S+)/)?.[1]);
  return { best, maxAtBest };
}

/** The fitted slopes of the Taylor test's text: [change of L, first-order remainder]. */
async function taylorSlopes(panel: Locator): Promise<number[]> {
  await panel.getByRole('button', { name: 'Run Taylor test' }).click();
  const taylor = panel.getByTestId('plot-taylor');
  await expect(taylor).toBeVisible();
  await expect(taylor.getByTestId('guide-slope1')).toBeAttached();
  await expect(taylor.getByTestId('guide-slope2')).toBeAttached();
  const text = await panel.getByTestId('taylor-slopes').innerText();
  return [...text.matchAll(/(\d+\.\d\d)/g)].map((m) => Number(m[1]));
}

test('step-size sweeps of a linear and an l2+tanh loss, and a Taylor test', async ({ appPage: page }) => {
  const panel = await openProblem(page);
  const linear = await sweep(panel, 'sweep-linear');
  await expect(panel.getByTestId('sweep-reading')).toContainText('there is no truncation error, only round-off');

  await page.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('l2');
  await page.getByRole('combobox', { name: 'Activation f' }).selectOption('tanh');
  await expect(panel.getByTestId('plot-sweep')).toHaveCount(0);
  const tanh = await sweep(panel, 'sweep-l2-tanh');
  // Linear: no truncation error, so the largest steps are best; l2+tanh: a V with its bottom near cbrt(eps).
  expect(linear.best).toBeGreaterThanOrEqual(1e-3);
  await expect(panel.getByTestId('sweep-reading')).toContainText('Here they meet at h ≈ 3.16e-6');
  expect(tanh.best).toBeGreaterThan(1e-8);
  expect(tanh.best).toBeLessThan(1e-3);
  expect(tanh.maxAtBest).toBeLessThan(1e-8);

  const [change, remainder] = await taylorSlopes(panel);
  expect(change).toBeCloseTo(1, 0);
  expect(remainder).toBeCloseTo(2, 0);
  await saveScreenshot(page, 'discrepancy-sweep');

  // A wrong dL/dX: no step gets the error below the bug's size, and the remainder keeps a first-order term.
  await panel.getByRole('radio', { name: 'Injected bug' }).check();
  await expect(panel.getByTestId('plot-sweep')).toHaveCount(0);
  const buggy = await sweep(panel);
  expect(buggy.maxAtBest).toBeGreaterThan(1e-3);
  await expect(panel.getByTestId('step-study')).toContainText('Sweep of kernel-not-mirrored');
  await expect(panel.getByTestId('sweep-reading')).toContainText('that floor is the gradient under test being wrong');
  const [, buggyRemainder] = await taylorSlopes(panel);
  expect(buggyRemainder).toBeCloseTo(1, 0);
  await saveScreenshot(page, 'discrepancy-sweep-bug');
});

test('a sweep can be cancelled', async ({ appPage }) => {
  // The default 512×512 camera with l2+tanh: every sampled tap of dL/dW re-evaluates all of Y, so 121 steps take seconds.
  await expect(appPage.getByTestId('map-x')).toContainText('512×512');
  await appPage.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('l2');
  await appPage.getByRole('combobox', { name: 'Activation f' }).selectOption('tanh');
  const panel = await openPanel(appPage);
  await panel.getByRole('tab', { name: 'Step-size study' }).click();
  await panel.getByLabel('Steps per decade').fill('10');
  await panel.getByRole('button', { name: /^Run sweep/ }).click();
  await expect(panel.getByTestId('disc-job')).toBeVisible();
  await expect(panel.getByRole('progressbar', { name: 'Sweeping h progress' })).not.toHaveAttribute('aria-valuenow', '0');
  await panel.getByTestId('disc-job').getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('disc-job')).toHaveCount(0);
  await expect(panel.getByTestId('plot-sweep')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: /^Run sweep/ })).toBeEnabled();
});

test('f64 and f32 side by side, and the quick check', async ({ appPage }) => {
  const panel = await openProblem(appPage);
  await panel.getByRole('tab', { name: 'Precision' }).click();
  await panel.getByRole('button', { name: 'Run in f64 and f32' }).click();
  for (const dtype of ['f64', 'f32']) {
    await expect(panel.getByTestId(`disc-verdict-${dtype}`)).toHaveAttribute('data-verdict', 'pass');
    await expect(panel.getByTestId(`disc-map-${dtype}-dX`)).toBeVisible();
  }
  await expect(panel.getByTestId('disc-verdict-f32')).toContainText('atol 0.01');
  await expect(panel.getByTestId('disc-verdict-f64')).toContainText('h = 0.000001');
  await saveScreenshot(appPage, 'discrepancy-precision');

  await panel.getByRole('tab', { name: 'Quick check' }).click();
  await panel.getByLabel('Random directions').fill('3');
  await panel.getByLabel('Direction seed').fill('7');
  await panel.getByRole('button', { name: 'Quick check' }).click();
  await expect(panel.getByTestId('quick-verdict')).toHaveAttribute('data-verdict', 'pass');
  await expect(panel.getByTestId('quick-verdict')).toContainText('3 directions per gradient, seed 7');
  await expect(panel.getByTestId('quick-check').locator('tbody tr')).toHaveCount(6);

  await panel.getByRole('radio', { name: 'Injected bug' }).check();
  await panel.getByRole('button', { name: 'Quick check' }).click();
  await expect(panel.getByTestId('quick-verdict')).toHaveAttribute('data-verdict', 'fail');
  await expect(panel.getByTestId('quick-verdict')).toContainText('kernel-not-mirrored');
});

test('with a ReLU and a target, elements crossing the kink are shown on the error map and judged, not failed', async ({ appPage }) => {
  const panel = await openProblem(appPage);
  await appPage.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('l2');
  await appPage.getByRole('combobox', { name: 'Activation f' }).selectOption('relu');
  await appPage.getByRole('combobox', { name: 'Target T' }).selectOption('file');
  await appPage.getByLabel('Open target file').setInputFiles(npyFile('target.npy', flatWaveTarget()));
  const verdict = await check(panel);
  await expect(verdict).toHaveAttribute('data-verdict', 'pass');
  await expect(panel.getByTestId('disc-summary-check-dX')).toContainText('kinked');
  const map = panel.getByTestId('disc-map-check-dX');
  expect(Number(await map.getAttribute('data-kinks'))).toBeGreaterThan(0);
  await expect(map.getByTestId('kink-key')).toContainText('judged by the kink convention');
  await saveScreenshot(appPage, 'discrepancy-kinks');
});
