// One decoder dispatch for the CLI and the app's worker.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/problem/errors';
import { decodeFile } from '../../../src/formats/decode-file';
import { extensionOf, isArrayFile } from '../../../src/formats/file-kinds';
import { writeNpy } from '../../../src/formats/npy';

const text = (s: string) => new TextEncoder().encode(s);

describe('decodeFile', () => {
  const luma = { imageMode: 'luma' } as const;
  const read = async (bytes: Uint8Array, name: string) => (await decodeFile(bytes, name, luma)).tensor;

  it('reads each kind by its extension', async () => {
    const npy = writeNpy({ shape: [1, 2], data: Float64Array.from([3, 4]) });
    expect(Array.from((await read(npy, 'a.NPY')).data)).toEqual([3, 4]);
    expect((await read(text('1,2\n3,4\n'), 'a.csv')).shape).toEqual([2, 2]);
    expect((await read(text('1\t2\n'), 'a.tsv')).shape).toEqual([1, 2]);
    expect((await read(text('[[1],[2]]'), 'a.json')).shape).toEqual([2, 1]);
  });

  it('refuses other extensions, non-UTF-8 text and binary data named as text with one line', async () => {
    await expect(read(text('x'), 'a.xlsx')).rejects.toThrow(/unsupported file type '\.xlsx' \(expected \.npy, \.csv/);
    await expect(read(text('x'), 'dir.v2/noext')).rejects.toThrow(/unsupported file type '\(none\)'/);
    await expect(read(Uint8Array.from([0xff, 0xfe, 0x31]), 'a.csv')).rejects.toThrow(InputError);
    await expect(read(Uint8Array.from([0xff, 0xfe, 0x31]), 'a.csv')).rejects.toThrow('not a UTF-8 text file');
    await expect(read(new Uint8Array(100), 'a.csv')).rejects.toThrow('not a text file (it contains NUL bytes)');
    await expect(read(new Uint8Array(0), 'a.csv')).rejects.toThrow('empty file');
  });

  it('takes the extension from the file name, not from a directory', () => {
    expect(extensionOf('data.d/x')).toBe('');
    expect(extensionOf('C:\\data.d\\x.Json')).toBe('json');
    expect(isArrayFile('x.npy')).toBe(true);
    expect(isArrayFile('x.png')).toBe(false);
  });
});
