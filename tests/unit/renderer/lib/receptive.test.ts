// The hover outlines must agree with what the convolution actually does. The oracle is the
// core itself: with an all-ones kernel, an input delta makes exactly the outputs that read it
// non-zero, and a one-hot upstream gradient makes exactly the taps of that output non-zero in dL/dX.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { resolveGeometry } from '../../../../src/core/problem/geometry';
import type { ConvOptions, PaddingMode, PaddingSize } from '../../../../src/core/problem/types';
import { fieldOf, outputsReading, reachTables, type Cell } from '../../../../src/renderer/lib/receptive';

const H = 7;
const W = 6;

function conv(padding: PaddingSize, paddingMode: PaddingMode, stride: [number, number], dilation: [number, number]): ConvOptions {
  return { op: 'conv', padding, paddingMode, stride, dilation };
}

const CASES: { name: string; conv: ConvOptions; k: number; l: number }[] = [
  { name: 'seed padding, 3x3', conv: conv('seed', 'zeros', [1, 1], [1, 1]), k: 3, l: 3 },
  { name: 'valid, stride 2, 3x2', conv: conv('valid', 'zeros', [2, 2], [1, 1]), k: 3, l: 2 },
  { name: 'full, dilation 2', conv: conv('full', 'zeros', [1, 1], [2, 2]), k: 2, l: 3 },
  { name: 'explicit, stride 2 x 3, dilation 2 x 1', conv: conv([2, 1, 0, 3], 'zeros', [2, 3], [2, 1]), k: 2, l: 2 },
  { name: 'reflect padding', conv: conv([2, 2, 1, 2], 'reflect', [1, 2], [1, 1]), k: 3, l: 3 },
  { name: 'circular padding, stride 2', conv: conv('full', 'circular', [2, 1], [1, 1]), k: 3, l: 2 },
  { name: 'replicate padding, dilation 2', conv: conv('same', 'replicate', [1, 1], [2, 1]), k: 2, l: 3 },
];

const ones = (n: number) => new Float64Array(n).fill(1);
const key = (c: Cell) => `${c.row},${c.col}`;

function nonzeroCells(data: ArrayLike<number>, width: number): string[] {
  const cells: string[] = [];
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) cells.push(key({ row: Math.floor(i / width), col: i % width }));
  return cells.sort();
}

describe('hover geometry agrees with the convolution', () => {
  for (const c of CASES) {
    it(`outputs reading each input pixel: ${c.name}`, () => {
      const geometry = resolveGeometry(H, W, c.k, c.l, c.conv);
      const tables = reachTables(geometry);
      for (let r = 0; r < H; r++) {
        for (let col = 0; col < W; col++) {
          const x = new Float64Array(H * W);
          x[r * W + col] = 1;
          const { y } = analyze({
            x: { shape: [H, W], data: x },
            w: { shape: [c.k, c.l], data: ones(c.k * c.l) },
            conv: c.conv,
            loss: { kind: 'linear', grad: { kind: 'ones' } },
            dtype: 'f64',
          });
          const expected = nonzeroCells(y.data, y.shape[1]);
          expect(outputsReading(tables, r, col).map(key).sort(), `input (${r},${col})`).toEqual(expected);
        }
      }
    });

    it(`taps of each output: ${c.name}`, () => {
      const geometry = resolveGeometry(H, W, c.k, c.l, c.conv);
      const ho = geometry.rows.out;
      const wo = geometry.cols.out;
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++) {
          const g = new Float64Array(ho * wo);
          g[i * wo + j] = 1;
          const { dX } = analyze({
            x: { shape: [H, W], data: ones(H * W) },
            w: { shape: [c.k, c.l], data: ones(c.k * c.l) },
            conv: c.conv,
            loss: { kind: 'linear', grad: { kind: 'array', value: { shape: [ho, wo], data: g } } },
            dtype: 'f64',
          });
          const taps = [...new Set(fieldOf(geometry, i, j).taps.map(key))].sort();
          expect(taps, `output (${i},${j})`).toEqual(nonzeroCells(dX.data, W));
        }
      }
    });
  }

  it('the window spans the dilated kernel and starts in the padding', () => {
    const geometry = resolveGeometry(H, W, 3, 2, conv([2, 0, 1, 0], 'zeros', [1, 1], [2, 3]));
    const { window } = fieldOf(geometry, 0, 0);
    expect(window).toEqual({ top: -2, left: -1, bottom: -2 + 5, right: -1 + 4 });
  });
});
