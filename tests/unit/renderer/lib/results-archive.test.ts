// "Export results…" writes what `convgrad check --out` writes for the same problem: the same
// arrays bit for bit and the same report.json (both mapped by src/export/report.ts), except where
// the two must differ: the wall times in timings_ms, measured anew by each run, and inputs.bias,
// a file for the CLI but the app's own bias (named "bias"), which no file holds.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../../src/core/conv/analyze';
import { checkOptionsOf, fillHere, runPipeline } from '../../../../src/core/check/pipeline';
import type { CheckSettings } from '../../../../src/core/check/types';
import { DEFAULT_TOLERANCE } from '../../../../src/core/problem/defaults';
import type { Problem } from '../../../../src/core/problem/types';
import { BUGS } from '../../../../src/core/study/inject';
import { writeNpy } from '../../../../src/formats/npy';
import { resultsFileSet } from '../../../../src/renderer/lib/results-archive';
import { comparisonsOf } from '../../../../src/worker/compute/pooled-numerical';
import { testedGradients, withComparisons } from '../../../../src/worker/compute/under-test';
import type { GradientSubject } from '../../../../src/worker/discrepancy/discrepancy-protocol';
import { MIXED_PROBLEM, randomTensor } from '../../support/problems';

const BIN = resolve('bin/convgrad.js');

// Two channels, a bias, reflect padding and ReLU with a target: every options key has a say.
const problem: Problem = { ...MIXED_PROBLEM, loss: { kind: 'l2', activation: 'relu', target: { kind: 'array', value: randomTensor([2, 9, 8], 4) } } };
// The app's settings with h left to ConvGrad; the CLI gets the tolerance spelled out, as the app always passes one.
const settings: CheckSettings = { method: 'central', h: 1e-6, autoStep: true, tolerance: DEFAULT_TOLERANCE, worst: 10, kinkConvention: 'zero' };
const inputs = { x: 'x.npy', w: 'w.npy', bias: 'bias', target: 't.npy' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convgrad-export-'));
  writeFileSync(join(dir, 'x.npy'), writeNpy(problem.x));
  writeFileSync(join(dir, 'w.npy'), writeNpy(problem.w));
  writeFileSync(join(dir, 'b.npy'), writeNpy(problem.bias!));
  if (problem.loss.kind === 'l2' && problem.loss.target.kind === 'array') writeFileSync(join(dir, 't.npy'), writeNpy(problem.loss.target.value));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The result set the app exports: the compute worker's assembly of the pipeline's result (any filler gives the same map, pipeline.test.ts). */
async function appExport(subject: GradientSubject): Promise<Map<string, Uint8Array | string>> {
  const analysis = analyze(problem);
  const tested = testedGradients(problem, analysis, subject);
  const run = await runPipeline(problem, checkOptionsOf(settings, tested), fillHere, analysis);
  const compared = withComparisons(analysis, tested, comparisonsOf(run!.result), settings.tolerance, settings.worst);
  const bug = subject.kind === 'bug' ? BUGS.find((b) => b.name === subject.bug) : undefined;
  return resultsFileSet({
    problem,
    options: settings,
    analysis: { ...analysis, ...(tested ? { tested } : {}) },
    compared,
    numericalMs: run!.result.timings_ms.numerical,
    inputs,
    imageMode: 'luma',
    ...(bug ? { bug } : {}),
  });
}

/** `convgrad check --out` on the same files, run from their folder so it names them as the app does. */
function cliExport(out: string, ...extra: string[]): Promise<Map<string, Uint8Array>> {
  const args = [
    ...['check', '--x', 'x.npy', '--w', 'w.npy', '--bias', 'b.npy', '--loss', 'l2', '--activation', 'relu', '--target', 't.npy'],
    ...['--padding', 'same', '--padding-mode', 'reflect', '--atol', String(settings.tolerance.atol), '--rtol', String(settings.tolerance.rtol)],
    ...['--out', out, ...extra],
  ];
  return new Promise((done, fail) =>
    execFile(process.execPath, [BIN, ...args], { cwd: dir }, (error, _stdout, stderr) => {
      if (error && error.code !== 1) return fail(new Error(`convgrad ${args.join(' ')}: ${stderr}`));
      done(new Map(readdirSync(join(dir, out)).map((name) => [name, new Uint8Array(readFileSync(join(dir, out, name)))])));
    }),
  );
}

const text = (content: Uint8Array | string | undefined) => (typeof content === 'string' ? content : new TextDecoder().decode(content));
/** The report without what must differ: timings_ms (whose keys must not) and inputs.bias (which must be there). */
const comparable = (json: string) => {
  const { timings_ms: timings, inputs, ...rest } = JSON.parse(json) as { timings_ms: Record<string, number>; inputs: Record<string, string> };
  expect(Object.keys(timings).sort()).toEqual(['forward', 'numerical', 'vjp']);
  const { bias, ...named } = inputs;
  expect(bias).toBeTypeOf('string');
  return { ...rest, inputs: named };
};

describe.concurrent('Export results against convgrad check --out', () => {
  for (const [title, subject, extra] of [
    ['ConvGrad’s own VJP', { kind: 'own' }, []],
    ['an injected bug (inject, diagnosis, the gradients under test as dX.npy and dW.npy)', { kind: 'bug', bug: 'kernel-not-mirrored' }, ['--inject', 'kernel-not-mirrored']],
  ] as const) {
    it(`writes the same arrays and report.json but for timings and the bias's name: ${title}`, async () => {
      const [app, cli] = await Promise.all([appExport(subject), cliExport(`out-${subject.kind}`, ...extra)]);
      const arrays = [...cli.keys()].filter((name) => name.endsWith('.npy')).sort();
      expect(arrays).toContain('dX_errbar.npy');
      expect([...app.keys()].filter((name) => name.endsWith('.npy')).sort()).toEqual(arrays);
      for (const name of arrays) expect(Buffer.compare(Buffer.from(app.get(name) as Uint8Array), Buffer.from(cli.get(name)!)), name).toBe(0);
      const appReport = comparable(text(app.get('report.json')));
      expect(appReport).toEqual(comparable(text(cli.get('report.json'))));
      expect(appReport).toMatchObject(subject.kind === 'bug' ? { verdict: 'fail', inject: { name: 'kernel-not-mirrored' } } : { verdict: 'pass' });
      if (subject.kind === 'bug') expect(Object.keys(appReport)).toContain('diagnosis');
    });
  }
});
