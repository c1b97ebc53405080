import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/problem/errors';
import '../../../src/cli/wasm-node';
import { decodeImage, imageToTensor } from '../../../src/formats/image';

// Images and PIL's reading of them: scripts/make-image-samples.py.
const DIR = join(__dirname, '..', '..', 'fixtures', 'images');
const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'samples');

interface ExpectedImage {
  channels: number;
  bitDepth: number;
  width: number;
  height: number;
  max: number;
  luma: number[];
  rgb: number[];
}
interface ExpectedSample {
  width: number;
  height: number;
  channels: number;
  luma_sum: number;
  rgb_sum: number[];
  pixels: { at: [number, number]; luma: number; rgb: number[] }[];
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as {
  images: Record<string, ExpectedImage>;
  samples: Record<string, ExpectedSample>;
};

const load = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
};

describe('decodeImage and imageToTensor against PIL', () => {
  const images = Object.entries(expected.images);

  it('covers gray, gray+alpha, 1/2/16-bit, RGB, RGBA, palette and JPEG', () => {
    expect(images.map(([n]) => n).sort()).toEqual(
      ['gray.jpg', 'gray.png', 'gray16.png', 'gray_1bit.png', 'gray_2bit.png', 'gray_alpha.png', 'palette.png',
        'palette_transparency.png', 'rgb.jpg', 'rgb.png', 'rgb16.png', 'rgba.png'],
    );
  });

  it.each(images)('%s', async (name, e) => {
    const img = await decodeImage(load(join(DIR, name)));
    expect({ width: img.width, height: img.height, channels: img.channels, bitDepth: img.bitDepth }).toEqual({
      width: e.width, height: e.height, channels: e.channels, bitDepth: e.bitDepth,
    });

    const luma = imageToTensor(img, 'luma');
    const rgb = imageToTensor(img, 'rgb');
    expect(luma.shape).toEqual([e.height, e.width]);
    expect(rgb.shape).toEqual([3, e.height, e.width]);
    const lumaRef = e.luma.map((v) => v / e.max);
    const rgbRef = e.rgb.map((v) => v / e.max);
    // JPEGs too: the decoder is libjpeg-turbo's, as in PIL.
    expect(maxDiff(luma.data, lumaRef)).toBe(0);
    expect(maxDiff(rgb.data, rgbRef)).toBe(0);

    const plane = e.width * e.height;
    ['r', 'g', 'b'].forEach((mode, c) => {
      const channel = imageToTensor(img, mode as 'r' | 'g' | 'b');
      expect(channel.shape).toEqual([e.height, e.width]);
      expect(Array.from(channel.data)).toEqual(Array.from(rgb.data.subarray(c * plane, (c + 1) * plane)));
    });
  });

  it('matches PNG luma exactly, not just closely', async () => {
    const e = expected.images['rgb.png'];
    const luma = imageToTensor(await decodeImage(load(join(DIR, 'rgb.png'))), 'luma');
    expect(Array.from(luma.data)).toEqual(e.luma.map((v) => v / 255));
  });
});

describe('the shipped sample images against PIL', () => {
  it.each(Object.entries(expected.samples))('%s', async (name, e) => {
    const img = await decodeImage(load(join(SAMPLES, name)));
    expect([img.width, img.height, img.channels]).toEqual([e.width, e.height, e.channels]);
    const luma = imageToTensor(img, 'luma');
    const rgb = imageToTensor(img, 'rgb');
    const sum = (a: Float64Array): number => Math.round(a.reduce((s, v) => s + v * 255, 0));
    expect(sum(luma.data as Float64Array)).toBe(e.luma_sum);
    const plane = e.width * e.height;
    expect([0, 1, 2].map((c) => sum((rgb.data as Float64Array).subarray(c * plane, (c + 1) * plane)))).toEqual(e.rgb_sum);
    for (const p of e.pixels) {
      const at = p.at[0] * e.width + p.at[1];
      expect(luma.data[at] * 255).toBeCloseTo(p.luma, 9);
      expect([0, 1, 2].map((c) => Math.round(rgb.data[c * plane + at] * 255))).toEqual(p.rgb);
    }
  });
});

describe('luma', () => {
  it('uses PIL rounding: (19595 R + 38470 G + 7471 B + 32768) >> 16', () => {
    // Colours where rounding the decimal weights gives 29, 22, 18 instead (found by comparing with PIL).
    const colours = [0, 0, 250, 0, 4, 168, 0, 22, 49, 255, 255, 255];
    const img = { width: 4, height: 1, channels: 3 as const, bitDepth: 8 as const, data: Uint8Array.from(colours) };
    expect(Array.from(imageToTensor(img, 'luma').data, (v) => v * 255)).toEqual([28, 21, 19, 255]);
  });

  it('ignores alpha and returns the gray value of gray images', () => {
    const la = { width: 2, height: 1, channels: 2 as const, bitDepth: 8 as const, data: Uint8Array.from([51, 0, 102, 255]) };
    expect(Array.from(imageToTensor(la, 'luma').data)).toEqual([0.2, 0.4]);
    expect(Array.from(imageToTensor(la, 'rgb').data)).toEqual([0.2, 0.4, 0.2, 0.4, 0.2, 0.4]);
  });
});

describe('decodeImage on bad input', () => {
  const png = load(join(DIR, 'rgb.png'));
  it.each([
    ['text', new TextEncoder().encode('hello'), 'not a PNG, JPEG, WebP, GIF or BMP image (its first bytes match none of them)'],
    ['an empty file', new Uint8Array(0), 'not a PNG, JPEG, WebP, GIF or BMP image (its first bytes match none of them)'],
    ['a truncated GIF', new TextEncoder().encode('GIF89a....'), 'truncated GIF: the file ends inside its header'],
  ])('refuses %s', async (_what, bytes, message) => {
    await expect(decodeImage(bytes)).rejects.toThrow(new InputError(message));
  });

  it('refuses a truncated PNG', async () => {
    await expect(decodeImage(png.subarray(0, 60))).rejects.toThrow(/^truncated PNG: /);
    await expect(decodeImage(png.subarray(0, 60))).rejects.toThrow(InputError);
  });

  it('refuses a PNG with corrupt compressed data, from its CRC', async () => {
    const bytes = png.slice();
    const idat = String.fromCharCode(...bytes).indexOf('IDAT');
    bytes.fill(0xff, idat + 4, idat + 14);
    await expect(decodeImage(bytes)).rejects.toThrow(new InputError('broken PNG: CRC mismatch in chunk IDAT'));
  });

  it('refuses a truncated JPEG', async () => {
    const jpg = load(join(DIR, 'rgb.jpg'));
    await expect(decodeImage(jpg.subarray(0, 30))).rejects.toThrow(/^corrupt JPEG: /);
    await expect(decodeImage(jpg.subarray(0, Math.floor(jpg.length * 0.8)))).rejects.toThrow(/JPEG: /);
  });

  it('decodes what fast-png encodes (16-bit RGBA round trip)', async () => {
    const data = Uint16Array.from([0, 65535, 1000, 7, 65535, 0, 0, 65535]);
    const img = await decodeImage(encodePng({ width: 2, height: 1, data, depth: 16, channels: 4 }));
    expect([img.channels, img.bitDepth]).toEqual([4, 16]);
    expect(Array.from(img.data)).toEqual(Array.from(data));
    expect(Array.from(imageToTensor(img, 'g').data)).toEqual([65535 / 65535, 0]);
  });
});
