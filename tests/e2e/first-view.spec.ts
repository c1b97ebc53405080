// What a newcomer sees first: every map of the default problem has structure, a robust colour
// range next to the symmetric one, and every map title says what the map is on hover.
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreenshot } from './support/artifacts';

interface PixelSource {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** How many distinct colours the map's canvas shows (a blank or uniform map shows one or two). */
function colours(map: Locator): Promise<number> {
  return map.locator('canvas').first().evaluate((element) => {
    const canvas = element as unknown as PixelSource;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

test('every map of the default problem has visible structure; titles explain the maps', async ({ appPage }) => {
  await expect(appPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  for (const id of ['x', 'dx-analytic', 'dx-numerical', 'dx-error', 'y', 'gy', 'w', 'dw-analytic', 'dw-numerical', 'dw-error']) {
    // W is sobel-x: five values.
    expect(await colours(appPage.getByTestId(`map-${id}`)), id).toBeGreaterThan(id === 'w' ? 4 : 5);
    const title = appPage.getByTestId(`map-${id}`).locator('figcaption .name');
    expect((await title.getAttribute('title'))?.length ?? 0, id).toBeGreaterThan(30);
  }
  await saveScreenshot(appPage, 'first-view-default');
});

test('a robust colour range clips the extreme values and counts them on the legend', async ({ appPage }) => {
  await expect(appPage.getByTestId('verdict')).not.toHaveAttribute('data-verdict', 'pending', { timeout: 60_000 });
  const y = appPage.getByTestId('map-y');
  await expect(y.getByTestId('clipped')).toHaveCount(0);
  await appPage.getByRole('radio', { name: /robust/ }).check();
  await expect(y.getByTestId('clipped')).toContainText(/▲\d+|▼\d+/);
  await saveScreenshot(appPage, 'first-view-robust-range');
  await appPage.getByRole('radio', { name: /full, symmetric/ }).check();
  await expect(y.getByTestId('clipped')).toHaveCount(0);
});

test('a guided first run: one click injects a classic bug, the diagnosis names it, one more goes back', async ({ appPage }) => {
  const verdict = appPage.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  await appPage.getByTestId('guided-run').getByRole('button', { name: 'Inject a bug' }).click();
  await expect(appPage.getByTestId('map-dx-analytic')).toContainText('dL/dX under test: padding-off-by-one');
  await expect(verdict).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });
  await expect(appPage.getByTestId('diagnosis-dX')).toHaveAttribute('data-match', 'padding-off-by-one');
  await expect(appPage.getByTestId('diagnosis-dX')).toContainText('crop the padded gradient starting at the top and left padding');
  await saveScreenshot(appPage, 'first-view-guided-bug');
  await appPage.getByTestId('guided-run').getByRole('button', { name: 'Back to ConvGrad’s VJP' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  await expect(appPage.getByTestId('diagnosis-dX')).toHaveCount(0);
});
