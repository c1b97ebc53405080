// Whole commands, as a user meets them: every run is a fresh `node bin/convgrad.js` process, so
// each figure includes Node's start-up, loading the CLI, reading files, the first (cold) run of
// every loop and writing the results. The references run the same way in fresh processes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNpy } from '../../src/formats/npy';
import { randomTensor } from '../problems';
import { median } from '../timing';
import type { Reference, Row, Target } from '../row';
import type { BenchCase } from './case';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'bin', 'convgrad.js');
const PYTHON = '/usr/bin/python3';
const RUNS = 5;

interface Run {
  readonly wall_ms: number;
  readonly stdout: string;
}

/** One fresh process; its wall time from spawn to exit. */
function runOnce(command: string, args: readonly string[], okStatus: readonly number[] = [0]): Run {
  const t0 = performance.now();
  const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wall_ms = performance.now() - t0;
  if (child.error) throw child.error;
  if (!okStatus.includes(child.status ?? -1)) throw new Error(`${path.basename(command)} ${args.join(' ')}: exit ${child.status}: ${child.stderr.trim().split('\n')[0]}`);
  return { wall_ms, stdout: child.stdout };
}

function runMany(command: string, args: readonly string[], okStatus?: readonly number[]): Run[] {
  return Array.from({ length: RUNS }, () => runOnce(command, args, okStatus));
}

function timingOf(runs: readonly Run[]) {
  const samples_ms = runs.map((r) => r.wall_ms);
  // CPU time is not observable for a child from here; wall time of an idle start is what users see.
  return { median_ms: median(samples_ms), samples_ms, median_cpu_ms: median(samples_ms), warmup_ms: samples_ms[0] };
}

function randomNpy(file: string, shape: number[], seed: number): void {
  writeFileSync(file, writeNpy(randomTensor(shape, seed)));
}

function pythonAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import scipy'], { encoding: 'utf8' }).status === 0;
}

/** `convgrad --help` against a bare `node -e 0`: what starting the CLI costs on top of Node. */
export function cliStartCase(): BenchCase {
  return {
    scipy: [],
    run(): Row {
      runOnce(process.execPath, ['-e', '0']); // the file cache, not the process, is warmed
      const bare = timingOf(runMany(process.execPath, ['-e', '0']));
      const help = timingOf(runMany(process.execPath, [CLI, '--help']));
      const overhead = help.median_ms - bare.median_ms;
      const target: Target = { text: '≤ node -e 0 + 100 ms', met: overhead <= 100, basis: `node -e 0 measured now (${bare.median_ms.toFixed(0)} ms)` };
      return {
        id: 'cli-start',
        title: 'whole command: convgrad --help (fresh process)',
        convgrad: { ...help, madds: 0, madd_per_ns: 0, parts: { 'over bare node': overhead } },
        references: [{ label: 'node -e 0', ms: bare.median_ms }],
        target,
      };
    },
  };
}

interface Report {
  readonly timings_ms: { readonly forward: number; readonly vjp: number; readonly numerical?: number | null };
}

/** Python with scipy computing Y, dX and dW of the same arrays with convolve2d, in a fresh process. */
function scipyWholeReference(dir: string): Reference {
  if (!pythonAvailable()) return { label: 'python3 + scipy convolve2d Y, dX, dW (fresh process)', ms: null, note: 'scipy not available' };
  const script = [
    'import sys, numpy as np',
    'from scipy.signal import convolve2d, correlate2d',
    `x = np.load(${JSON.stringify(path.join(dir, 'x.npy'))}); w = np.load(${JSON.stringify(path.join(dir, 'w.npy'))}); g = np.load(${JSON.stringify(path.join(dir, 'g.npy'))})`,
    'y = convolve2d(np.pad(x, ((0, w.shape[0]-1), (0, w.shape[1]-1))), w, mode="valid")',
    'dx = correlate2d(np.pad(g, ((w.shape[0]-1, 0), (w.shape[1]-1, 0))), w, mode="valid")',
    'dw = correlate2d(np.pad(x, ((0, w.shape[0]-1), (0, w.shape[1]-1))), g, mode="valid")[::-1, ::-1]',
  ].join('\n');
  const runs = runMany(PYTHON, ['-c', script]);
  return { label: 'python3 + scipy convolve2d Y, dX, dW (fresh process, no numerical map)', ms: median(runs.map((r) => r.wall_ms)) };
}

/**
 * `convgrad check` of an H×W random array with a random K×K kernel and a random dL/dY, the whole
 * command in a fresh process each time. The report's own timings say how much of the wall time
 * was computing; the rest (start-up, reading, writing) is the overhead the issue bounds.
 */
export function wholeCheckCase(size: number, kernel: number, numerical: 'full' | 'none'): BenchCase {
  const label = `${size}²·${kernel}×${kernel}`;
  return {
    scipy: [],
    run(): Row {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'convgrad-bench-cli-'));
      try {
        randomNpy(path.join(dir, 'x.npy'), [size, size], 1);
        randomNpy(path.join(dir, 'w.npy'), [kernel, kernel], 2);
        randomNpy(path.join(dir, 'g.npy'), [size, size], 3);
        const args = [CLI, 'check', '--x', path.join(dir, 'x.npy'), '--w', path.join(dir, 'w.npy'), '--grad', path.join(dir, 'g.npy'), '--numerical', numerical, '--json'];
        // Exit 0 (pass) is the only acceptable outcome of a full check; without a numerical map
        // the verdict is "not checked", whatever code a CLI version gives it.
        const runs = runMany(process.execPath, args, numerical === 'full' ? [0] : [0, 4]);
        const reports = runs.map((r) => JSON.parse(r.stdout) as Report);
        const computed = median(reports.map((r) => r.timings_ms.forward + r.timings_ms.vjp + (r.timings_ms.numerical ?? 0)));
        const forwardVjp = median(reports.map((r) => r.timings_ms.forward + r.timings_ms.vjp));
        const timing = timingOf(runs);
        const overhead = timing.median_ms - computed;
        const target: Target = { text: 'whole − computed ≤ 250 ms', met: overhead <= 250, basis: "the report's own timings of each run" };
        return {
          id: `cli-check-${numerical}-${size}-${kernel}`,
          title: `whole command: convgrad check ${label}, numerical ${numerical} (fresh process)`,
          convgrad: { ...timing, madds: 0, madd_per_ns: 0, parts: { computed, 'cold forward+VJP': forwardVjp, overhead } },
          references: [scipyWholeReference(dir)],
          target,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
