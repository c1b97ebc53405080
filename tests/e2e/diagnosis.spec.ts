// One-step import and the diagnosis as a user meets them: drop one .npz (PyTorch's, or a
// backward pass with a classic mistake made outside ConvGrad) and the main verdict, maps and
// diagnosis are about the gradient in it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreenshot } from './support/artifacts';
import { unzipSync } from 'fflate';
import { dropFile, dropFiles } from './support/drop-file';
import { readNpz } from '../../src/formats/npz';

const ROOT = resolve(import.meta.dirname, '../..');
const TORCH_NPZ = 'tests/fixtures/npz/conv2d.npz';
const DIAGNOSIS = 'tests/fixtures/diagnosis';
const expected: Record<string, Partial<Record<'dX' | 'dW', string | null>>> = JSON.parse(readFileSync(resolve(ROOT, DIAGNOSIS, 'expected.json'), 'utf8'));

async function dropNpz(page: Page, path: string): Promise<void> {
  // The default problem first, so the drop replaces a problem on screen.
  await expect(page.getByTestId('map-x')).toBeVisible();
  const name = path.split('/').pop() as string;
  await dropFile(page.locator('main'), { name, mimeType: 'application/octet-stream', buffer: readFileSync(resolve(ROOT, path)) });
  await expect(page.getByTestId('map-dx-analytic')).toContainText(`dL/dX under test: ${name}:dx`);
}

async function verdictOf(page: Page): Promise<string> {
  const verdict = page.getByTestId('verdict');
  await expect(verdict).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
  return (await verdict.getAttribute('data-verdict')) ?? '';
}

test("PyTorch's .npz with the op left at conv: FAIL, the diagnosis says cross-correlation; switching passes", async ({ appPage }) => {
  await dropNpz(appPage, TORCH_NPZ);
  expect(await verdictOf(appPage)).toBe('fail');
  for (const g of ['dX', 'dW']) {
    const line = appPage.getByTestId(`diagnosis-${g}`);
    await expect(line).toHaveAttribute('data-match', 'cross-correlation');
    await expect(line).toContainText("PyTorch's conv2d cross-correlates: choose Operation: cross-correlation");
  }
  await expect(appPage.getByTestId('summary-dX')).toContainText('dL/dX under test: conv2d.npz:dx');

  // Hovering the main dL/dX map reads the user's own value there.
  const capture = appPage.getByTestId('map-dx-analytic').locator('rect.capture');
  await capture.scrollIntoViewIfNeeded();
  const box = await capture.boundingBox();
  if (!box) throw new Error('map-dx-analytic has no box');
  await appPage.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6);
  const inspector = appPage.getByTestId('inspector');
  await expect(inspector).toContainText('dL/dX under test: conv2d.npz:dx');
  const label = (await inspector.locator('.index').textContent()) ?? '';
  const index = label.slice(label.indexOf('[') + 1, label.indexOf(']')).split(',').map(Number);
  const dx = readNpz(readFileSync(resolve(ROOT, TORCH_NPZ))).arrays.dx!;
  const flat = index.reduce((f, v, a) => f * dx.shape[a] + v, 0);
  const entry = inspector.locator('.entry', { hasText: 'dL/dX under test' });
  await expect(entry.first().locator('.value')).toHaveText(String(dx.data[flat]));
  await saveScreenshot(appPage, 'diagnosis-torch-conv-fails');

  await appPage.getByLabel('Operation').selectOption('xcorr');
  await expect.poll(() => verdictOf(appPage), { timeout: 60_000 }).toBe('pass');
  await expect(appPage.getByTestId('diagnosis-dX')).toHaveCount(0);
  await saveScreenshot(appPage, 'diagnosis-torch-xcorr-passes');
});

// Every fixture made outside ConvGrad, named in the app as in the CLI (tests/unit/cli/diagnosis.test.ts).
for (const shape of ['single-seed', 'multi-xcorr-explicit', 'stride2-dilation2']) {
  test(`the app names every catalogued bug, gives none to correct gradients, a footprint to perturbations: ${shape}`, async ({ appPage }) => {
    test.setTimeout(240_000);
    for (const [file, want] of Object.entries(expected).filter(([f]) => f.startsWith(`${shape}/`))) {
      await dropNpz(appPage, `${DIAGNOSIS}/${file}`);
      const verdict = await verdictOf(appPage);
      expect(verdict, file).toBe(Object.keys(want).length === 0 ? 'pass' : 'fail');
      for (const g of ['dX', 'dW'] as const) {
        const line = appPage.getByTestId(`diagnosis-${g}`);
        if (!(g in want)) {
          await expect(line, `${file} ${g}`).toHaveCount(0);
          continue;
        }
        await expect(line, `${file} ${g}`).toHaveAttribute('data-match', want[g] ?? '');
        if (want[g] === null) await expect(line, `${file} ${g}`).toHaveAttribute('data-footprint', /isolated|everywhere/);
      }
      if (file.endsWith('/perturbed-few.npz') || file.endsWith('/kernel-not-mirrored.npz')) {
        await saveScreenshot(appPage, `diagnosis-${file.replace('.npz', '').replace('/', '-')}`);
      }
    }
  });
}

test('several files dropped at once land by their names: x, w, grad, dx, dw', async ({ appPage }) => {
  await expect(appPage.getByTestId('map-x')).toBeVisible();
  // The arrays of a fixture with a kernel that was not mirrored, as separate .npy files; its settings are the app's defaults.
  const entries = unzipSync(readFileSync(resolve(ROOT, DIAGNOSIS, 'single-seed/kernel-not-mirrored.npz')));
  const files = ['x', 'w', 'grad', 'dx', 'dw'].map((key) => ({ name: `${key}.npy`, mimeType: 'application/octet-stream', buffer: entries[`${key}.npy`] }));
  await dropFiles(appPage.locator('main'), files);
  await expect(appPage.getByTestId('map-dx-analytic')).toContainText('dL/dX under test: dx.npy');
  await expect(appPage.getByTestId('map-x')).toContainText('9×8');
  expect(await verdictOf(appPage)).toBe('fail');
  await expect(appPage.getByTestId('diagnosis-dX')).toHaveAttribute('data-match', 'kernel-not-mirrored');
  await expect(appPage.getByTestId('summary-dW')).toHaveAttribute('data-pass', 'true');

  // A file whose name says nothing is refused by name, and nothing changes.
  await dropFiles(appPage.locator('main'), [files[0], { ...files[1], name: 'mystery.npy' }]);
  await expect(appPage.getByTestId('load-error')).toContainText('mystery.npy: cannot tell where it goes');
  await expect(appPage.getByTestId('diagnosis-dX')).toHaveAttribute('data-match', 'kernel-not-mirrored');
});
