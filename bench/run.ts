// `npm run bench`: times ConvGrad's core on the cases, prints a table on stdout and
// writes the same results with every sample to bench/results/latest.json. Progress goes to stderr.
// `npm run bench -- 3 7` runs cases 3 and 7 only (the table's # column), and writes latest.json
// only for a whole run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './cases/case';
import { CASES } from './cases/index';
import { notMeasuredRows } from './cases/not-measured';
import { uiRows } from './cases/ui';
import { machineFacts, type MachineFacts } from './machine';
import type { Row } from './row';
import { runScipy, type ScipyOutcome, type ScipyRequest } from './scipy';
import { CONTENDED_MARK, renderNotes, renderTable } from './table';
import { readUiResults } from './ui-results';

/** How the Madd/ns column is counted (see bench/madds.ts and docs/BENCHMARKS.md). */
const FORMULAS = {
  forward: 'N·Cout·Ho·Wo·Cin·K·L',
  vjp: '2·N·Cout·Ho·Wo·Cin·K·L (one madd into dX and one into dW per output and tap)',
  numerical_dX: '3·N·Cin·Cout·R(H,K)·R(W,L), R(n,k) = Σ_a min(a+1,k) outputs reading input a per axis (each reached output\'s tap taken out of Y, added back at both points)',
  numerical_dW: 'N·Cout·Ho·Wo·Cin·K·L + 3·Cout·N·Ho·Wo·Cin·K·L (Y once, then per tap and output: its term subtracted from Y, added back at both points)',
  seed_method: '2 full forwards per perturbed value',
};

function header(machine: MachineFacts, scipy: ScipyOutcome): string {
  const load = machine.loadavg[0];
  return [
    `ConvGrad bench, ${machine.date}, commit ${machine.commit}${machine.coreDirty ? ' + uncommitted changes in src/core' : ''}`,
    `${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${machine.platform}, load average ${machine.loadavg.join(' ')}` +
      (load > machine.cores / 2 ? ' (busy machine: timings are inflated and noisy)' : ''),
    scipy.available
      ? `scipy ${scipy.scipy} (numpy ${scipy.numpy}, python ${scipy.python}), single-threaded`
      : `scipy: not available (${scipy.reason}); scipy columns show n/a and targets fall back to the issue's figures`,
    'Each case in a fresh process; ConvGrad and JS references: median wall time after warm-up runs, one thread (the pool row: worker threads); cold: the first run in that fresh process.',
    'Whole-command rows: every run is a fresh `node bin/convgrad.js` process (start-up, reading, computing, writing); their references too.',
    'UI rows: the last run of tests/e2e/performance.spec.ts on this machine (bench/results/ui.json), with its date.',
    'speedup = reference time / ConvGrad time; ~ marks a time estimated from a sample (see the notes).',
    CONTENDED_MARK,
  ].join('\n');
}

/** Each distinct scipy request once, even when several cases compare with it. */
function distinctRequests(cases: readonly BenchCase[]): ScipyRequest[] {
  const byId = new Map<string, ScipyRequest>();
  for (const c of cases) for (const r of c.scipy) byId.set(r.id, r);
  return [...byId.values()];
}

/** Runs case `index` in a fresh process (see run-case.ts); a crash becomes a row that says so. */
function runIsolated(index: number, scipyPath: string): Row {
  const script = fileURLToPath(new URL('./run-case.ts', import.meta.url));
  const child = spawnSync(process.execPath, [...process.execArgv, script, String(index), scipyPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status === 0) return { ...(JSON.parse(child.stdout) as Row), caseNumber: index + 1 };
  const lines = (child.stderr || child.error?.message || `exit ${child.status}`).trim().split('\n');
  // Node prints the source line of a throw before the error itself.
  const why = lines.find((line) => /\w*Error\b/.test(line)) ?? lines[0];
  return { id: `case-${index}`, caseNumber: index + 1, title: `case ${index + 1}`, references: [], failed: why };
}

/** The cases the command line asks for (numbers from 1), or every case. */
function chosenCases(args: readonly string[]): number[] {
  const all = CASES.map((_, i) => i);
  if (args.length === 0) return all;
  return args.map((arg) => {
    const n = Number(arg);
    if (!Number.isInteger(n) || n < 1 || n > CASES.length) {
      process.stderr.write(`bench: no case '${arg}' (cases are numbered 1 to ${CASES.length}, as in the table's # column)\n`);
      process.exit(2);
    }
    return n - 1;
  });
}

function main(): void {
  const chosen = chosenCases(process.argv.slice(2));
  const whole = chosen.length === CASES.length;
  const machine = machineFacts();
  const started = performance.now();
  process.stderr.write('bench: scipy references...\n');
  const scipy = runScipy(distinctRequests(chosen.map((i) => CASES[i])));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'convgrad-bench-'));
  const scipyPath = path.join(scratch, 'scipy.json');
  writeFileSync(scipyPath, JSON.stringify(scipy));
  let measured: Row[];
  try {
    measured = chosen.map((i) => {
      process.stderr.write(`bench: case ${i + 1}/${CASES.length}...\n`);
      return runIsolated(i, scipyPath);
    });
  } finally {
    rmSync(scratch, { recursive: true });
  }
  const rows: Row[] = whole ? [...measured, ...uiRows(readUiResults()), ...notMeasuredRows()] : measured;
  const elapsed_s = (performance.now() - started) / 1000;

  if (whole) {
    const out = fileURLToPath(new URL('./results/latest.json', import.meta.url));
    mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    writeFileSync(out, `${JSON.stringify({ generated_by: 'npm run bench', elapsed_s, machine, scipy, formulas: FORMULAS, rows }, null, 2)}\n`);
  }

  console.log(header(machine, scipy));
  console.log();
  console.log(renderTable(rows));
  console.log();
  console.log(renderNotes(rows));
  console.log();
  console.log(`Finished in ${elapsed_s.toFixed(0)} s.${whole ? ' JSON with every sample: bench/results/latest.json' : ''}`);
}

main();
