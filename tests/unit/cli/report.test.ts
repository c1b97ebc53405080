import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/cli/args';
import type { CliOptions } from '../../../src/cli/check-args';
import { buildReport } from '../../../src/cli/report';
import { reportJson } from '../../../src/export/report';
import { formatSummary } from '../../../src/cli/summary';
import type { CheckResult } from '../../../src/core/check/check';
import { BUGS } from '../../../src/core/study/inject';
import type { GradientSummary, Problem, Tensor } from '../../../src/core/problem/types';

const t = (shape: number[], values: number[]): Tensor => ({ shape, data: Float64Array.from(values) });

function cliOptions(...argv: string[]): CliOptions {
  const command = parseArgs(['check', '--x', 'x.npy', ...argv]);
  if (command.kind !== 'check') throw new Error('expected check');
  return command.options;
}

const counts = { atol: 1e-5, rtol: 1e-3, rel_floor: 1e-5, inconclusive: 0, kinked: 0, interval: 0, max_errbar: 1e-9, scale: 5 };
const failing: GradientSummary = {
  ...counts,
  verdict: 'fail',
  pass: false,
  max_abs: Infinity,
  max_rel: NaN,
  rel_count: 3,
  rms: 1.5,
  failing: 2,
  count: 4,
  nonfinite: 1,
  kinked: 1,
  worst: [
    { index: [0, 1], analytic: NaN, numerical: 2, abs: NaN, rel: NaN, errbar: 1e-9, spread: 0, judged: 'fail' },
    { index: [1, 1], analytic: 5, numerical: 4, abs: 1, rel: 0.25, errbar: 1e-9, spread: 0, judged: 'fail' },
    { index: [0, 0], analytic: 1.000001, numerical: 1, abs: 1e-6, rel: 1e-6, errbar: 1e-9, spread: 0, judged: 'pass' },
    { index: [1, 0], analytic: 1, numerical: 1, abs: 0, rel: 0, errbar: 1e-9, spread: 0, judged: 'pass' },
  ],
};
const passing: GradientSummary = { ...counts, verdict: 'pass', pass: true, max_abs: 0, max_rel: 0, rel_count: 0, rms: 0, failing: 0, count: 1, nonfinite: 0, worst: [] };

const problem: Problem = {
  x: t([2, 2], [1, 2, 3, 4]),
  w: t([1, 1], [1]),
  bias: t([1], [0]),
  conv: cliOptions().conv,
  loss: { kind: 'linear', grad: { kind: 'ones' } },
  dtype: 'f64',
};

const result = {
  y: t([2, 2], [1, 2, 3, 4]),
  gy: t([2, 2], [1, 1, 1, 1]),
  loss: 10,
  analytic: { dX: t([2, 2], [1, 1, 1, 1]), dW: t([1, 1], [10]), db: t([1], [4]) },
  summaries: { dX: failing, dW: passing, db: passing },
  verdict: 'fail',
  diagnosis: {},
  timings_ms: { forward: 0.25, vjp: 0.5, numerical: 3 },
} as CheckResult;

describe('buildReport', () => {
  it('has every documented key, with shapes, resolved options and inputs', () => {
    const options = cliOptions('--w', 'k.npy', '--bias', 'b.csv', '--grad', 'g.npy', '--analytic-dx', 'dx.npy', '--stride', '1,1');
    // The options say where the inputs came from; the problem loaded from them says what they are.
    const loaded: Problem = { ...problem, loss: { kind: 'linear', grad: { kind: 'array', value: t([2, 2], [1, 1, 1, 1]) } } };
    const report = buildReport(result, loaded, options, '9.9.9');
    expect(Object.keys(report).sort()).toEqual(['gradients', 'inputs', 'loss', 'options', 'shapes', 'timings_ms', 'verdict', 'version']);
    expect(report.verdict).toBe('fail');
    expect(report.gradients).toEqual({ dX: failing, dW: passing, db: passing });
    expect(report.shapes).toEqual({ x: [2, 2], w: [1, 1], bias: [1], y: [2, 2] });
    expect(report.options).toEqual({
      op: 'conv',
      padding: 'seed',
      padding_mode: 'zeros',
      stride: [1, 1],
      dilation: [1, 1],
      dtype: 'f64',
      loss: 'linear',
      grad: 'file',
      method: 'central',
      h: 1e-6,
      atol: 1e-5,
      rtol: 1e-3,
      numerical: 'full',
      reference: false,
      kink_convention: 'zero',
      h_auto: true,
      image_mode: 'luma',
    });
    expect(report.inputs).toEqual({ x: 'x.npy', w: 'k.npy', bias: 'b.csv', grad: 'g.npy', analytic_dx: 'dx.npy' });
    expect(report.timings_ms).toEqual({ forward: 0.25, vjp: 0.5, numerical: 3 });
    expect(report.version).toBe('9.9.9');
  });

  it('records the l2 loss options and preset kernels', () => {
    const options = cliOptions('--loss', 'l2', '--activation', 'relu', '--target', 't.npy', '--padding', '0,1,0,1');
    const l2: Problem = { ...problem, conv: options.conv, loss: { kind: 'l2', activation: 'relu', target: { kind: 'array', value: t([2, 2], [0, 0, 0, 0]) } } };
    const report = buildReport(result, l2, options, '1');
    expect(report.options).toMatchObject({ loss: 'l2', activation: 'relu', target: 'file', padding: [0, 1, 0, 1] });
    expect(report.options.grad).toBeUndefined();
    expect(report.inputs).toEqual({ x: 'x.npy', w: 'sobel-x', target: 't.npy' });
  });

  it('keeps the directional checks of a fast run', () => {
    const directional = [{ gradient: 'dX', direction: 0, analytic: 1, numerical: 1, abs: 0, rel: 0, pass: true }];
    const report = buildReport({ ...result, directional } as CheckResult, problem, cliOptions('--numerical', 'fast'), '1');
    expect(report.directional).toEqual(directional);
  });
});

describe('buildReport for discrepancy hunting', () => {
  it('describes an injected bug with the catalogue text', () => {
    const bug = BUGS.find((b) => b.name === 'seed-unpad')!;
    const report = buildReport(result, problem, cliOptions('--inject', 'seed-unpad'), '1', { bug });
    expect(report.inject).toEqual({ name: 'seed-unpad', title: bug.title, explanation: bug.explanation, error_map: bug.errorMap });
    const text = formatSummary(report);
    expect(text).toContain(`injected bug: ${bug.title} (seed-unpad)\n    ${bug.explanation}\n`);
    expect(buildReport(result, problem, cliOptions(), '1').inject).toBeUndefined();
  });

  it('records fast mode\'s directions and seed in the options and the summary', () => {
    const report = buildReport(result, problem, cliOptions('--numerical', 'fast', '--directions', '2', '--seed', '5'), '1');
    expect(report.options).toMatchObject({ numerical: 'fast', directions: 2, seed: 5 });
    expect(formatSummary(report)).toContain('fast mode: 2 random direction(s) per gradient, seed 5');
    expect(buildReport(result, problem, cliOptions(), '1').options.directions).toBeUndefined();
  });

  it('puts both dtypes side by side, and fails if either fails', () => {
    const passed = { ...result, summaries: { dX: passing, dW: passing }, verdict: 'pass' } as CheckResult;
    const options = cliOptions('--compare-dtypes');
    const both = (f64: CheckResult, f32: CheckResult) => buildReport(f64, problem, options, '1', { f32 });
    const report = both(passed, result);
    expect(report.verdict).toBe('fail');
    expect(report.gradients).toEqual(passed.summaries);
    expect(report.precision).toEqual({
      f64: { verdict: 'pass', h: 1e-6, atol: 1e-5, rtol: 1e-3, gradients: passed.summaries },
      f32: { verdict: 'fail', h: 1e-6, atol: 1e-2, rtol: 1e-2, gradients: result.summaries },
    });
    expect(both(result, passed).verdict).toBe('fail');
    expect(both(passed, passed).verdict).toBe('pass');
    const text = formatSummary(report);
    expect(text).toContain('    f64  PASS  h=0.000001 atol=0.00001 rtol=0.001  dX max abs 0.00e+0 failing 0/1  dW max abs 0.00e+0 failing 0/1\n');
    expect(text).toContain('    f32  FAIL  h=0.000001 atol=0.01 rtol=0.01  dX max abs Infinity failing 2/4  dW max abs 0.00e+0 failing 0/1  db max abs 0.00e+0 failing 0/1\n');
  });
});

describe('reportJson', () => {
  it('writes NaN and infinities as strings so the output is valid JSON', () => {
    const json = reportJson(buildReport(result, problem, cliOptions(), '1'));
    const parsed = JSON.parse(json);
    expect(parsed.gradients.dX.max_abs).toBe('Infinity');
    expect(parsed.gradients.dX.max_rel).toBe('NaN');
    expect(parsed.gradients.dX.worst[0]).toEqual({ index: [0, 1], analytic: 'NaN', numerical: 2, abs: 'NaN', rel: 'NaN', errbar: 1e-9, spread: 0, judged: 'fail' });
    expect(parsed.gradients.dX.rms).toBe(1.5);
    expect(JSON.parse(reportJson({ ...buildReport(result, problem, cliOptions(), '1'), loss: -Infinity })).loss).toBe('-Infinity');
  });
});

describe('formatSummary', () => {
  const text = formatSummary(buildReport(result, problem, cliOptions(), '1'), 'results');
  const lines = text.trimEnd().split('\n');

  it('leads with the verdict and the pass rule, and gives each gradient its verdict, errors and counts', () => {
    expect(lines[0]).toBe('convgrad check: FAIL');
    expect(text).toContain("pass rule per element: |analytic - numerical| <= atol + rtol*|numerical| + error bar; kinks judged by convention 'zero'");
    expect(text).toMatch(/dX {2}FAIL {2}max abs Infinity {2}max rel NaN \(over 3 above 1\.00e-5\) {2}failing 2\/4 {2}inconclusive 0 {2}kinked 1 {2}by interval 0 {2}non-finite 1/);
    // max rel over no element is not shown as a perfect 0.
    expect(text).toMatch(/dW {2}pass {2}max abs 0\.00e\+0 {2}max rel n\/a \(no value above 1\.00e-5\) {2}failing 0\/1/);
    expect(text).toMatch(/db {2}pass/);
  });

  it('shows the three worst elements with index, verdict, both values and the error bar', () => {
    expect(text).toContain('[0,1] fail  analytic NaN  numerical 2 ±1.00e-9');
    expect(text).toContain('[1,1] fail  analytic 5  numerical 4 ±1.00e-9  abs 1.00e+0  rel 2.50e-1');
    expect(text).toContain('[0,0] pass  analytic 1.000001  numerical 1');
    expect(text).not.toContain('[1,0]');
  });

  it('says "not checked" when no numerical gradient was computed', () => {
    const none = buildReport({ ...result, summaries: {}, verdict: 'not checked' } as CheckResult, problem, cliOptions('--numerical', 'none'), '1');
    expect(none.verdict).toBe('not checked');
    expect(formatSummary(none)).toMatch(/^convgrad check: NOT CHECKED\n[\s\S]*not checked: no numerical gradient was computed/);
  });

  it('ends with timings and where results went', () => {
    expect(text).toContain('timings: forward 0.3 ms, vjp 0.5 ms, numerical 3.0 ms');
    expect(lines.at(-1)).toBe('  results written to results');
  });
});
