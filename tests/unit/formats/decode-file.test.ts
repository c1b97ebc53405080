// One decoder dispatch for the CLI and the app's worker.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/problem/errors';
import { decodeFile } from '../../../src/formats/decode-file';
import { extensionOf, isArrayFile } from '../../../src/formats/file-kinds';
import { writeNpy } from '../../../src/formats/npy';

const text = (s: string) => new TextEncoder().encode(s);

describe('decodeFile', () => {
  it('reads each kind by its extension', () => {
    const npy = writeNpy({ shape: [1, 2], data: Float64Array.from([3, 4]) });
    expect(Array.from(decodeFile(npy, 'a.NPY', 'luma').data)).toEqual([3, 4]);
    expect(decodeFile(text('1,2\n3,4\n'), 'a.csv', 'luma').shape).toEqual([2, 2]);
    expect(decodeFile(text('1\t2\n'), 'a.tsv', 'luma').shape).toEqual([1, 2]);
    expect(decodeFile(text('[[1],[2]]'), 'a.json', 'luma').shape).toEqual([2, 1]);
  });

  it('refuses other extensions and non-UTF-8 text with one line', () => {
    expect(() => decodeFile(text('x'), 'a.xlsx', 'luma')).toThrow(/unsupported file type '\.xlsx' \(expected \.npy, \.csv/);
    expect(() => decodeFile(text('x'), 'dir.v2/noext', 'luma')).toThrow(/unsupported file type '\(none\)'/);
    expect(() => decodeFile(Uint8Array.from([0xff, 0xfe, 0x31]), 'a.csv', 'luma')).toThrow(InputError);
    expect(() => decodeFile(Uint8Array.from([0xff, 0xfe, 0x31]), 'a.csv', 'luma')).toThrow('not a UTF-8 text file');
  });

  it('takes the extension from the file name, not from a directory', () => {
    expect(extensionOf('data.d/x')).toBe('');
    expect(extensionOf('C:\\data.d\\x.Json')).toBe('json');
    expect(isArrayFile('x.npy')).toBe(true);
    expect(isArrayFile('x.png')).toBe(false);
  });
});
