// Every image format, read through the CLI's file loader, gives exactly PIL's pixels:
// Image.open(f).convert('L') for luma and .convert('RGB') for rgb (scripts/make-image-fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeArrayFile, readArrayFile } from '../../../src/cli/load-array';
import { CliError } from '../../../src/cli/cli-error';
import '../../../src/cli/wasm-node';
import { decodeImage } from '../../../src/formats/image';

const DIR = join(__dirname, '..', '..', 'fixtures', 'images', 'pil');
interface Expected {
  width: number;
  height: number;
  mode: string;
  luma: number[];
  rgb: number[];
}
const fixtures = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  images: Record<string, Expected>;
  refused: Record<string, { convgrad: string }>;
};

/** Levels 0..255 from [0, 1] values; exact because every value is a level / 255. */
const levels = (data: ArrayLike<number>): number[] => Array.from(data, (v) => Math.round(v * 255));
const mismatches = (a: number[], b: number[]): number => a.reduce((n, v, i) => n + (v === b[i] ? 0 : 1), 0);

/** The file as `convgrad check --x` reads and decodes it. */
async function loadArray(path: string, subject: string, imageMode: 'luma' | 'rgb') {
  return decodeArrayFile(await readArrayFile(path, subject), path, subject, imageMode);
}

describe('images read by the CLI equal PIL, pixel for pixel', () => {
  it('covers JPEG (444, 422, 420, progressive, grey, odd size, EXIF), WebP, GIF and BMP', () => {
    const names = Object.keys(fixtures.images);
    for (const ext of ['jpg', 'webp', 'gif', 'bmp']) expect(names.some((n) => n.endsWith(ext))).toBe(true);
    expect(names.length).toBeGreaterThanOrEqual(18);
  });

  it.each(Object.entries(fixtures.images))('%s', async (name, e) => {
    const path = join(DIR, name);
    const luma = await loadArray(path, `--x ${name}`, 'luma');
    const rgb = await loadArray(path, `--x ${name}`, 'rgb');
    expect(luma.shape).toEqual([e.height, e.width]);
    expect(rgb.shape).toEqual([3, e.height, e.width]);
    expect(mismatches(levels(luma.data), e.luma), 'luma pixels differing from PIL').toBe(0);
    expect(mismatches(levels(rgb.data), e.rgb), 'RGB samples differing from PIL').toBe(0);
  });

  it('reports an EXIF orientation without applying it, as PIL does', async () => {
    const img = await decodeImage(new Uint8Array(readFileSync(join(DIR, 'exif_orientation6.jpg'))));
    expect(img.orientation).toBe(6);
    expect([img.width, img.height]).toEqual([48, 40]);
  });

  it.each(Object.entries(fixtures.refused))('refuses %s with a clear message', async (name, r) => {
    const load = loadArray(join(DIR, name), `--x ${name}`, 'luma');
    await expect(load).rejects.toThrow(CliError);
    await expect(load).rejects.toThrow(r.convgrad);
  });
});
