// Decoding a big photo as the CLI does (libjpeg-turbo in WebAssembly, then the luma array): the
// first decode of a fresh process, WebAssembly compile included, is what a user meets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../../src/cli/wasm-node';
import { decodeFile } from '../../src/formats/decode-file';
import { convgradTiming, type Row } from '../row';
import { measureAsync } from '../timing';
import type { BenchCase } from './case';

const PYTHON = '/usr/bin/python3';
const TARGET_MS = 1000;

/**
 * A width×height photo-like JPEG (resources/samples/astronaut.png scaled up, quality 90, 4:2:0)
 * written by PIL at run time, so no large file is committed.
 */
function makeJpeg(file: string, width: number, height: number): string | undefined {
  const sample = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'resources', 'samples', 'astronaut.png');
  const script = `from PIL import Image; Image.open(${JSON.stringify(sample)}).convert('RGB').resize((${width}, ${height}), Image.BICUBIC).save(${JSON.stringify(file)}, quality=90)`;
  const child = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  return child.status === 0 ? undefined : (child.stderr || child.error?.message || 'python failed').trim().split('\n').at(-1);
}

export function jpegDecodeCase(width = 3000, height = 2000): BenchCase {
  const id = `jpeg-decode-${width}x${height}`;
  const title = `JPEG ${width}×${height} decoded to its luma array (first decode of a fresh process = cold)`;
  return {
    scipy: [],
    async run(): Promise<Row> {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'convgrad-bench-jpeg-'));
      try {
        const file = path.join(dir, 'photo.jpg');
        const failed = makeJpeg(file, width, height);
        if (failed) return { id, title, references: [], failed: `could not write the test JPEG with PIL: ${failed}` };
        const bytes = new Uint8Array(readFileSync(file));
        const timing = await measureAsync(() => decodeFile(bytes, file, { imageMode: 'luma' }));
        return {
          id,
          title,
          convgrad: convgradTiming(timing, 0),
          references: [],
          target: { text: `cold ≤ ${TARGET_MS} ms`, met: timing.warmup_ms <= TARGET_MS, basis: 'the issue (the cold column)' },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
