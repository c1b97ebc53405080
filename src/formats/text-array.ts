// Arrays typed or pasted as text: JSON nested arrays (rank 1 to 4), or CSV / TSV /
// whitespace-separated numbers, one row per line (a 2-D array). The shape is known (and checked
// against the budget) before the values are stored; nothing recurses on the input's nesting.

import { csvParseRows, tsvParseRows } from 'd3-dsv';
import { checkedProduct, checkElements, DEFAULT_BUDGET, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { DECIMAL } from '../core/problem/ranges';
import { formatShape } from '../core/problem/tensor';
import type { Tensor } from '../core/problem/types';
import { quote } from './quote';

const MAX_RANK = 4;
/** numpy.savetxt writes non-finite values as nan, inf and -inf. */
const NON_FINITE: Record<string, number> = {
  nan: NaN, '+nan': NaN, '-nan': NaN,
  inf: Infinity, '+inf': Infinity, '-inf': -Infinity,
  infinity: Infinity, '+infinity': Infinity, '-infinity': -Infinity,
};

export function parseTextArray(text: string, budget: Budget = DEFAULT_BUDGET): Tensor {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError('empty input: expected numbers');
  return trimmed.startsWith('[') ? parseJsonArray(trimmed, budget) : parseDelimited(text, budget);
}

/** What a JSON value is, in a few words and without walking into it (it may be nested 100,000 deep). */
function describeJson(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  return String(v);
}

function parseJsonArray(text: string, budget: Budget): Tensor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const where = /position (\d+)/.exec((error as Error).message);
    throw new InputError(`not valid JSON${where ? ` (at character ${where[1]})` : ''}`);
  }
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) {
    if (v.length === 0) throw new InputError(`empty array at depth ${shape.length + 1}`);
    if (shape.length === MAX_RANK) throw new InputError(`arrays nested ${MAX_RANK + 1} or more deep; at most ${MAX_RANK} dimensions are supported`);
    shape.push(v.length);
  }
  checkElements(checkedProduct(shape), `the array ${formatShape(shape)}`, budget);

  const data = new Float64Array(checkedProduct(shape));
  // An explicit stack of (array, depth, next item) instead of recursion.
  const arrays: unknown[][] = [value as unknown[]];
  const index: number[] = [0];
  let next = 0;
  const where = (): string => `element [${index.join(',')}]`;
  while (arrays.length > 0) {
    const depth = arrays.length - 1;
    const array = arrays[depth];
    const i = index[depth];
    if (i === array.length) {
      arrays.pop();
      index.pop();
      if (index.length > 0) index[index.length - 1]++;
      continue;
    }
    const v = array[i];
    if (depth + 1 === shape.length) {
      if (typeof v !== 'number') throw new InputError(`${where()} is ${describeJson(v)}, not a number`);
      if (!Number.isFinite(v)) throw new InputError(`${where()} is beyond the float64 range (about ±1.8e308)`);
      data[next++] = v;
      index[depth]++;
      continue;
    }
    if (!Array.isArray(v)) throw new InputError(`${where()} is ${describeJson(v)}, expected an array of ${shape[depth + 1]}`);
    if (v.length !== shape[depth + 1]) throw new InputError(`ragged array: ${where()} has ${v.length} items, expected ${shape[depth + 1]}`);
    arrays.push(v);
    index.push(0);
  }
  return { shape, data };
}

/** One row per non-blank line; lines starting with '#' are comments, as numpy.savetxt writes its header. */
function parseDelimited(text: string, budget: Budget): Tensor {
  const lines = text.split(/\r\n|\r|\n/);
  const first = lines.find((line) => isDataLine(line)) ?? '';
  const split = first.includes('\t')
    ? (line: string) => tsvParseRows(line)[0]
    : first.includes(',')
      ? (line: string) => csvParseRows(line)[0]
      : (line: string) => line.trim().split(/\s+/);

  let rows = 0;
  for (const line of lines) if (isDataLine(line)) rows++;
  if (rows === 0) throw new InputError('no numbers: only comments and blank lines');
  const cols = split(first).length;
  checkElements(checkedProduct([rows, cols]), `the table (${rows} rows x ${cols} columns)`, budget);

  const data = new Float64Array(rows * cols);
  let row = 0;
  lines.forEach((line, i) => {
    if (!isDataLine(line)) return;
    const cells = split(line);
    if (cells.length !== cols) throw new InputError(`row ${i + 1} has ${cells.length} values, expected ${cols}`);
    cells.forEach((cell, j) => (data[row * cols + j] = parseCell(cell, i + 1, j + 1, row === 0)));
    row++;
  });
  return { shape: [rows, cols], data };
}

function isDataLine(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

function parseCell(cell: string, row: number, column: number, firstRow: boolean): number {
  const t = cell.trim();
  if (DECIMAL.test(t)) {
    const value = Number(t);
    if (!Number.isFinite(value)) throw new InputError(`row ${row}, column ${column}: ${quote(t)} is beyond the float64 range (about ±1.8e308)`);
    return value;
  }
  const special = NON_FINITE[t.toLowerCase()];
  if (special !== undefined) return special;
  const what = t === '' ? 'empty cell' : `${quote(t)} is not a number`;
  const hint = firstRow ? ' (a header row is not accepted: numbers only)' : '';
  throw new InputError(`row ${row}, column ${column}: ${what}${hint}`);
}
