// Discrepancy hunting from the command line: injected bugs (`check --inject`), fast mode's directions
// and seed, the precision comparison and `convgrad sweep`. The CLI is spawned, as a user would run it.

import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUGS, type BugName } from '../../../src/core/study/inject';
import type { GradientName } from '../../../src/core/problem/types';
import { writeNpy } from '../../../src/formats/npy';
import { randomTensor } from '../support/problems';

const BIN = resolve('bin/convgrad.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-hunt-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, CONVGRAD_DEBUG: '' } }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8'));

/** X and W of the given shapes with values in [-1, 1) (X seeded 1, W seeded 2, as in inject.test.ts), written as .npy. */
function inputs(name: string, x: number[], w: number[]): string[] {
  writeFileSync(join(dir, `${name}-x.npy`), writeNpy(randomTensor(x, 1)));
  writeFileSync(join(dir, `${name}-w.npy`), writeNpy(randomTensor(w, 2)));
  return ['--x', `${name}-x.npy`, '--w', `${name}-w.npy`];
}

/** The index of a gradient element as (row, col) of its last two axes, plus the full index. */
interface At {
  readonly index: number[];
  readonly row: number;
  readonly col: number;
}

interface BugSetting {
  readonly x: number[];
  readonly w: number[];
  readonly options: string[];
  /** Where the bug's error may show, for each gradient it acts on (the settings and regions of inject.test.ts). */
  readonly regions: Partial<Record<GradientName, (at: At) => boolean>>;
}

const RANDOM_G = ['--grad', 'random:7'];
const TANH = ['--loss', 'l2', '--activation', 'tanh'];
const anywhere = () => true;

const SETTINGS: Record<BugName, BugSetting> = {
  // G = ones: only the partial windows at the top/left border (K-1 = 2 rows, L-1 = 1 column).
  'kernel-not-mirrored': { x: [6, 5], w: [3, 2], options: [], regions: { dX: (e) => e.row < 2 || e.col < 1 } },
  // G = ones on 7x6: the border bands and the last row and column.
  'padding-off-by-one': { x: [7, 6], w: [3, 2], options: [], regions: { dX: (e) => e.row < 2 || e.row === 6 || e.col < 1 || e.col === 5 } },
  'kernel-transposed': { x: [6, 7], w: [3, 3], options: [], regions: { dX: (e) => e.row < 2 || e.col < 2 } },
  // Valid padding: only the last row and the last column of the 6x5 dX.
  'seed-unpad': { x: [6, 5], w: [2, 3], options: ['--padding', 'valid', ...RANDOM_G], regions: { dX: (e) => e.row === 5 || e.col === 4 } },
  'stride-ignored': {
    x: [2, 7, 8],
    w: [3, 2, 3, 2],
    options: ['--padding', '1,1,0,1', '--stride', '2,3', ...TANH],
    regions: { dX: anywhere, dW: anywhere },
  },
  'dilation-ignored': { x: [7, 8], w: [2, 3], options: ['--dilation', '2', ...RANDOM_G], regions: { dX: anywhere, dW: anywhere } },
  'dw-not-mirrored': { x: [2, 6, 6], w: [2, 2, 3, 3], options: TANH, regions: { dW: anywhere } },
  'channels-swapped': { x: [1, 2, 5, 5], w: [2, 2, 2, 2], options: ['--op', 'xcorr', ...RANDOM_G], regions: { dX: anywhere } },
};

describe.concurrent('convgrad check --inject', () => {
  it.each(BUGS.map((bug) => [bug.name, bug] as const))('%s: exits 1, and the worst element lies where the bug acts', async (name, bug) => {
    const setting = SETTINGS[name];
    const run = await cli('check', ...inputs(name, setting.x, setting.w), ...setting.options, '--inject', name, '--out', `inject-${name}`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = readJson(`inject-${name}/report.json`);
    expect(report.verdict).toBe('fail');
    expect(report.inject).toEqual({ name, title: bug.title, explanation: bug.explanation, error_map: bug.errorMap });
    expect(run.stdout).toContain(bug.title);
    expect(run.stdout).toContain(bug.explanation);
    for (const gradient of ['dX', 'dW'] as const) {
      const region = setting.regions[gradient];
      const summary = report.gradients[gradient];
      // The gradient the bug does not act on stays exact.
      expect(summary.pass, `${name}: ${gradient}`).toBe(region === undefined);
      if (region) {
        const index: number[] = summary.worst[0].index;
        const at = { index, row: index[index.length - 2], col: index[index.length - 1] };
        expect(region(at), `${name}: worst ${gradient} element [${index}] outside the bug's region`).toBe(true);
      }
    }
  });

  it.each(BUGS.map((bug) => [bug.name] as const))('%s: no false alarm without the bug, in f64 and f32 with their defaults', async (name) => {
    const setting = SETTINGS[name];
    const run = await cli('check', ...inputs(`clean-${name}`, setting.x, setting.w), ...setting.options, '--compare-dtypes', '--json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect([report.precision.f64.verdict, report.precision.f32.verdict]).toEqual(['pass', 'pass']);
    expect(run.code).toBe(0);
  });

  it('a bug that changes nothing here exits 2 and says why', async () => {
    const run = await cli('check', ...inputs('noeffect', [5, 5], [3, 3]), '--inject', 'stride-ignored', '--out', 'noeffect');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('convgrad: --inject stride-ignored: has no effect here: the stride is 1, so there is no stride to forget\n');
    expect(readdirSync(dir)).not.toContain('noeffect');
  });

  it('a bug that cannot even be written for this problem exits 2 with one line', async () => {
    const run = await cli('check', ...inputs('impossible', [5, 5], [3, 2]), '--inject', 'kernel-transposed');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^convgrad: --inject kernel-transposed: .*not square.*\n$/);
  });

  it('an unknown bug name exits 2 listing the names', async () => {
    const run = await cli('check', ...inputs('unknown', [4, 4], [2, 2]), '--inject', 'off-by-two');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`convgrad: --inject: unknown bug 'off-by-two'; one of ${BUGS.map((b) => b.name).join(', ')}\n`);
  });
});

describe.concurrent('convgrad check --numerical fast and --compare-dtypes', () => {
  it('records the number of directions and the seed, and uses them', async () => {
    const fast = (seed: string, ...more: string[]) =>
      cli('check', ...inputs(`fast-${seed}`, [6, 6], [3, 3]), '--numerical', 'fast', '--directions', '3', '--seed', seed, ...more);
    const run = await fast('11', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.options).toMatchObject({ numerical: 'fast', directions: 3, seed: 11 });
    expect(report.directional.map((d: { gradient: string; direction: number }) => `${d.gradient}${d.direction}`)).toEqual(['dX0', 'dX1', 'dX2', 'dW0', 'dW1', 'dW2']);
    // Another seed gives other directions.
    const other = JSON.parse((await fast('12', '--json')).stdout);
    expect(other.directional[0].analytic).not.toBe(report.directional[0].analytic);
    const text = (await fast('11')).stdout;
    expect(text).toContain('fast mode: 3 random direction(s) per gradient, seed 11');
  });

  it('runs the same check in f64 and f32 with their own defaults, and is not a pass unless both pass', async () => {
    const files = inputs('precision', [5, 6], [3, 3]);
    const run = await cli('check', ...files, '--compare-dtypes', '--out', 'precision');
    expect(run.code).toBe(0);
    const { precision, verdict } = readJson('precision/report.json');
    expect(verdict).toBe('pass');
    expect(precision.f64).toMatchObject({ verdict: 'pass', h: 1e-6, atol: 1e-5, rtol: 1e-3 });
    expect(precision.f32).toMatchObject({ verdict: 'pass', h: 1e-6, atol: 1e-2, rtol: 1e-2 });
    expect(Object.keys(precision.f32.gradients)).toEqual(['dX', 'dW']);
    expect(run.stdout).toMatch(/ {4}f64 {2}PASS {2}h=0\.000001 .*\n {4}f32 {2}PASS {2}h=0\.000001 /);
    // A step below float64's resolution (both step points round to the same value) measures nothing,
    // in either dtype (both difference in float64): inconclusive (exit 4), not a failure of the gradient.
    const tiny = await cli('check', ...files, '--compare-dtypes', '--h', '1e-20', '--json');
    expect(tiny.code).toBe(4);
    const report = JSON.parse(tiny.stdout);
    expect([report.verdict, report.precision.f64.verdict, report.precision.f32.verdict]).toEqual(['inconclusive', 'inconclusive', 'inconclusive']);
  });
});

describe.concurrent('convgrad sweep', () => {
  it('writes sweep.csv with a parseable row per step, the best and the chosen h marked, and sweep.json', async () => {
    const run = await cli('sweep', ...inputs('sweep', [6, 6], [3, 3]), ...TANH, '--hs', '-1:-11:11', '--h', '1e-4', '--out', 'sweep');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'sweep')).sort()).toEqual(['convgrad-files.json', 'sweep.csv', 'sweep.json']);
    const [header, ...lines] = readFileSync(join(dir, 'sweep', 'sweep.csv'), 'utf8').trimEnd().split('\n');
    const columns = header.split(',');
    expect(columns.slice(0, 6)).toEqual(['h', 'max_abs', 'median_abs', 'max_rel', 'median_rel', 'nonfinite']);
    expect(columns).toContain('dX_median_abs');
    expect(columns).toContain('dW_max_rel');
    expect(columns.slice(-2)).toEqual(['chosen', 'best']);
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], Number(v)])));
    expect(rows).toHaveLength(11);
    for (const row of rows) for (const v of Object.values(row)) expect(Number.isNaN(v)).toBe(false);
    expect(rows.map((r) => r.h)).toEqual([1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11]);
    const best = rows.filter((r) => r.best === 1);
    expect(best).toHaveLength(1);
    expect(best[0].max_abs).toBe(Math.min(...rows.map((r) => r.max_abs)));
    // l2 + tanh is curved: the best step lies inside the range, away from both ends.
    expect(best[0].h).toBeLessThan(1e-1);
    expect(best[0].h).toBeGreaterThan(1e-11);
    expect(rows.filter((r) => r.chosen === 1).map((r) => r.h)).toEqual([1e-4]);
    const json = readJson('sweep/sweep.json');
    expect(json.sweep.best.h).toBe(best[0].h);
    expect(json.sweep.chosen.h).toBe(1e-4);
    expect(json.sweep.points.map((p: { maxAbs: number }) => p.maxAbs)).toEqual(rows.map((r) => r.max_abs));
    expect(json.options).toMatchObject({ hs: rows.map((r) => r.h), elements: 256, seed: 0, taylor: false, h: 1e-4 });
    expect(json.taylor).toBeUndefined();
    expect(run.stdout).toMatch(/\n +1e-4 .* chosen\n/);
    expect(run.stdout).toContain('truncation error ~ h^2');
  });

  it('--taylor: slope 2 for the correct gradient, slope 1 where an injected bug acts', async () => {
    const files = inputs('taylor', [6, 6], [3, 3]);
    const correct = JSON.parse((await cli('sweep', ...files, ...TANH, '--hs', '-1:-7:13', '--taylor', '--json')).stdout);
    for (const series of correct.taylor.series) expect(series.slope1).toBeCloseTo(2, 0);
    const run = await cli('sweep', ...files, ...TANH, '--hs', '-1:-7:13', '--taylor', '--inject', 'dw-not-mirrored', '--out', 'taylor-bug');
    expect(run.code).toBe(0);
    const json = readJson('taylor-bug/sweep.json');
    const [x, w] = json.taylor.series;
    expect([x.parameter, w.parameter]).toEqual(['x', 'w']);
    expect(x.slope1).toBeCloseTo(2, 0);
    expect(w.slope1).toBeCloseTo(1, 0);
    expect(json.inject.name).toBe('dw-not-mirrored');
    expect(run.stdout).toMatch(/ X {2}slope r0 1\.\d\d {2}r1 [12]\.\d\d {2}gradient consistent/);
    expect(run.stdout).toMatch(/ W {2}slope r0 1\.\d\d {2}r1 [01]\.\d\d {2}gradient WRONG/);
    // A wrong gradient puts a floor under the curve: no step gets dW's error below the bug's size.
    const dW = json.sweep.points.map((p: { dW: { maxAbs: number } }) => p.dW.maxAbs);
    expect(Math.min(...dW)).toBeGreaterThan(1e-3);
  });

  it('rejects bad steps and check-only options with one line', async () => {
    const files = inputs('sweep-bad', [4, 4], [2, 2]);
    const bad = async (args: string[], line: string) => {
      const run = await cli('sweep', ...files, ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`convgrad: ${line}\n`);
    };
    await bad(['--hs', '1e-2,0'], '--hs: must be > 0, got 0');
    await bad(['--atol', '1'], "--atol: unknown option (see 'convgrad sweep --help')");
  });
});
