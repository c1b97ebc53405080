import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/problem/errors';
import { parseTextArray } from '../../../src/formats/text-array';

const parsed = (text: string): { shape: number[]; values: number[] } => {
  const t = parseTextArray(text);
  return { shape: [...t.shape], values: Array.from(t.data) };
};

describe('parseTextArray: JSON', () => {
  it.each([
    ['[1, 2.5, -3e-2]', [3], [1, 2.5, -0.03]],
    ['[[1,2,3],[4,5,6]]', [2, 3], [1, 2, 3, 4, 5, 6]],
    ['[[[1],[2]],[[3],[4]],[[5],[6]]]', [3, 2, 1], [1, 2, 3, 4, 5, 6]],
    ['\n [[[[1,2]]],[[[3,4]]]] \n', [2, 1, 1, 2], [1, 2, 3, 4]],
  ])('%s', (text, shape, values) => {
    expect(parsed(text)).toEqual({ shape, values });
  });

  it('returns float64 data', () => {
    expect(parseTextArray('[[1]]').data).toBeInstanceOf(Float64Array);
  });

  it.each([
    ['[[1,2],[3]]', 'ragged array: element [1] has 1 items, expected 2'],
    ['[[1,2],3]', 'element [1] is 3, expected an array of 2'],
    ['[[1,"a"]]', "element [0,1] is the string 'a', not a number"],
    ['[[1,null]]', 'element [0,1] is null, not a number'],
    ['[[1],[[2]]]', 'element [1,0] is an array of 1, not a number'],
    ['[[1],[{"a":1}]]', 'element [1,0] is an object, not a number'],
    ['[[1,1e400]]', 'element [0,1] is beyond the float64 range (about ±1.8e308)'],
    ['[]', 'empty array at depth 1'],
    ['[[]]', 'empty array at depth 2'],
    ['[[[[[1]]]]]', 'arrays nested 5 or more deep; at most 4 dimensions are supported'],
  ])('refuses %s', (text, message) => {
    expect(() => parseTextArray(text)).toThrow(new InputError(message));
  });

  it('refuses invalid JSON, saying where', () => {
    expect(() => parseTextArray('[[1,2],[3,4]')).toThrow('not valid JSON (at character 12)');
    expect(() => parseTextArray('[[1,2],[3,4]')).toThrow(InputError);
  });
});

describe('parseTextArray: delimited text', () => {
  it.each([
    ['comma separated', '1,2,3\n4,5,6\n', [2, 3], [1, 2, 3, 4, 5, 6]],
    ['comma and spaces, CRLF', '1, 2\r\n3 ,4\r\n', [2, 2], [1, 2, 3, 4]],
    ['quoted CSV cells', '"1","2"\n"3","4"', [2, 2], [1, 2, 3, 4]],
    ['tab separated', '1\t2\t3\n4\t5\t6', [2, 3], [1, 2, 3, 4, 5, 6]],
    ['whitespace separated', '  1   2\n\t3 4  \n', [2, 2], [1, 2, 3, 4]],
    ['one column', '1\n2\n3\n', [3, 1], [1, 2, 3]],
    ['one row', '1 2 3', [1, 3], [1, 2, 3]],
    ['float syntax', '1e-3 -2.5E+2 .5 5. +7 -0', [1, 6], [0.001, -250, 0.5, 5, 7, -0]],
    ['numpy.savetxt output with header and blank lines', '# x y\n1.000000000000000000e+00 nan\n\ninf -inf\n', [2, 2], [1, NaN, Infinity, -Infinity]],
  ])('%s', (_what, text, shape, values) => {
    expect(parsed(text)).toEqual({ shape, values });
  });

  it.each([
    ['ragged rows', '1,2,3,4,5\n1,2,3,4,5\n1,2,3,4\n', 'row 3 has 4 values, expected 5'],
    ['ragged whitespace rows', '1 2\n3 4 5', 'row 2 has 3 values, expected 2'],
    ['a non-numeric cell', '1,2,3\n4,5,abc\n', "row 2, column 3: 'abc' is not a number"],
    ['an empty cell', '1,2\n3,\n', 'row 2, column 2: empty cell'],
    ['a header row', 'a,b\n1,2\n', "row 1, column 1: 'a' is not a number (a header row is not accepted: numbers only)"],
    ['hexadecimal', '0x10 1', "row 1, column 1: '0x10' is not a number (a header row is not accepted: numbers only)"],
    ['digit separators', '1 2\n1_000 3', "row 2, column 1: '1_000' is not a number"],
    ['a value beyond float64', '1 2\n1e400 3', "row 2, column 1: '1e400' is beyond the float64 range (about ±1.8e308)"],
    ['empty input', ' \n\n', 'empty input: expected numbers'],
    ['only comments', '# nothing\n\n# more\n', 'no numbers: only comments and blank lines'],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseTextArray(text)).toThrow(new InputError(message));
  });

  it('numbers rows by line, counting blank and comment lines', () => {
    expect(() => parseTextArray('# header\n1 2\n\n3 x\n')).toThrow(new InputError("row 4, column 2: 'x' is not a number"));
  });
});
