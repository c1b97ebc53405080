// Random byte mutations of valid files, for each parser: the only exception ever thrown is the
// project's own InputError (a one-line message), never an engine error, a hang or a crash.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../src/cli/wasm-node';
import { InputError } from '../../../src/core/problem/errors';
import { decodeFile } from '../../../src/formats/decode-file';
import { writeNpy } from '../../../src/formats/npy';

const PIL = join(__dirname, '..', '..', 'fixtures', 'images', 'pil');
const seeds: Record<string, Uint8Array> = {
  'a.png': new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', 'images', 'palette.png'))),
  'b.png': new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', 'images', 'rgb16.png'))),
  'a.jpg': new Uint8Array(readFileSync(join(PIL, 'baseline_420.jpg'))),
  'b.jpg': new Uint8Array(readFileSync(join(PIL, 'progressive_420.jpg'))),
  'a.webp': new Uint8Array(readFileSync(join(PIL, 'lossy.webp'))),
  'b.webp': new Uint8Array(readFileSync(join(PIL, 'lossless.webp'))),
  'a.gif': new Uint8Array(readFileSync(join(PIL, 'palette.gif'))),
  'a.bmp': new Uint8Array(readFileSync(join(PIL, 'palette8.bmp'))),
  'b.bmp': new Uint8Array(readFileSync(join(PIL, 'rgb565.bmp'))),
  'a.npy': writeNpy({ shape: [3, 4], data: Float64Array.from({ length: 12 }, (_, i) => i / 3) }),
  'a.json': new TextEncoder().encode('[[1, 2.5, -3e-4], [4, 5, 6]]'),
  'a.csv': new TextEncoder().encode('# header\n1,2,3\n4.5,nan,-6e3\n'),
};

/** Up to 8 edits: overwrite a byte, insert one, delete a run, or cut the file. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
);

function mutate(bytes: Uint8Array, edits: { kind: string; at: number; value: number }[]): Uint8Array {
  let out = Array.from(bytes);
  for (const { kind, at, value } of edits) {
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 'set') out[i] = value;
    else if (kind === 'insert') out.splice(i, 0, value);
    else if (kind === 'delete') out.splice(i, value);
    else out = out.slice(0, i);
  }
  return Uint8Array.from(out);
}

describe('parsers under random mutations of valid files', () => {
  it.each(Object.keys(seeds))('%s', async (name) => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const bytes = mutate(seeds[name], edits);
        try {
          const { tensor } = await decodeFile(bytes, name, { imageMode: 'rgb' });
          expect(tensor.data.length).toBe(tensor.shape.reduce((a, b) => a * b, 1));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.message.length).toBeLessThanOrEqual(200);
          expect(error.message).not.toMatch(/\n|undefined|NaN/);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 100), seed: 12 },
    );
  });
});
