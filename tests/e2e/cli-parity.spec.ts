// The app shows, for a PNG, exactly the numbers `convgrad check` computes for the same file and
// options: the same decoder (luma as PIL's "L"), the same core, bit for bit.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { runCheck } from '../../src/core/check/check';
import { DEFAULT_CONV } from '../../src/core/problem/defaults';
import { kernelPreset } from '../../src/core/problem/presets';
import type { Tensor } from '../../src/core/problem/types';
import { decodeFile } from '../../src/formats/decode-file';

const PNG = resolve(import.meta.dirname, '../fixtures/images/rgb.png');

/** Hovers cell (row, col) of a 7-wide, 5-high map and returns the inspector's values by label. */
async function readCell(page: Page, map: Locator, row: number, col: number): Promise<Record<string, string>> {
  // The page grew above the maps (verdict rule, banners): bring the map into the viewport before hovering.
  await map.scrollIntoViewIfNeeded();
  const box = await map.locator('rect.capture').boundingBox();
  if (!box) throw new Error('map has no box');
  // The map keeps square pixels, centred in its plot area.
  const cell = Math.min(box.width / 7, box.height / 5);
  const left = box.x + (box.width - 7 * cell) / 2;
  const top = box.y + (box.height - 5 * cell) / 2;
  await page.mouse.move(left + (col + 0.5) * cell, top + (row + 0.5) * cell);
  const inspector = page.getByTestId('inspector');
  await expect(inspector.locator('.index')).toContainText(`[${row}, ${col}]`);
  const entries = await inspector.locator('.entry').evaluateAll((nodes) =>
    nodes.map((node) => [node.querySelector('.name')?.textContent ?? '', node.querySelector('.value')?.textContent ?? '']),
  );
  return Object.fromEntries(entries);
}

test('a PNG shows the numbers the CLI computes for the same file and options', async ({ appPage }) => {
  // What `convgrad check --x rgb.png --grad random` computes: luma, sobel-x, seed padding, the app's default random G (seed 0), float64.
  const { tensor: x } = await decodeFile(new Uint8Array(readFileSync(PNG)), 'rgb.png', { imageMode: 'luma' });
  const cli = runCheck({ x, w: kernelPreset('sobel-x'), conv: DEFAULT_CONV, loss: { kind: 'linear', grad: { kind: 'random', seed: 0 } }, dtype: 'f64' }, { numerical: 'full' });
  const at = (t: Tensor, row: number, col: number) => String(t.data[row * 7 + col]);

  await appPage.getByLabel('Open image file').setInputFiles(PNG);
  await expect(appPage.getByTestId('image-name')).toContainText('rgb.png');
  await expect(appPage.getByTestId('verdict')).toHaveAttribute('data-verdict', 'pass', { timeout: 60_000 });
  for (const [row, col] of [[0, 0], [2, 3], [4, 6], [1, 5]]) {
    const input = await readCell(appPage, appPage.getByTestId('map-x'), row, col);
    expect(input['X'], `X[${row},${col}]`).toBe(at(x, row, col));
    expect(input['dL/dX analytic'], `dL/dX[${row},${col}]`).toBe(at(cli.analytic.dX, row, col));
    expect(input['dL/dX numerical'], `numerical dL/dX[${row},${col}]`).toBe(at(cli.numerical!.dX, row, col));
    const output = await readCell(appPage, appPage.getByTestId('map-y'), row, col);
    expect(Object.entries(output).find(([label]) => label.startsWith('Y'))?.[1], `Y[${row},${col}]`).toBe(at(cli.y, row, col));
  }
});
