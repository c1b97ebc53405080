// NumPy .npy reader and writer (format versions 1.0, 2.0 and 3.0), pure TypeScript.
// Spec: numpy/lib/format.py. Whatever the stored dtype, readNpy returns float64 values in C order.

import { checkedProduct, checkElements, DEFAULT_BUDGET, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import { formatShape } from '../core/problem/tensor';
import type { Tensor } from '../core/problem/types';
import { quote } from './quote';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ARRAY_ALIGN = 64;
/** numpy leaves room after the header dict so a growing first axis can be rewritten in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;
/** numpy refuses to read headers longer than this (numpy.lib.format, _MAX_HEADER_SIZE); so does ConvGrad. */
const MAX_HEADER_BYTES = 10000;
/** Header values nest at most two deep (a structured dtype: a list of tuples), so parsing never recurses on the input. */
const MAX_NESTING = 2;
/** Dimensions numpy can create (NPY_MAXDIMS in numpy 2). */
const MAX_RANK = 64;

type Kind = 'f' | 'i' | 'u' | 'b';

interface DType {
  readonly kind: Kind;
  readonly size: number;
  readonly littleEndian: boolean;
}

interface Header {
  readonly dtype: DType;
  readonly fortranOrder: boolean;
  readonly shape: number[];
}

const UNSUPPORTED_KINDS: Record<string, string> = {
  c: 'complex',
  O: 'object',
  U: 'unicode string',
  S: 'byte string',
  a: 'byte string',
  V: 'void/structured',
  M: 'datetime',
  m: 'timedelta',
};

const SUPPORTED_SIZES: Record<Kind, readonly number[]> = {
  f: [2, 4, 8],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  b: [1],
};

/** The header of a .npy file and where its data starts; `bytes` may be just the file's first bytes. */
export interface NpyLayout {
  readonly dataOffset: number;
  readonly shape: readonly number[];
  readonly count: number;
  /** Bytes the data must have. */
  readonly dataBytes: number;
}

/**
 * Reads and checks the header from the first bytes of a .npy file: the element count against the
 * budget and, when `fileSize` is known, the data size against the file's size, so a hostile file
 * is refused before its data is read or anything is allocated.
 */
export function readNpyLayout(bytes: Uint8Array, budget: Budget = DEFAULT_BUDGET, fileSize = bytes.length): NpyLayout & { readonly header: Header } {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new InputError('not a .npy file (bad magic bytes)');
  }
  const major = bytes[6];
  const minor = bytes[7];
  if (![1, 2, 3].includes(major) || minor !== 0) {
    throw new InputError(`unsupported .npy format version ${major}.${minor}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new InputError('truncated .npy header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) throw new InputError(`malformed .npy header: ${headerLength} bytes long (numpy writes at most ${MAX_HEADER_BYTES})`);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (dataOffset > fileSize) {
    throw new InputError(`truncated .npy header: expected ${headerLength} header bytes, found ${fileSize - 8 - lengthBytes}`);
  }
  if (dataOffset > bytes.length) throw new Error('readNpyLayout: the prefix must hold the whole header');
  const headerBytes = bytes.subarray(8 + lengthBytes, dataOffset);
  const header = parseHeader(major === 3 ? decodeUtf8(headerBytes) : decodeLatin1(headerBytes));

  const count = checkedProduct(header.shape);
  checkElements(count, `the array ${formatShape(header.shape)}`, budget);
  const dataBytes = count * header.dtype.size;
  const found = fileSize - dataOffset;
  if (found < dataBytes) throw new InputError(`truncated .npy data: shape ${formatShape(header.shape)} needs ${dataBytes} bytes, found ${found}`);
  if (found > dataBytes) throw new InputError(`.npy data has ${found} bytes, but shape ${formatShape(header.shape)} needs ${dataBytes}`);
  return { dataOffset, shape: header.shape, count, dataBytes, header };
}

/** Bytes of a .npy file's start that always hold its header (numpy caps headers far below this). */
export const NPY_PREFIX_BYTES = 10 + MAX_HEADER_BYTES;

export function readNpy(bytes: Uint8Array, budget: Budget = DEFAULT_BUDGET): Tensor {
  const { dataOffset, count, header } = readNpyLayout(bytes, budget);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = readValues(view, dataOffset, count, header.dtype);
  const data = header.fortranOrder ? fortranToC(values, header.shape) : values;
  return { shape: header.shape, data };
}

/** Typed arrays use the host's byte order; where it is little-endian, '<f8' and '<f4' data are already laid out as they are. */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Version 1.0, '<f8' or '<f4', C order, laid out byte for byte as numpy.save does. */
export function writeNpy(t: Tensor): Uint8Array {
  const descr = t.data instanceof Float32Array ? '<f4' : '<f8';
  const shape = t.shape.length === 1 ? `(${t.shape[0]},)` : `(${t.shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  if (t.shape.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(t.shape[0]).length);
  const unpadded = MAGIC.length + 2 + 2 + dict.length + 1; // + the closing newline
  const headerLength = dict.length + 1 + ((ARRAY_ALIGN - (unpadded % ARRAY_ALIGN)) % ARRAY_ALIGN);
  const header = dict.padEnd(headerLength - 1, ' ') + '\n';
  if (headerLength > 0xffff) throw new InputError('array has too many dimensions for a version 1.0 .npy header');

  const itemSize = descr === '<f4' ? 4 : 8;
  const out = new Uint8Array(10 + headerLength + t.data.length * itemSize);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, headerLength, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const offset = 10 + headerLength;
  if (HOST_LITTLE_ENDIAN) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), offset);
    return out;
  }
  for (let i = 0; i < t.data.length; i++) {
    if (itemSize === 4) view.setFloat32(offset + 4 * i, t.data[i], true);
    else view.setFloat64(offset + 8 * i, t.data[i], true);
  }
  return out;
}

function readValues(view: DataView, offset: number, count: number, dtype: DType): Float64Array {
  if (HOST_LITTLE_ENDIAN && dtype.kind === 'f' && dtype.littleEndian && (dtype.size === 8 || dtype.size === 4)) {
    // '<f8' data at an aligned offset (numpy aligns it to 64 bytes) is used where it lies: no copy,
    // and no fresh memory to touch (on this project's machine ~4 ms per MB). Otherwise it is copied
    // as bytes: a DataView read per value took ~50 ms per 8 MB.
    const at = view.byteOffset + offset;
    if (dtype.size === 8 && at % 8 === 0) return new Float64Array(view.buffer, at, count);
    const copy = new Uint8Array(view.buffer, at, count * dtype.size).slice();
    return dtype.size === 8 ? new Float64Array(copy.buffer) : Float64Array.from(new Float32Array(copy.buffer));
  }
  const read = valueReader(view, dtype);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = read(offset + i * dtype.size);
  return out;
}

function valueReader(view: DataView, { kind, size, littleEndian: le }: DType): (at: number) => number {
  switch (`${kind}${size}`) {
    case 'f2': return (at) => float16ToNumber(view.getUint16(at, le));
    case 'f4': return (at) => view.getFloat32(at, le);
    case 'f8': return (at) => view.getFloat64(at, le);
    case 'i1': return (at) => view.getInt8(at);
    case 'i2': return (at) => view.getInt16(at, le);
    case 'i4': return (at) => view.getInt32(at, le);
    // Values beyond 2^53 are rounded to the nearest float64 (documented in docs/FORMATS.md).
    case 'i8': return (at) => Number(view.getBigInt64(at, le));
    case 'u1': return (at) => view.getUint8(at);
    case 'u2': return (at) => view.getUint16(at, le);
    case 'u4': return (at) => view.getUint32(at, le);
    case 'u8': return (at) => Number(view.getBigUint64(at, le));
    case 'b1': return (at) => (view.getUint8(at) === 0 ? 0 : 1);
    default: throw new Error(`no reader for dtype ${kind}${size}`); // parseDType admits only the cases above
  }
}

function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** Reorders column-major values (first index fastest) into row-major order. */
function fortranToC(values: Float64Array, shape: readonly number[]): Float64Array {
  const rank = shape.length;
  const out = new Float64Array(values.length);
  const fStrides = new Array<number>(rank);
  for (let d = 0, s = 1; d < rank; d++) {
    fStrides[d] = s;
    s *= shape[d];
  }
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = values[source];
    // Advance the C-order multi-index (last axis fastest), keeping the Fortran offset in step.
    for (let d = rank - 1; d >= 0; d--) {
      index[d]++;
      source += fStrides[d];
      if (index[d] < shape[d]) break;
      source -= index[d] * fStrides[d];
      index[d] = 0;
    }
  }
  return out;
}

function parseHeader(text: string): Header {
  const dict = parseDictLiteral(text.trim());
  const descr = dict.get('descr');
  const fortran = dict.get('fortran_order');
  const shape = dict.get('shape');
  if (Array.isArray(descr)) throw new InputError('unsupported dtype (structured array)');
  if (typeof descr !== 'string') throw new InputError("malformed .npy header: 'descr' must be a string");
  if (typeof fortran !== 'boolean') throw new InputError("malformed .npy header: 'fortran_order' must be True or False");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d))) {
    throw new InputError("malformed .npy header: 'shape' must be a tuple of integers");
  }
  if (shape.length > MAX_RANK) throw new InputError(`malformed .npy header: ${shape.length} dimensions (numpy allows at most ${MAX_RANK})`);
  return { dtype: parseDType(descr), fortranOrder: fortran, shape: shape as number[] };
}

function parseDType(descr: string): DType {
  const match = /^([<>|=]?)([a-zA-Z])(\d*)(\[\w+\])?$/.exec(descr); // '[unit]' for datetimes
  if (!match) throw new InputError(`unsupported dtype ${quote(descr)}`);
  const [, order, kind, sizeText] = match;
  if (kind in UNSUPPORTED_KINDS) throw new InputError(`unsupported dtype ${quote(descr)} (${UNSUPPORTED_KINDS[kind]})`);
  const size = Number(sizeText);
  const sizes = SUPPORTED_SIZES[kind as Kind] as readonly number[] | undefined;
  if (!sizes || !sizes.includes(size)) throw new InputError(`unsupported dtype ${quote(descr)}`);
  // '=' (native) and '|' (not applicable) are read as little-endian, the order numpy writes on every common platform.
  return { kind: kind as Kind, size, littleEndian: order !== '>' };
}

type Literal = string | number | boolean | Literal[];

/**
 * Parses the Python dict literal of a .npy header: string keys; values that are strings,
 * True/False, integers, or tuples/lists of these. Nothing is evaluated.
 */
function parseDictLiteral(text: string): Map<string, Literal> {
  let pos = 0;
  let depth = 0;
  const fail = (what: string): never => {
    throw new InputError(`malformed .npy header: ${what} at character ${pos} (near ${excerpt(text, pos)})`);
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(`expected '${ch}'`);
    pos++;
  };
  const value = (): Literal => {
    skipSpace();
    const ch = text[pos];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, pos + 1);
      if (end < 0) fail('unterminated string');
      const s = text.slice(pos + 1, end);
      pos = end + 1;
      return s;
    }
    if (ch === '(' || ch === '[') {
      if (depth >= MAX_NESTING) fail('tuples nested inside tuples');
      const close = ch === '(' ? ')' : ']';
      depth++;
      pos++;
      const items: Literal[] = [];
      for (;;) {
        skipSpace();
        if (text[pos] === close) break;
        items.push(value());
        skipSpace();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== close) fail(`expected ',' or '${close}'`);
      }
      pos++;
      depth--;
      return items;
    }
    const word = /^(True|False|\d+)L?/.exec(text.slice(pos));
    if (!word) return fail('unexpected value');
    pos += word[0].length;
    return word[1] === 'True' ? true : word[1] === 'False' ? false : Number(word[1]);
  };

  const dict = new Map<string, Literal>();
  expect('{');
  for (;;) {
    skipSpace();
    if (text[pos] === '}') break;
    const key = value();
    if (typeof key !== 'string') fail('keys must be strings');
    expect(':');
    dict.set(key as string, value());
    skipSpace();
    if (text[pos] === ',') pos++;
    else if (text[pos] !== '}') fail("expected ',' or '}'");
  }
  pos++;
  skipSpace();
  if (pos !== text.length) fail('unexpected text after the dict');
  return dict;
}

function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function decodeUtf8(bytes: Uint8Array): string {
  let escaped = '';
  for (const b of bytes) escaped += '%' + b.toString(16).padStart(2, '0');
  try {
    return decodeURIComponent(escaped);
  } catch {
    throw new InputError('malformed .npy header: not valid UTF-8');
  }
}

/** At most 24 characters of the header around `pos`, quoted with control characters escaped. */
function excerpt(text: string, pos: number): string {
  return JSON.stringify(text.slice(Math.max(0, pos - 12), pos + 12)).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
