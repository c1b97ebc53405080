import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseSettings, readNpz } from '../../../src/formats/npz';
import { writeNpy } from '../../../src/formats/npy';

/** A 0-d numpy str array, as numpy.savez stores json.dumps(...). */
function npyString(text: string): Uint8Array {
  let header = `{'descr': '<U${text.length}', 'fortran_order': False, 'shape': (), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 4 * text.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint32(10 + header.length + 4 * i, text.charCodeAt(i), true);
  return out;
}

const array = (shape: number[]) => writeNpy({ shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i) });

describe('readNpz', () => {
  it('reads a fixture written as numpy.savez does, with its settings', () => {
    const bundle = readNpz(readFileSync('tests/fixtures/diagnosis/multi-xcorr-explicit/correct.npz'));
    expect(Object.keys(bundle.arrays).sort()).toEqual(['dw', 'dx', 'grad', 'w', 'x']);
    expect(bundle.arrays.x?.shape).toEqual([1, 2, 9, 8]);
    expect(bundle.arrays.w?.shape).toEqual([2, 2, 3, 3]);
    expect(bundle.settings).toEqual({ op: 'xcorr', padding: [1, 0, 2, 0], stride: [1, 1], dilation: [1, 1] });
  });

  it("takes PyTorch's key names and says which key held what", () => {
    const bytes = zipSync({ 'input.npy': array([1, 1, 4, 4]), 'weight.npy': array([1, 1, 2, 2]), 'grad_output.npy': array([1, 1, 3, 3]), 'x_grad.npy': array([1, 1, 4, 4]), 'y.npy': array([1]) });
    const bundle = readNpz(bytes);
    expect(bundle.keys).toEqual({ x: 'input', w: 'weight', grad: 'grad_output', dx: 'x_grad' });
    expect(bundle.settings).toEqual({});
  });

  it('refuses unknown keys, two keys for one slot, non-zip bytes and empty archives in one line', () => {
    expect(() => readNpz(zipSync({ 'x.npy': array([2]), 'foo.npy': array([2]) }))).toThrow(/unknown key 'foo'/);
    expect(() => readNpz(zipSync({ 'x.npy': array([2]), 'input.npy': array([2]) }))).toThrow(/both hold x/);
    expect(() => readNpz(new Uint8Array([1, 2, 3]))).toThrow(/not a \.npz file/);
    expect(() => readNpz(zipSync({ 'settings.npy': npyString('{}') }))).toThrow(/holds no arrays/);
    expect(() => readNpz(zipSync({ 'x.npy': new Uint8Array(5) }))).toThrow(/key 'x': /);
  });

  it('reads settings from a numpy str entry', () => {
    const bytes = zipSync({ 'x.npy': array([3, 3]), 'settings.npy': npyString('{"padding": 1, "stride": 2, "dilation": [1, 2]}') });
    expect(readNpz(bytes).settings).toEqual({ padding: [1, 1, 1, 1], stride: [2, 2], dilation: [1, 2] });
  });
});

describe('parseSettings', () => {
  it("takes PyTorch's padding forms and ConvGrad's", () => {
    expect(parseSettings('{"padding": [1, 2]}').padding).toEqual([1, 1, 2, 2]);
    expect(parseSettings('{"padding": "same", "op": "xcorr", "padding_mode": "reflect"}')).toEqual({ padding: 'same', op: 'xcorr', paddingMode: 'reflect' });
  });

  it('refuses what it does not know', () => {
    expect(() => parseSettings('{"groups": 2}')).toThrow(/unknown field 'groups'/);
    expect(() => parseSettings('{"stride": 0}')).toThrow(/stride must be an integer >= 1/);
    expect(() => parseSettings('{"op": "corr"}')).toThrow(/op must be/);
    expect(() => parseSettings('[1]')).toThrow(/JSON object/);
    expect(() => parseSettings('nope')).toThrow(/not JSON/);
  });
});
