// The fuzz corpus: a few hundred malformed and hostile files in every format ConvGrad reads,
// generated (not committed as binaries) so each case is readable as code. Every one must be
// refused with exit 2 and one short line naming the file, quickly and in little memory.
// Used by tests/unit/cli/hostile-files.test.ts (all of them) and tests/e2e/hostile-files.spec.ts (a sample).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { writeNpy } from '../../src/formats/npy';

export interface HostileFile {
  /** File name (with the extension that picks the decoder). */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Part of the expected message, when the case is about one specific refusal. */
  readonly expect?: RegExp;
}

const PIL_DIR = join(import.meta.dirname, '..', 'fixtures', 'images', 'pil');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const u32be = (v: number): number[] => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const u16le = (v: number): number[] => [v & 255, (v >>> 8) & 255];
const u32le = (v: number): number[] => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk with a correct CRC (or a wrong one on request). */
export function pngChunk(type: string, body: Uint8Array | number[], badCrc = false): Uint8Array {
  const typed = concat(text(type), body);
  return concat(u32be(body.length), typed, u32be((crc32(typed) ^ (badCrc ? 1 : 0)) >>> 0));
}
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ihdr = (w: number, h: number, depth = 8, colour = 0, interlace = 0): number[] => [...u32be(w), ...u32be(h), depth, colour, 0, 0, interlace];

/** A PNG with the given header and raw (filtered) scanlines, compressed. */
export function png(header: number[], raw: Uint8Array, options: { badIhdrCrc?: boolean; extra?: Uint8Array[] } = {}): Uint8Array {
  return concat(PNG_SIG, pngChunk('IHDR', header, options.badIhdrCrc), ...(options.extra ?? []), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', []));
}

function npyWithHeader(header: string, data = new Uint8Array(0), version = 1): Uint8Array {
  const h = text(header);
  const length = version === 1 ? u16le(h.length) : u32le(h.length);
  return concat([0x93, ...text('NUMPY'), version, 0], length, h, data);
}

function jpegWithFrame(sof: number, precision: number, w: number, h: number, components: number): Uint8Array {
  const comps = Array.from({ length: components }, (_, i) => [i + 1, 0x11, 0]).flat();
  const body = [precision, (h >> 8) & 255, h & 255, (w >> 8) & 255, w & 255, components, ...comps];
  return concat([0xff, 0xd8, 0xff, sof, ...[((body.length + 2) >> 8) & 255, (body.length + 2) & 255], ...body], [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0], new Uint8Array(64), [0xff, 0xd9]);
}

function bmpHeader(w: number, h: number, bits: number, compression = 0, headerSize = 40, dataBytes = 0): Uint8Array {
  const offset = 14 + headerSize;
  const info = [...u32le(headerSize), ...u32le(w >>> 0), ...u32le(h >>> 0), ...u16le(1), ...u16le(bits), ...u32le(compression), ...u32le(0), ...u32le(2835), ...u32le(2835), ...u32le(0), ...u32le(0)];
  return concat(text('BM'), u32le(offset + dataBytes), u32le(0), u32le(offset), info.slice(0, Math.max(headerSize, 4)), new Uint8Array(Math.max(0, headerSize - info.length)), new Uint8Array(dataBytes));
}

function webp(kind: string, payload: number[]): Uint8Array {
  const chunk = concat(text(kind), u32le(payload.length), payload);
  return concat(text('RIFF'), u32le(4 + chunk.length), text('WEBP'), chunk);
}

function gif(w: number, h: number, body: number[]): Uint8Array {
  return concat(text('GIF89a'), u16le(w), u16le(h), [0x80, 0, 0], new Uint8Array(6), body);
}

/** Deterministic pseudo-random bytes (xorshift), so the corpus is the same on every run. */
function noise(n: number, seed: number): Uint8Array {
  let s = seed >>> 0 || 1;
  return Uint8Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s & 255;
  });
}

function handMade(): HostileFile[] {
  const deepTuple = `{'descr': '<f8', 'fortran_order': False, 'shape': ${'('.repeat(5000)}1${',)'.repeat(5000)}, }`;
  const ones = `{'descr': '<f8', 'fortran_order': False, 'shape': (${'1,'.repeat(3000)}), }`;
  const files: HostileFile[] = [
    // .npy
    { name: 'deep-shape.npy', bytes: npyWithHeader(deepTuple), expect: /malformed \.npy header/ },
    { name: 'shape-2e46.npy', bytes: npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (8388608, 8388608), }"), expect: /over the limit/ },
    { name: 'shape-2e62.npy', bytes: npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648, 2147483648), }"), expect: /more than 2\^53|over the limit/ },
    { name: 'shape-huge-digits.npy', bytes: npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,), }"), expect: /tuple of integers/ },
    { name: 'shape-3000-ones.npy', bytes: npyWithHeader(ones, new Uint8Array(8)), expect: /dimensions/ },
    { name: 'header-length-4g.npy', bytes: concat([0x93, ...text('NUMPY'), 2, 0], u32le(0xffffffff), text('{')), expect: /header/ },
    { name: 'negative-dim.npy', bytes: npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (-5,), }") },
    { name: 'object-dtype.npy', bytes: npyWithHeader("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(8)), expect: /object/ },
    { name: 'control-chars-dtype.npy', bytes: npyWithHeader("{'descr': '\u001b[2J\u001b[31m', 'fortran_order': False, 'shape': (1,), }") },
    { name: 'v3-bad-utf8.npy', bytes: npyWithHeader('{\u00ff}', new Uint8Array(0), 3).map((b, i) => (i === 12 ? 0xff : b)) },
    { name: 'shape-rank5.npy', bytes: writeNpy({ shape: [1, 1, 1, 1, 2], data: new Float64Array(2) }), expect: /dimensions/ },
    { name: 'nan.npy', bytes: writeNpy({ shape: [2, 2], data: Float64Array.of(1, NaN, 0, 0) }), expect: /finite/ },
    { name: 'empty.npy', bytes: new Uint8Array(0), expect: /empty file/ },
    // JSON
    { name: 'deep-100k.json', bytes: text(`[[${'['.repeat(100000)}1${']'.repeat(100000)}]]`), expect: /at most 4 dimensions/ },
    { name: 'deep-100k-element.json', bytes: text(`[[1, ${'['.repeat(100000)}1${']'.repeat(100000)}]]`), expect: /element \[0,1\] is an array of 1, not a number/ },
    { name: 'deep-object.json', bytes: text(`[[${'{"a":'.repeat(50000)}1${'}'.repeat(50000)}]]`), expect: /an object, not a number/ },
    { name: 'product-2e52.json', bytes: text(`[${[`[${[`[${[`[${Array(8192).fill('0').join(',')}]`, ...Array(8191).fill('0')].join(',')}]`, ...Array(8191).fill('0')].join(',')}]`, ...Array(8191).fill('0')].join(',')}]`), expect: /over the limit|more than/ },
    { name: 'inf-1e400.json', bytes: text('[[1, 1e400]]'), expect: /beyond the float64 range/ },
    { name: 'huge-string.json', bytes: text(`[["${'x'.repeat(1_000_000)}"]]`), expect: /the string 'x{20}…', not a number/ },
    { name: 'nested-5.json', bytes: text('[[[[[1]]]]]'), expect: /at most 4 dimensions/ },
    { name: 'bad.json', bytes: text('[[1,2],[3,'), expect: /not valid JSON/ },
    { name: 'nul.json', bytes: new Uint8Array(1000), expect: /NUL/ },
    // CSV / text
    { name: 'inf-1e400.csv', bytes: text('1,2\n1e400,3\n'), expect: /beyond the float64 range/ },
    { name: 'hex.csv', bytes: text('0x10,1\n'), expect: /not a number/ },
    { name: 'escape.csv', bytes: text('1,\u001b[2J\u001b[H\n'), expect: /\\x1b/ },
    { name: 'long-cell.csv', bytes: text(`${'9'.repeat(300000)}x,1\n`), expect: /not a number/ },
    { name: 'million-columns.csv', bytes: text(`${Array(1_000_000).fill('1').join(',')}\n${Array(999_999).fill('1').join(',')}\n`), expect: /row 2 has 999999 values/ },
    { name: 'ragged.tsv', bytes: text('1\t2\n3\n'), expect: /row 2 has 1 values/ },
    { name: 'latin1.txt', bytes: Uint8Array.from([0x31, 0x20, 0xe9, 0x0a]), expect: /UTF-8/ },
    { name: 'only-comments.txt', bytes: text('# nothing\n'), expect: /no numbers/ },
    { name: 'binary.csv', bytes: noise(5000, 7).map((b) => b | 1), expect: /UTF-8|not a number|values/ },
    // PNG
    { name: 'wide-2e31.png', bytes: png(ihdr(2 ** 31 - 1, 1), new Uint8Array(10)), expect: /over the limit/ },
    { name: 'wide-2e32.png', bytes: png(ihdr(2 ** 32 - 1, 1), new Uint8Array(10)), expect: /size/ },
    { name: 'bomb-20000.png', bytes: png(ihdr(20000, 20000), new Uint8Array(20001 * 16)), expect: /over the limit/ },
    { name: 'bomb-40000-1bit.png', bytes: png(ihdr(40000, 40000, 1), new Uint8Array(5001 * 16)), expect: /over the limit/ },
    { name: 'inflate-bomb.png', bytes: png(ihdr(16, 16), new Uint8Array(50_000_000)), expect: /inflates to more than/ },
    { name: 'ihdr-crc.png', bytes: png(ihdr(2, 2), new Uint8Array(6), { badIhdrCrc: true }), expect: /CRC mismatch in chunk IHDR/ },
    { name: 'zero-size.png', bytes: png(ihdr(0, 5), new Uint8Array(0)), expect: /size 0 x 5/ },
    { name: 'depth-3.png', bytes: png(ihdr(2, 2, 3), new Uint8Array(6)), expect: /bit depth 3/ },
    { name: 'colour-7.png', bytes: png(ihdr(2, 2, 8, 7), new Uint8Array(6)), expect: /colour type 7/ },
    { name: 'palette-without-plte.png', bytes: png(ihdr(2, 2, 8, 3), new Uint8Array(6)), expect: /PLTE/ },
    { name: 'short-data.png', bytes: png(ihdr(4, 4), new Uint8Array(6)), expect: /truncated PNG/ },
    { name: 'no-ihdr.png', bytes: concat(PNG_SIG, pngChunk('IDAT', deflateSync(new Uint8Array(4))), pngChunk('IEND', [])), expect: /not IHDR/ },
    { name: 'chunk-length-4g.png', bytes: concat(PNG_SIG, u32be(0xfffffff0), text('IHDR'), ihdr(1, 1)), expect: /truncated PNG/ },
    { name: 'control-chunk.png', bytes: concat(PNG_SIG, pngChunk('IHDR', ihdr(1, 1)), pngChunk('\u001b[2J', [])), expect: /0x1b5b324a|truncated/ },
    { name: 'signature-only.png', bytes: Uint8Array.from(PNG_SIG), expect: /truncated PNG/ },
    // JPEG
    { name: 'precision-12.jpg', bytes: jpegWithFrame(0xc0, 12, 64, 64, 3), expect: /12-bit/ },
    { name: 'cmyk-frame.jpg', bytes: jpegWithFrame(0xc0, 8, 64, 64, 4), expect: /CMYK/ },
    { name: 'huge-9000.jpg', bytes: jpegWithFrame(0xc0, 8, 9000, 9000, 3), expect: /over the limit/ },
    { name: 'huge-65535.jpg', bytes: jpegWithFrame(0xc2, 8, 65535, 65535, 1), expect: /over the limit/ },
    { name: 'lossless.jpg', bytes: jpegWithFrame(0xc3, 8, 8, 8, 1), expect: /lossless/ },
    { name: 'dnl-height.jpg', bytes: jpegWithFrame(0xc0, 8, 8, 0, 1), expect: /DNL/ },
    { name: 'two-components.jpg', bytes: jpegWithFrame(0xc0, 8, 8, 8, 2), expect: /2 colour components/ },
    { name: 'no-frame.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]), expect: /no frame header/ },
    { name: 'segment-length-0.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 1, 2]), expect: /segment length 0/ },
    { name: 'garbage-after-soi.jpg', bytes: concat([0xff, 0xd8, 0xff], noise(2000, 3)) },
    { name: 'bad-scan.jpg', bytes: jpegWithFrame(0xc0, 8, 16, 16, 1) },
    // WebP
    { name: 'huge.webp', bytes: webp('VP8X', [0, 0, 0, 0, ...[0xff, 0xff, 0x00], ...[0xff, 0xff, 0x00]]), expect: /over the limit/ },
    { name: 'animated.webp', bytes: webp('VP8X', [0x02, 0, 0, 0, 9, 0, 0, 9, 0, 0]), expect: /animated/ },
    { name: 'bad-start.webp', bytes: webp('VP8 ', [0, 0, 0, 1, 2, 3, 8, 0, 8, 0]), expect: /start code/ },
    { name: 'bad-vp8l.webp', bytes: webp('VP8L', [0x2e, 0, 0, 0, 0, 0, 0, 0, 0, 0]), expect: /VP8L signature/ },
    { name: 'unknown-chunk.webp', bytes: webp('ABCD', Array(12).fill(0)), expect: /first chunk/ },
    { name: 'garbage.webp', bytes: webp('VP8L', [0x2f, 7, 0, 0, 0, ...noise(200, 9)]) },
    { name: 'short.webp', bytes: concat(text('RIFF'), u32le(4), text('WEBP')), expect: /truncated WebP/ },
    // GIF
    { name: 'huge.gif', bytes: gif(65535, 65535, [0x3b]), expect: /over the limit/ },
    { name: 'no-frame.gif', bytes: gif(4, 4, [0x3b]), expect: /no image/ },
    { name: 'zero.gif', bytes: gif(0, 4, [0x3b]), expect: /size 0 x 4/ },
    { name: 'bad-block.gif', bytes: gif(4, 4, [0x99, 1, 2, 3]), expect: /GIF/ },
    { name: 'no-lzw-data.gif', bytes: gif(8, 8, [0x2c, 0, 0, 0, 0, 8, 0, 8, 0, 0, 2, 0, 0x3b]), expect: /truncated GIF/ },
    { name: 'header-only.gif', bytes: text('GIF89a'), expect: /truncated GIF/ },
    // BMP
    { name: 'huge.bmp', bytes: bmpHeader(100000, 100000, 24), expect: /over the limit/ },
    { name: 'rle8.bmp', bytes: bmpHeader(4, 4, 8, 1), expect: /RLE8/ },
    { name: 'bits-7.bmp', bytes: bmpHeader(4, 4, 7, 0, 40, 64), expect: /7 bits per pixel/ },
    { name: 'header-size-99.bmp', bytes: bmpHeader(4, 4, 24, 0, 99), expect: /header size 99/ },
    { name: 'negative-width.bmp', bytes: bmpHeader(-4, 4, 24), expect: /size -4 x 4/ },
    { name: 'short-pixels.bmp', bytes: bmpHeader(64, 64, 24, 0, 40, 100), expect: /truncated BMP/ },
    { name: 'min-height.bmp', bytes: bmpHeader(4, -(2 ** 31), 24), expect: /over the limit|truncated/ },
    // Not what the extension says
    { name: 'text.png', bytes: text('hello'), expect: /not a PNG, JPEG, WebP, GIF or BMP image/ },
    { name: 'zeros.jpg', bytes: new Uint8Array(4096), expect: /not a PNG, JPEG/ },
    { name: 'archive.xlsx', bytes: text('x'), expect: /unsupported file type/ },
  ];
  return files;
}

/** Each valid fixture cut short at several points, and with bytes flipped in its header and body. */
function damaged(): HostileFile[] {
  const out: HostileFile[] = [];
  for (const name of readdirSync(PIL_DIR).filter((n) => !n.endsWith('.json') && !n.startsWith('cmyk') && !n.startsWith('precision'))) {
    const bytes = new Uint8Array(readFileSync(join(PIL_DIR, name)));
    const [stem, ext] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.'))];
    for (const fraction of [0.02, 0.1, 0.3, 0.5, 0.7, 0.9]) {
      out.push({ name: `${stem}-cut${Math.round(fraction * 100)}${ext}`, bytes: bytes.subarray(0, Math.max(1, Math.floor(bytes.length * fraction))) });
    }
  }
  return out;
}

/** The whole corpus: hand-made cases first, then damaged fixtures. */
export function hostileFiles(): HostileFile[] {
  return [...handMade(), ...damaged()];
}
