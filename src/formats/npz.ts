// A whole problem in one numpy .npz (numpy.savez / savez_compressed): the inputs, the upstream
// gradient, the gradients under test and optionally the convolution settings, under the key names
// PyTorch users write (docs/FORMATS.md). Each array is a .npy entry read by npy.ts.
import { unzipSync } from 'fflate';
import { InputError } from '../core/problem/errors';
import type { ConvOptions, PaddingMode, PaddingSize, Tensor } from '../core/problem/types';
import { extensionOf } from './file-kinds';
import { readNpy } from './npy';
import { PADDING_MODES } from '../core/problem/options';

/** Where each array goes, with the key names accepted for it (the first is ConvGrad's). */
export const NPZ_KEYS = {
  x: ['x', 'input'],
  w: ['w', 'weight'],
  bias: ['b', 'bias'],
  grad: ['grad', 'dy', 'grad_output'],
  target: ['target'],
  dx: ['dx', 'x_grad', 'grad_input'],
  dw: ['dw', 'w_grad', 'grad_weight'],
  db: ['db', 'b_grad', 'grad_bias'],
} as const;

export type NpzSlot = keyof typeof NPZ_KEYS;

/** Keys that are read but not used: ConvGrad computes Y itself. */
const IGNORED_KEYS = ['y', 'output'];
const SETTINGS_KEY = 'settings';

/** The settings a .npz may carry, as given (unset fields keep the app's or the command line's). */
export type NpzSettings = Partial<Pick<ConvOptions, 'op' | 'padding' | 'paddingMode' | 'stride' | 'dilation'>>;

export interface NpzBundle {
  readonly arrays: Partial<Record<NpzSlot, Tensor>>;
  readonly settings: NpzSettings;
  /** The key each array was found under, e.g. { x: 'input' }, for messages and titles. */
  readonly keys: Partial<Record<NpzSlot, string>>;
}

/** Uncompressed bytes a .npz may hold in all (a bomb is refused before it is inflated). */
export const NPZ_MAX_BYTES = 2 ** 31;

export function isNpzFile(fileName: string): boolean {
  return extensionOf(fileName) === 'npz';
}

const SLOT_OF: ReadonlyMap<string, NpzSlot> = new Map(
  (Object.entries(NPZ_KEYS) as [NpzSlot, readonly string[]][]).flatMap(([slot, names]) => names.map((n) => [n, slot] as const)),
);

function entries(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > NPZ_MAX_BYTES) throw new InputError(`holds more than ${NPZ_MAX_BYTES / 2 ** 30} GiB uncompressed`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('not a .npz file (not a readable zip archive)');
  }
}

/** Reads a .npz: every entry must be a known key (docs/FORMATS.md); throws a one-line InputError. */
export function readNpz(bytes: Uint8Array): NpzBundle {
  const arrays: Partial<Record<NpzSlot, Tensor>> = {};
  const keys: Partial<Record<NpzSlot, string>> = {};
  let settings: NpzSettings = {};
  for (const [file, data] of Object.entries(entries(bytes))) {
    const key = file.replace(/\.npy$/, '');
    if (key === SETTINGS_KEY) {
      settings = parseSettings(npyText(data));
      continue;
    }
    if (IGNORED_KEYS.includes(key)) continue;
    const slot = SLOT_OF.get(key);
    if (!slot) throw new InputError(`unknown key '${key}' (expected ${[...SLOT_OF.keys(), SETTINGS_KEY].join(', ')})`);
    if (keys[slot]) throw new InputError(`keys '${keys[slot]}' and '${key}' both hold ${slot}`);
    try {
      arrays[slot] = readNpy(data);
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`key '${key}': ${error.message}`);
      throw error;
    }
    keys[slot] = key;
  }
  if (Object.keys(arrays).length === 0) throw new InputError('holds no arrays (expected x, w, grad, dx, dw, …)');
  return { arrays, settings, keys };
}

/** The text of a string .npy entry (numpy stores str as UTF-32 '<U', bytes as 'S'/'|S'). */
function npyText(data: Uint8Array): string {
  const fail = (why: string): never => {
    throw new InputError(`key 'settings': ${why} (save it as json.dumps({...}))`);
  };
  if (data.length < 10 || data[0] !== 0x93) fail('not a .npy entry');
  const major = data[6];
  const lengthBytes = major === 1 ? 2 : 4;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = lengthBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lengthBytes + headerLength;
  const header = String.fromCharCode(...data.subarray(8 + lengthBytes, Math.min(start, data.length)));
  const descr = /'descr':\s*'([<>|=]?)([US])(\d+)'/.exec(header);
  if (!descr || !/'shape':\s*\(\s*(1,?\s*)?\)/.test(header)) return fail('not a single string');
  const body = data.subarray(start);
  if (descr[2] === 'S') return String.fromCharCode(...body).replace(/\0+$/, '');
  const littleEndian = descr[1] !== '>';
  let text = '';
  for (let i = 0; i + 4 <= body.length; i += 4) {
    const code = new DataView(body.buffer, body.byteOffset + i, 4).getUint32(0, littleEndian);
    if (code === 0) break;
    text += String.fromCodePoint(code);
  }
  return text;
}

const PADDING_NAMES = ['seed', 'valid', 'same', 'full'] as const;

function integers(value: unknown, field: string, min: number, lengths: readonly number[]): number[] {
  const list = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(list) || !lengths.includes(list.length) || !list.every((v) => Number.isInteger(v) && v >= min)) {
    throw new InputError(`settings: ${field} must be an integer >= ${min} or a list of ${lengths.filter((l) => l > 1).join(' or ')} of them, got ${JSON.stringify(value)}`);
  }
  return list as number[];
}

function pair(value: unknown, field: string): [number, number] {
  const [a, b = a] = integers(value, field, 1, [1, 2]);
  return [a, b];
}

/** PyTorch's padding: p (all sides), (ph, pw), ConvGrad's [top, bottom, left, right], or a name. */
function padding(value: unknown): PaddingSize {
  if (typeof value === 'string') {
    if ((PADDING_NAMES as readonly string[]).includes(value)) return value as PaddingSize;
    throw new InputError(`settings: padding '${value}' is not one of ${PADDING_NAMES.join(', ')}`);
  }
  const list = integers(value, 'padding', 0, [1, 2, 4]);
  if (list.length === 4) return [list[0], list[1], list[2], list[3]];
  const [ph, pw = ph] = list;
  return [ph, ph, pw, pw];
}

/** The settings JSON: op, padding, padding_mode, stride, dilation; anything else is refused. */
export function parseSettings(text: string): NpzSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`settings: not JSON: ${text.slice(0, 60)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InputError('settings: expected a JSON object');
  const out: { -readonly [K in keyof NpzSettings]: NpzSettings[K] } = {};
  for (const [field, value] of Object.entries(json)) {
    switch (field) {
      case 'op':
        if (value !== 'conv' && value !== 'xcorr') throw new InputError(`settings: op must be 'conv' or 'xcorr', got ${JSON.stringify(value)}`);
        out.op = value;
        break;
      case 'padding':
        out.padding = padding(value);
        break;
      case 'padding_mode':
      case 'paddingMode':
        if (!(PADDING_MODES as readonly string[]).includes(value)) throw new InputError(`settings: ${field} must be one of ${PADDING_MODES.join(', ')}`);
        out.paddingMode = value as PaddingMode;
        break;
      case 'stride':
        out.stride = pair(value, 'stride');
        break;
      case 'dilation':
        out.dilation = pair(value, 'dilation');
        break;
      default:
        throw new InputError(`settings: unknown field '${field}' (expected op, padding, padding_mode, stride, dilation)`);
    }
  }
  return out;
}
