// The cases the issue measured in gigabytes and seconds, each in its own process so its peak
// memory is its own: at most 200 MB above the idle process; images refused from their header
// in under a second, text parsed to its first bad row in a few.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileFiles } from '../../support/hostile-files';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CASES = ['bomb-20000.png', 'wide-2e31.png', 'bomb-40000-1bit.png', 'inflate-bomb.png', 'huge-9000.jpg', 'million-columns.csv', 'shape-2e46.npy', 'deep-100k.json'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-memory-'));
  for (const file of hostileFiles().filter((f) => CASES.includes(f.name))) writeFileSync(join(dir, file.name), file.bytes);
  writeFileSync(join(dir, 'sparse.npy'), '');
  truncateSync(join(dir, 'sparse.npy'), 1.5 * 2 ** 30);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  code: number;
  stderr: string;
  ms: number;
  idleMb: number;
  peakAboveIdleMb: number;
}

function measure(args: string[]): Measured {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/support/measure-cli.ts', 'check', ...args], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Measured;
}

describe('hostile inputs in bounded time and memory', () => {
  it.each([...CASES, 'sparse.npy'])('%s', (name) => {
    const m = measure(['--x', join(dir, name)]);
    console.log(`${name}: exit ${m.code} in ${m.ms.toFixed(0)} ms, peak ${m.peakAboveIdleMb.toFixed(1)} MB above idle (${m.idleMb.toFixed(0)} MB)`);
    expect(m.code, m.stderr).toBe(2);
    expect(m.ms).toBeLessThan(/\.(csv|json)$/.test(name) ? 5000 : 1000);
    expect(m.peakAboveIdleMb).toBeLessThanOrEqual(200);
  });

  it('a PNG bomb as --analytic-dx', () => {
    writeFileSync(join(dir, 'x.csv'), '1,2,3\n4,5,6\n7,8,9\n');
    const m = measure(['--x', join(dir, 'x.csv'), '--w', 'box3', '--analytic-dx', join(dir, 'bomb-20000.png')]);
    console.log(`bomb as --analytic-dx: exit ${m.code} in ${m.ms.toFixed(0)} ms, peak ${m.peakAboveIdleMb.toFixed(1)} MB above idle`);
    expect(m.code, m.stderr).toBe(2);
    expect(m.stderr).toMatch(/--analytic-dx .*bomb-20000\.png: the PNG image \(20000 x 20000 x 1\)/);
    expect(m.ms).toBeLessThan(1000);
    expect(m.peakAboveIdleMb).toBeLessThanOrEqual(200);
  });
});
