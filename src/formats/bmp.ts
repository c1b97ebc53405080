// BMP, read as PIL's BmpImagePlugin reads it: palette images (1, 4, 8 bits), 16-bit 5-5-5 and
// 5-6-5 (channels widened as PIL does, value * 255 / max truncated), 24-bit, and 32-bit with
// byte-aligned masks; rows bottom-up unless the height is negative. RLE and JPEG/PNG-in-BMP are
// refused. Written here because bmp-ts needs Node's Buffer (not in the app's worker) and misplaces
// palette colours.
import { checkedProduct, checkElements, type Budget } from '../core/problem/budget';
import { InputError } from '../core/problem/errors';
import type { DecodedImage } from './decoded-image';

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

const HEADER_SIZES = [12, 40, 52, 56, 64, 108, 124];
const COMPRESSIONS: Record<number, string> = { 1: 'RLE8', 2: 'RLE4', 4: 'JPEG', 5: 'PNG' };

interface Masks {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Bit position and width of a contiguous mask, or undefined for none or a non-contiguous one. */
function maskField(mask: number): { shift: number; bits: number } | undefined {
  if (mask === 0) return undefined;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1) bits++;
  return (mask >>> (shift + bits)) === 0 ? { shift, bits } : undefined;
}

export function decodeBmpImage(bytes: Uint8Array, budget: Budget): DecodedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 26) throw new InputError('truncated BMP: the file ends inside its header');
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (!HEADER_SIZES.includes(headerSize)) throw new InputError(`unsupported BMP: header size ${headerSize}`);
  if (bytes.length < 14 + headerSize) throw new InputError('truncated BMP: the file ends inside its header');
  const core = headerSize === 12;
  const width = core ? view.getUint16(18, true) : view.getInt32(18, true);
  const rawHeight = core ? view.getUint16(20, true) : view.getInt32(22, true);
  const bits = view.getUint16(core ? 24 : 28, true);
  const compression = core ? 0 : view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0) throw new InputError(`corrupt BMP: size ${width} x ${rawHeight}`);
  checkElements(checkedProduct([width, height, 3]), `the BMP image (${width} x ${height} x 3)`, budget);
  if (COMPRESSIONS[compression]) throw new InputError(`unsupported BMP: ${COMPRESSIONS[compression]} compression (save it uncompressed)`);
  if (compression !== 0 && compression !== 3 && compression !== 6) throw new InputError(`unsupported BMP: compression type ${compression}`);
  if (![1, 4, 8, 16, 24, 32].includes(bits)) throw new InputError(`unsupported BMP: ${bits} bits per pixel`);

  const stride = Math.ceil((width * bits) / 32) * 4;
  const needed = checkedProduct([stride, height]);
  if (dataOffset > bytes.length || needed > bytes.length - dataOffset) {
    throw new InputError(`truncated BMP: ${height} rows of ${stride} bytes need ${needed} bytes after the header, the file has ${Math.max(0, bytes.length - dataOffset)}`);
  }
  const pixel = pixelReader(view, bytes, bits, compression, headerSize);
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) pixel(row, x, out, (y * width + x) * 3);
  }
  return { width, height, channels: 3, bitDepth: 8, data: out };
}

type PixelReader = (row: number, x: number, out: Uint8Array, at: number) => void;

function pixelReader(view: DataView, bytes: Uint8Array, bits: number, compression: number, headerSize: number): PixelReader {
  if (bits <= 8) return paletteReader(view, bytes, bits, headerSize);
  if (bits === 24) {
    return (row, x, out, at) => {
      const p = row + 3 * x;
      out[at] = bytes[p + 2];
      out[at + 1] = bytes[p + 1];
      out[at + 2] = bytes[p];
    };
  }
  const masks = compression === 0 ? defaultMasks(bits) : readMasks(view, headerSize);
  const fields = [masks.r, masks.g, masks.b].map(maskField);
  if (fields.some((f) => f === undefined)) throw new InputError('unsupported BMP: colour masks that are empty or not contiguous');
  const [r, g, b] = fields as { shift: number; bits: number }[];
  if (bits === 32) {
    if ([r, g, b].some((f) => f.bits !== 8 || f.shift % 8 !== 0)) throw new InputError('unsupported BMP: 32-bit colour masks other than whole bytes');
    return (row, x, out, at) => {
      const v = view.getUint32(row + 4 * x, true);
      out[at] = (v >>> r.shift) & 0xff;
      out[at + 1] = (v >>> g.shift) & 0xff;
      out[at + 2] = (v >>> b.shift) & 0xff;
    };
  }
  const is565 = r.bits === 5 && g.bits === 6 && b.bits === 5 && r.shift === 11 && g.shift === 5 && b.shift === 0;
  const is555 = r.bits === 5 && g.bits === 5 && b.bits === 5 && r.shift === 10 && g.shift === 5 && b.shift === 0;
  if (!is565 && !is555) throw new InputError('unsupported BMP: 16-bit colour masks other than 5-5-5 and 5-6-5');
  // PIL's BGR;15 and BGR;16 unpackers: each field scaled by 255 / its maximum, truncated.
  const widen = (v: number, f: { shift: number; bits: number }): number => {
    const max = 2 ** f.bits - 1;
    return Math.floor((((v >>> f.shift) & max) * 255) / max);
  };
  return (row, x, out, at) => {
    const v = view.getUint16(row + 2 * x, true);
    out[at] = widen(v, r);
    out[at + 1] = widen(v, g);
    out[at + 2] = widen(v, b);
  };
}

function defaultMasks(bits: number): Masks {
  return bits === 16 ? { r: 0x7c00, g: 0x03e0, b: 0x001f } : { r: 0xff0000, g: 0xff00, b: 0xff };
}

/** Masks follow a 40-byte header (BI_BITFIELDS) or sit inside the V2..V5 headers, at the same place. */
function readMasks(view: DataView, headerSize: number): Masks {
  if (view.byteLength < 14 + 40 + 12 || (headerSize === 64)) throw new InputError('corrupt BMP: colour masks missing');
  return { r: view.getUint32(54, true), g: view.getUint32(58, true), b: view.getUint32(62, true) };
}

function paletteReader(view: DataView, bytes: Uint8Array, bits: number, headerSize: number): PixelReader {
  const core = headerSize === 12;
  const entry = core ? 3 : 4;
  const used = core ? 0 : view.getUint32(46, true);
  const colours = used === 0 ? 2 ** bits : used;
  if (colours > 2 ** bits) throw new InputError(`corrupt BMP: ${colours} palette colours for ${bits}-bit pixels`);
  const start = 14 + headerSize;
  if (start + colours * entry > bytes.length) throw new InputError('truncated BMP: the palette is cut short');
  const perByte = 8 / bits;
  const mask = 2 ** bits - 1;
  return (row, x, out, at) => {
    const byte = bytes[row + Math.floor(x / perByte)];
    const index = (byte >> (8 - bits * ((x % perByte) + 1))) & mask;
    if (index >= colours) throw new InputError(`corrupt BMP: palette index ${index} beyond its ${colours} colours`);
    const p = start + index * entry;
    out[at] = bytes[p + 2];
    out[at + 1] = bytes[p + 1];
    out[at + 2] = bytes[p];
  };
}
