// Arrays typed or pasted as text: JSON nested arrays (rank 1 to 4), or CSV / TSV /
// whitespace-separated numbers, one row per line (a 2-D array).

import { csvParseRows, tsvParseRows } from 'd3-dsv';
import { InputError } from '../core/problem/errors';
import type { Tensor } from '../core/problem/types';

const MAX_RANK = 4;
/** Decimal numbers as JSON and numpy.savetxt write them (no hex, no digit separators). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** numpy.savetxt writes non-finite values as nan, inf and -inf. */
const NON_FINITE: Record<string, number> = {
  nan: NaN, '+nan': NaN, '-nan': NaN,
  inf: Infinity, '+inf': Infinity, '-inf': -Infinity,
  infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity,
};

export function parseTextArray(text: string): Tensor {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError('empty input: expected numbers');
  return trimmed.startsWith('[') ? parseJsonArray(trimmed) : parseDelimited(text);
}

function parseJsonArray(text: string): Tensor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`);
  }
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    if (v.length === 0) throw new InputError(`empty array at depth ${shape.length + 1}`);
    shape.push(v.length);
  }
  if (shape.length > MAX_RANK) throw new InputError(`arrays nested ${shape.length} deep; at most ${MAX_RANK} dimensions are supported`);

  const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let next = 0;
  const visit = (v: unknown, index: number[]): void => {
    const depth = index.length;
    if (depth === shape.length) {
      if (typeof v !== 'number') throw new InputError(`element [${index.join(',')}] is ${JSON.stringify(v)}, not a number`);
      data[next++] = v;
      return;
    }
    if (!Array.isArray(v)) throw new InputError(`element [${index.join(',')}] is ${JSON.stringify(v)}, expected an array of ${shape[depth]}`);
    if (v.length !== shape[depth]) {
      throw new InputError(`ragged array: element [${index.join(',')}] has ${v.length} items, expected ${shape[depth]}`);
    }
    v.forEach((item, i) => visit(item, [...index, i]));
  };
  visit(value, []);
  return { shape, data };
}

/** One row per non-blank line; lines starting with '#' are comments, as numpy.savetxt writes its header. */
function parseDelimited(text: string): Tensor {
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.find((line) => isDataLine(line)) ?? '';
  const split = first.includes('\t')
    ? (line: string) => tsvParseRows(line)[0]
    : first.includes(',')
      ? (line: string) => csvParseRows(line)[0]
      : (line: string) => line.trim().split(/\s+/);

  const values: number[] = [];
  let cols = -1;
  let rows = 0;
  lines.forEach((line, i) => {
    if (!isDataLine(line)) return;
    const cells = split(line);
    if (cols < 0) cols = cells.length;
    else if (cells.length !== cols) throw new InputError(`row ${i + 1} has ${cells.length} values, expected ${cols}`);
    cells.forEach((cell, j) => values.push(parseCell(cell, i + 1, j + 1, rows === 0)));
    rows++;
  });
  if (rows === 0) throw new InputError('no numbers: only comments and blank lines');
  return { shape: [rows, cols], data: Float64Array.from(values) };
}

function isDataLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

function parseCell(cell: string, row: number, column: number, firstRow: boolean): number {
  const t = cell.trim();
  if (DECIMAL.test(t)) return Number(t);
  const special = NON_FINITE[t.toLowerCase()];
  if (special !== undefined) return special;
  const what = t === '' ? 'empty cell' : `'${t}' is not a number`;
  const hint = firstRow ? ' (a header row is not accepted: numbers only)' : '';
  throw new InputError(`row ${row}, column ${column}: ${what}${hint}`);
}
