import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/problem/errors';
import { readNpy, writeNpy } from '../../../src/formats/npy';

// Files written by numpy itself: scripts/make-npy-samples.py.
const DIR = join(__dirname, '..', '..', 'fixtures', 'npy');

type Expected = { shape: number[]; values: (number | string)[] } | { error: string };
const manifest = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Expected>;

const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, `${name}.npy`)));
const decode = (v: number | string): number =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number);

const readable = Object.entries(manifest).filter(([, e]) => 'shape' in e) as [string, { shape: number[]; values: (number | string)[] }][];
const refused = Object.entries(manifest).filter(([, e]) => 'error' in e) as [string, { error: string }][];

describe('readNpy on files written by numpy', () => {
  it('covers every sample family', () => {
    const names = readable.map(([n]) => n).join(' ');
    for (const family of ['dtype_le_f2', 'dtype_be_u8', 'dtype_b1', 'version_3', 'shape_0d', 'shape_4d', 'fortran_4d']) {
      expect(names).toContain(family);
    }
  });

  it.each(readable)('%s', (name, expected) => {
    const t = readNpy(load(name));
    expect(t.shape).toEqual(expected.shape);
    expect(t.data).toBeInstanceOf(Float64Array);
    // toEqual treats NaN as equal to NaN and distinguishes -0 from 0 via Object.is.
    expect(Array.from(t.data)).toEqual(expected.values.map(decode));
  });

  it.each(refused)('refuses %s', (name, expected) => {
    expect(() => readNpy(load(name))).toThrow(new InputError(expected.error));
  });

  it('rounds int64 beyond 2^53 to the nearest float64', () => {
    const t = readNpy(load('int64_limits'));
    expect(Array.from(t.data)).toEqual([-(2 ** 63), 2 ** 63, 2 ** 53, -(2 ** 53)]);
  });
});

describe('writeNpy', () => {
  const writers = readable.filter(([n]) => n.startsWith('writer_'));

  it.each(writers)('reproduces numpy.save byte for byte: %s', (name) => {
    const bytes = load(name);
    const read = readNpy(bytes);
    const data = name.startsWith('writer_f4') ? Float32Array.from(read.data) : read.data;
    expect(writeNpy({ shape: read.shape, data })).toEqual(bytes);
  });

  it('writes a version 1.0 <f8 header whose data starts at a multiple of 64', () => {
    const bytes = writeNpy({ shape: [2, 3], data: new Float64Array(6) });
    const headerLength = bytes[8] | (bytes[9] << 8);
    const header = String.fromCharCode(...bytes.subarray(10, 10 + headerLength));
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    expect(header).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(2, 3\), \} +\n$/);
    expect((10 + headerLength) % 64).toBe(0);
    expect(bytes.length).toBe(10 + headerLength + 6 * 8);
  });

  it('round-trips float64 and float32 values exactly', () => {
    const f64 = { shape: [2, 2, 2], data: Float64Array.from([0.1, -0, NaN, Infinity, -1e-310, 1e308, 3, -7.5]) };
    const back64 = readNpy(writeNpy(f64));
    expect(back64.shape).toEqual(f64.shape);
    expect(Array.from(back64.data)).toEqual(Array.from(f64.data));

    const f32 = { shape: [4], data: Float32Array.from([0.1, -2.5, 1e-40, 3e38]) };
    const bytes32 = writeNpy(f32);
    expect(String.fromCharCode(...bytes32.subarray(10, 30))).toContain("'<f4'");
    expect(Array.from(readNpy(bytes32).data)).toEqual(Array.from(f32.data));
  });

  it('round-trips a 0-d and an empty array', () => {
    expect(readNpy(writeNpy({ shape: [], data: Float64Array.of(4) }))).toEqual({ shape: [], data: Float64Array.of(4) });
    expect(readNpy(writeNpy({ shape: [0, 5], data: new Float64Array(0) }))).toEqual({ shape: [0, 5], data: new Float64Array(0) });
  });
});

describe('readNpy on corrupt input', () => {
  const good = load('shape_2d');
  const headerLength = good[8] | (good[9] << 8);
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  /** A version 1.0 file with the given header text (unpadded) and data bytes. */
  const withHeader = (header: string, data: number[] = []): Uint8Array =>
    Uint8Array.from([0x93, ...ascii('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8, ...ascii(header), ...data]);

  const cases: [string, Uint8Array, string][] = [
    ['bad magic', Uint8Array.from([0x89, ...good.subarray(1)]), 'not a .npy file (bad magic bytes)'],
    ['an empty file', new Uint8Array(0), 'not a .npy file (bad magic bytes)'],
    ['an unknown version', Uint8Array.from([...good.subarray(0, 6), 4, 0, ...good.subarray(8)]), 'unsupported .npy format version 4.0'],
    ['a truncated header', good.subarray(0, 40), `truncated .npy header: expected ${headerLength} header bytes, found 30`],
    ['truncated data', good.subarray(0, good.length - 3), 'truncated .npy data: shape (2,3) needs 48 bytes, found 45'],
    ['extra data', Uint8Array.from([...good, 0, 0, 0, 0, 0, 0, 0, 0]), '.npy data has 56 bytes, but shape (2,3) needs 48'],
    ['a header that is not a dict', withHeader("['descr', '<f8']\n"), `malformed .npy header: expected '{' at character 0 (near "['descr', '<")`],
    ['a missing shape', withHeader("{'descr': '<f8', 'fortran_order': False}\n"), "malformed .npy header: 'shape' must be a tuple of integers"],
    ['a negative dimension', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}\n"), 'malformed .npy header: unexpected value at character 51 (near ", \'shape\': (-1,)}")'],
    ['a bad fortran_order', withHeader("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}\n", [0, 0, 0, 0, 0, 0, 0, 0]), "malformed .npy header: 'fortran_order' must be True or False"],
    ['an unterminated string', withHeader("{'descr: '<f8'}\n"), `malformed .npy header: expected ':' at character 10 (near "{'descr: '<f8'}")`],
    ['trailing text', withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': ()} x\n", [0, 0, 0, 0, 0, 0, 0, 0]), 'malformed .npy header: unexpected text after the dict at character 54 (near "shape\': ()} x")'],
    ['long double', withHeader("{'descr': '<f16', 'fortran_order': False, 'shape': ()}\n"), "unsupported dtype '<f16'"],
    ['an unknown dtype', withHeader("{'descr': 'float', 'fortran_order': False, 'shape': ()}\n"), "unsupported dtype 'float'"],
  ];

  it.each(cases)('refuses %s', (_what, bytes, message) => {
    expect(() => readNpy(bytes)).toThrow(new InputError(message));
  });

  it('throws InputError, not a generic error', () => {
    expect(() => readNpy(good.subarray(0, 20))).toThrow(InputError);
  });
});
