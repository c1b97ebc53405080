// ReLU kinks on the main error maps: with a target, elements whose finite difference crosses the
// kink are judged by the kink convention (never dropped), painted in the kink colour with a key,
// named in the hover readout, and counted in the verdict.
import type { Locator } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { saveScreenshot } from './support/artifacts';
import { FLAT_WAVE_H, FLAT_WAVE_W, flatWave, flatWaveTarget, npyFile } from './support/flat-wave';
import { KINK_RGB } from '../../src/export/kink-marks';

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

test('with a ReLU and a target, kinked elements are judged, painted in their colour, and the verdict passes with a count', async ({ appPage }) => {
  // The default photo first, so its late arrival cannot replace the file opened next.
  await expect(appPage.getByTestId('map-x')).toContainText('512×512', { timeout: 60_000 });
  await appPage.getByLabel('Open image file').setInputFiles(npyFile('flat-wave.npy', flatWave()));
  await expect(appPage.getByTestId('map-x')).toContainText(`${FLAT_WAVE_H}×${FLAT_WAVE_W}`);
  await appPage.getByRole('combobox', { name: 'Loss', exact: true }).selectOption('l2');
  await appPage.getByRole('combobox', { name: 'Activation f' }).selectOption('relu');
  await appPage.getByRole('combobox', { name: 'Target T' }).selectOption('file');
  await appPage.getByLabel('Open target file').setInputFiles(npyFile('target.npy', flatWaveTarget()));

  const dX = appPage.getByTestId('summary-dX');
  const verdict = appPage.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  const kinked = Number(((await dX.locator('dt:text-is("kinked") + dd').textContent()) ?? '0').split(' ')[0]);
  expect(kinked).toBeGreaterThan(0);
  expect(kinked).toBeLessThan(FLAT_WAVE_H * FLAT_WAVE_W);
  await expect(verdict.getByTestId('pass-rule')).toContainText("Kinks: relu'(0) = 0");

  const map = appPage.getByTestId('map-dx-error');
  await expect(map).toHaveAttribute('data-kinks', String(kinked));
  await expect(map.getByTestId('kink-key')).toContainText(`passed at a kink (${kinked} in this plane): judged by the kink convention`);
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
  await expect(appPage.getByTestId('inspector')).toContainText('(crossed a kink)');
  // The numerical value is read with its error bar.
  await expect(appPage.getByTestId('inspector')).toContainText(/dL\/dX numerical -?[\d.e+-]+\s*± \d\.\d\de[+-]\d+/);
  await saveScreenshot(appPage, 'main-kinks');

  // relu'(0) = 1 is not what ConvGrad's VJP computes: the same gradient now fails at the kinks.
  await appPage.getByTestId('kink-convention').selectOption('one');
  await expect(verdict).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });
  await appPage.getByTestId('kink-convention').selectOption('any');
  await expect(verdict).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  await expect(dX).toContainText('by interval');
});
