// ReLU kinks on the main error maps: elements whose finite difference straddles the kink are
// painted in the kink colour with a key, named in the hover readout, and do not fail the verdict.
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreenshot } from './support/artifacts';
import { FLAT_WAVE_H, FLAT_WAVE_W, flatWave, npyFile } from './support/flat-wave';
import { KINK_RGB } from '../../src/renderer/lib/kink-marks';

/** The part of a canvas the test reads (the e2e tsconfig has no DOM types). */
interface PixelSource {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** How many canvas pixels of a heatmap have the kink colour, and (in CSS pixels) one well inside a kink element. */
async function kinkPixels(map: Locator): Promise<{ count: number; inside?: { x: number; y: number } }> {
  return map.locator('canvas').first().evaluate((element, rgb) => {
    const canvas = element as unknown as PixelSource;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const isKink = (x: number, y: number) => {
      const i = 4 * (y * canvas.width + x);
      return x < canvas.width && y < canvas.height && data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2];
    };
    const ratio = canvas.width / (element as unknown as { clientWidth: number }).clientWidth;
    let count = 0;
    let inside: { x: number; y: number } | undefined;
    for (let y = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++) {
        if (!isKink(x, y)) continue;
        count++;
        const reach = Math.ceil(6 * ratio);
        if (!inside && isKink(x + reach, y + reach)) inside = { x: (x + reach / 2) / ratio, y: (y + reach / 2) / ratio };
      }
    }
    return { count, inside };
  }, KINK_RGB);
}

test('with a ReLU, the main error map paints kink elements in their colour and the verdict passes with a count', async ({ appPage }) => {
  await appPage.getByLabel('Open image file').setInputFiles(npyFile('flat-wave.npy', flatWave()));
  await expect(appPage.getByTestId('map-x')).toContainText(`${FLAT_WAVE_H}×${FLAT_WAVE_W}`);
  await appPage.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('l2');
  await appPage.getByRole('combobox', { name: 'Activation f' }).selectOption('relu');

  const dX = appPage.getByTestId('summary-dX');
  await expect(dX).toContainText('at a kink', { timeout: 60_000 });
  await expect(appPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'pass');
  const kinkCount = Number((await dX.locator('dt:text-is("at a kink") + dd').textContent()) ?? 0);
  expect(kinkCount).toBeGreaterThan(0);
  expect(kinkCount).toBeLessThan(FLAT_WAVE_H * FLAT_WAVE_W);

  const map = appPage.getByTestId('map-dx-error');
  await expect(map).toHaveAttribute('data-kinks', String(kinkCount));
  await expect(map.getByTestId('kink-key')).toContainText(`at a kink (${kinkCount} in this plane): not measured, not failed`);
  await expect.poll(async () => (await kinkPixels(map)).count).toBeGreaterThan(0);
  // Only error maps get the marks.
  for (const id of ['x', 'dx-analytic', 'dx-numerical']) {
    expect((await kinkPixels(appPage.getByTestId(`map-${id}`))).count, `map ${id}`).toBe(0);
    await expect(appPage.getByTestId(`map-${id}`).getByTestId('kink-key')).toHaveCount(0);
  }

  const { inside } = await kinkPixels(map);
  expect(inside).toBeDefined();
  const box = (await map.locator('canvas').first().boundingBox())!;
  await appPage.mouse.move(box.x + inside!.x, box.y + inside!.y);
  await expect(appPage.getByTestId('inspector')).toContainText('|error| of dL/dX kink (not measured)');
  await saveScreenshot(appPage, 'main-kinks');
});
