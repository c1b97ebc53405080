import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's python3 has scipy here; the python3 first on PATH may not. Override with CONVGRAD_BENCH_PYTHON. */
const PYTHON = process.env.CONVGRAD_BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./scipy_reference.py', import.meta.url));

export interface ScipyRequest {
  readonly id: string;
  readonly h: number;
  readonly w: number;
  readonly k: number;
  readonly l: number;
  readonly work: 'forward' | 'forward+vjp';
  readonly method: 'convolve2d' | 'fftconvolve';
  readonly reps: number;
}

export interface ScipyTiming {
  readonly median_ms: number;
  readonly samples_ms: number[];
  readonly median_cpu_ms: number;
}

export type ScipyOutcome =
  | { readonly available: true; readonly python: string; readonly scipy: string; readonly numpy: string; readonly results: Record<string, ScipyTiming> }
  | { readonly available: false; readonly reason: string };

function firstLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/** Times the requests with bench/scipy_reference.py, or says why scipy could not be used. */
export function runScipy(requests: readonly ScipyRequest[]): ScipyOutcome {
  const probe = spawnSync(PYTHON, ['-c', 'import scipy.signal'], { encoding: 'utf8' });
  if (probe.error) return { available: false, reason: `${PYTHON} not runnable (${probe.error.message})` };
  if (probe.status !== 0) return { available: false, reason: `${PYTHON} cannot import scipy: ${firstLine(probe.stderr)}` };
  const run = spawnSync(PYTHON, [SCRIPT, JSON.stringify(requests)], { encoding: 'utf8', timeout: 120_000 });
  if (run.error || run.status !== 0) {
    return { available: false, reason: `bench/scipy_reference.py failed: ${firstLine(run.stderr) || run.error?.message || `exit ${run.status}`}` };
  }
  try {
    const parsed = JSON.parse(run.stdout) as Omit<Extract<ScipyOutcome, { available: true }>, 'available'>;
    return { available: true, ...parsed };
  } catch {
    return { available: false, reason: `bench/scipy_reference.py printed no JSON: ${firstLine(run.stdout)}` };
  }
}
