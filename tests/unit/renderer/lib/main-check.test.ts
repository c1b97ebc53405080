// The panel's check of ConvGrad's own VJP takes the main check's finished map only when the main
// check answered exactly that question: the same problem, ConvGrad's VJP, the same settings.
import { describe, expect, it } from 'vitest';
import { runPipeline, fillHere } from '../../../../src/core/check/pipeline';
import { comparisonsOf } from '../../../../src/worker/compute/pooled-numerical';
import { ownCheckFromMain } from '../../../../src/renderer/lib/main-check';
import type { CheckRequest, NumericalState } from '../../../../src/renderer/state/check-session.svelte';
import type { CheckSettings } from '../../../../src/core/check/types';
import { MIXED_PROBLEM } from '../../support/problems';

const options: CheckSettings = { method: 'central', h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 10 };
const settings = { method: options.method, h: options.h, tolerance: options.tolerance, worst: options.worst };

describe('ownCheckFromMain', async () => {
  const run = (await runPipeline(MIXED_PROBLEM, { numerical: 'full', ...options }, fillHere))!;
  const done: NumericalState = { status: 'done', result: comparisonsOf(run.result), elapsedMs: 123 };
  const request: CheckRequest = { problem: MIXED_PROBLEM, labels: {}, options, autoNumerical: true };

  it('is the main check when it checked ConvGrad\'s VJP of the same problem with the same settings', () => {
    const check = ownCheckFromMain(request, done, MIXED_PROBLEM, settings)!;
    expect(check.verdict).toBe(run.result.verdict);
    expect(check.gradients.dX!.summary).toBe(run.result.summaries.dX);
    expect(check.gradients.dW!.error).toBe(run.result.error!.dW);
    expect(check.ms).toBe(123);
  });

  it('is nothing when anything differs', () => {
    expect(ownCheckFromMain(request, { status: 'running', startedAt: 0, progress: null, reports: [] }, MIXED_PROBLEM, settings)).toBeUndefined();
    expect(ownCheckFromMain(request, done, { ...MIXED_PROBLEM }, settings)).toBeUndefined();
    expect(ownCheckFromMain(request, done, MIXED_PROBLEM, { ...settings, h: 1e-5 })).toBeUndefined();
    expect(ownCheckFromMain(request, done, MIXED_PROBLEM, { ...settings, tolerance: { atol: 1e-4, rtol: 1e-3 } })).toBeUndefined();
    const tested = { ...request, tested: { subject: { kind: 'bug' as const, bug: 'kernel-not-mirrored' as const }, titles: { dX: '', dW: '' } } };
    expect(ownCheckFromMain(tested, done, MIXED_PROBLEM, settings)).toBeUndefined();
  });
});
