import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { encodePng, scaleNearest } from '../../../src/export/png';

const RGBA = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 255, 1, 2, 3, 255, 4, 5, 6, 255]); // 3×2

describe('encodePng', () => {
  it('writes one pixel per element with the given colours', () => {
    const png = decode(encodePng(RGBA, 3, 2));
    expect([png.width, png.height, png.channels]).toEqual([3, 2, 4]);
    expect([...png.data]).toEqual([...RGBA]);
  });

  it('magnifies by repeating pixels (nearest), never blending', () => {
    const png = decode(encodePng(RGBA, 3, 2, 4));
    expect([png.width, png.height]).toEqual([12, 8]);
    const pixel = (row: number, col: number) => [...png.data.slice((row * 12 + col) * 4, (row * 12 + col) * 4 + 4)];
    expect(pixel(0, 0)).toEqual([255, 0, 0, 255]);
    expect(pixel(3, 3)).toEqual([255, 0, 0, 255]);
    expect(pixel(3, 4)).toEqual([0, 255, 0, 255]);
    expect(pixel(4, 0)).toEqual([10, 20, 30, 255]);
    expect(pixel(7, 11)).toEqual([4, 5, 6, 255]);
  });

  it('refuses a scale out of range and pixels that do not match the size', () => {
    expect(() => scaleNearest(RGBA, 3, 2, 0)).toThrow(/scale must be an integer from 1 to 16/);
    expect(() => scaleNearest(RGBA, 3, 2, 1.5)).toThrow(/scale/);
    expect(() => encodePng(RGBA, 2, 2)).toThrow(/expected 2×2 RGBA pixels, got 6/);
  });
});
