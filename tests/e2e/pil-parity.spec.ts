// The app decodes JPEG, WebP, GIF and BMP with the CLI's decoders (in its worker, no
// createImageBitmap), so the X it shows is PIL's: luma is Image.convert('L') and the red, green
// and blue channels are convert('RGB'), read here from the hover readout (fixtures and PIL's values:
// scripts/make-image-fixtures.py). A hostile file then leaves the loaded image in place.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { saveScreenshot } from './support/artifacts';
import { test, expect } from './support/fixtures';

const DIR = resolve(import.meta.dirname, '../fixtures/images/pil');
const expected = JSON.parse(readFileSync(resolve(DIR, 'expected.json'), 'utf8')) as {
  images: Record<string, { width: number; height: number; luma: number[]; rgb: number[] }>;
};
/** Cells with strong colour edges in the crop, and the corners. */
const CELLS: [number, number][] = [[0, 0], [12, 20], [20, 31], [27, 9], [33, 40], [39, 47]];

async function readX(page: Page, map: Locator, width: number, height: number, row: number, col: number): Promise<string> {
  const inspector = page.getByTestId('inspector');
  // The page above the maps may still be settling (a status line appears), moving the map under
  // a pointer placed from an older box: hover again at its new place, a few times at most.
  for (let attempt = 1; ; attempt++) {
    const box = await map.locator('rect.capture').boundingBox();
    if (!box) throw new Error('map has no box');
    const cell = Math.min(box.width / width, box.height / height);
    const left = box.x + (box.width - width * cell) / 2;
    const top = box.y + (box.height - height * cell) / 2;
    await page.mouse.move(left + (col + 0.5) * cell, top + (row + 0.5) * cell);
    try {
      await expect(inspector.locator('.index')).toContainText(`[${row}, ${col}]`, { timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 6) throw error;
    }
  }
  const entries = await inspector.locator('.entry').evaluateAll((nodes) =>
    nodes.map((node) => [node.querySelector('.name')?.textContent ?? '', node.querySelector('.value')?.textContent ?? '']),
  );
  return Object.fromEntries(entries)['X'];
}

async function open(page: Page, name: string): Promise<void> {
  await page.getByLabel('Open image file').setInputFiles(resolve(DIR, name));
  await expect(page.getByTestId('image-name')).toContainText(name);
}

for (const name of ['baseline_420.jpg', 'progressive_420.jpg', 'baseline_422.jpg', 'lossy.webp', 'palette.gif', 'rgb565.bmp']) {
  test(`${name}: X in the app is PIL's luma and RGB`, async ({ appPage }) => {
    const e = expected.images[name];
    await open(appPage, name);
    const map = appPage.getByTestId('map-x');
    for (const [row, col] of CELLS) {
      expect(await readX(appPage, map, e.width, e.height, row, col), `luma[${row},${col}]`).toBe(String(e.luma[row * e.width + col] / 255));
    }
    const channels = appPage.getByRole('combobox', { name: 'Channels' });
    for (const [c, mode] of ['r', 'g', 'b'].entries()) {
      await channels.selectOption(mode);
      const [row, col] = CELLS[1 + c];
      const plane = e.width * e.height;
      await expect
        .poll(() => readX(appPage, map, e.width, e.height, row, col), { message: `${mode}[${row},${col}]` })
        .toBe(String(e.rgb[c * plane + row * e.width + col] / 255));
    }
  });
}

test('an EXIF orientation is reported and not applied, as in PIL', async ({ appPage }) => {
  const e = expected.images['exif_orientation6.jpg'];
  await open(appPage, 'exif_orientation6.jpg');
  await expect(appPage.getByTestId('image-name')).toContainText('(40,48)');
  await expect(appPage.getByTestId('exif-note')).toContainText('EXIF orientation 6 (rotate 90° clockwise) not applied');
  const map = appPage.getByTestId('map-x');
  expect(await readX(appPage, map, e.width, e.height, 12, 20)).toBe(String(e.luma[12 * e.width + 20] / 255));
  await open(appPage, 'baseline_420.jpg');
  await expect(appPage.getByTestId('exif-note')).toHaveCount(0);
});

test.describe('hostile files in the app', () => {
  test.use({ allowPageProblems: true });

  test('the element limit setting is the budget of files, as --max-elements is in the CLI', async ({ appPage }) => {
    await open(appPage, 'baseline_420.jpg');
    await appPage.getByTestId('setting-max-elements').fill('1024');
    await appPage.getByLabel('Open image file').setInputFiles(resolve(DIR, 'lossy.webp'));
    await expect(appPage.getByTestId('load-error')).toContainText('lossy.webp: the WebP image (48 x 40 x 4) has 7,680 elements, over the limit of 1,024');
    await expect(appPage.getByTestId('image-name')).toContainText('baseline_420.jpg');
    await appPage.getByTestId('setting-max-elements').fill('67108864');
    await open(appPage, 'lossy.webp');
  });

  test('a kernel with the wrong input channels, or a dL/dX under test of the wrong shape, changes nothing', async ({ appPage }) => {
    const { writeNpy } = await import('../../src/formats/npy');
    const npy = (name: string, shape: number[]) => ({
      name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeNpy({ shape, data: new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(0.25) })),
    });
    await open(appPage, 'baseline_420.jpg');
    await expect(appPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
    await appPage.getByLabel('Open kernel file').setInputFiles(npy('w-rgb.npy', [2, 3, 3, 3]));
    await expect(appPage.getByTestId('load-error')).toContainText('w-rgb.npy: kernel (2,3,3,3) expects 3 input channel(s), X (40,48) has 1');
    await expect(appPage.getByText('shape (3,3)')).toBeVisible();
    await expect(appPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'pass');

    await appPage.getByRole('heading', { name: 'Discrepancy hunting' }).click();
    await appPage.getByRole('radio', { name: 'Gradients from files' }).check();
    await appPage.getByLabel('Open dL/dX under test').setInputFiles(npy('dx-small.npy', [7, 7]));
    await expect(appPage.getByTestId('disc-error')).toContainText('dx-small.npy: shape (7,7) does not match X (40,48), so it cannot be dL/dX');
    await expect(appPage.getByTestId('subject-file-dX')).toContainText('none: ConvGrad’s VJP stands in');
  });

  test('a sample of the fuzz corpus: each shows an error naming the file and leaves X as it was', async ({ appPage }, testInfo) => {
    const { hostileFiles } = await import('../support/hostile-files');
    // A sample of the corpus the CLI test runs whole: bombs, a bad CRC, 12-bit, deep JSON, a cut JPEG.
    const wanted = ['bomb-20000.png', 'wide-2e31.png', 'ihdr-crc.png', 'precision-12.jpg', 'huge.gif', 'deep-100k.json', 'baseline_420-cut50.jpg', 'rle8.bmp', 'animated.webp'];
    const corpus = hostileFiles().filter((f) => wanted.includes(f.name));
    expect(corpus.length).toBe(wanted.length);
    await open(appPage, 'baseline_420.jpg');
    const e = expected.images['baseline_420.jpg'];
    const map = appPage.getByTestId('map-x');
    const before = await readX(appPage, map, e.width, e.height, 12, 20);
    for (const file of corpus) {
      const started = Date.now();
      await appPage.getByLabel('Open image file').setInputFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) });
      const error = appPage.getByTestId('load-error');
      await expect(error).toContainText(file.name);
      const message = (await error.textContent()) ?? '';
      testInfo.annotations.push({ type: file.name, description: `${Date.now() - started} ms: ${message.trim()}` });
      expect(message.length).toBeLessThan(260);
      await expect(appPage.getByTestId('image-name')).toContainText('baseline_420.jpg');
      expect(await readX(appPage, map, e.width, e.height, 12, 20)).toBe(before);
    }
    await saveScreenshot(appPage, 'hostile-file-error');
  });
});
