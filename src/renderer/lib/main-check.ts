// "Check gradient under test" on ConvGrad's own VJP asks what the main check has already
// answered: when the main check's map is in for the same problem and settings, the panel shows it
// instead of computing the whole map again on one thread.
import { verdictOf } from '../../core/check/check';
import type { GradientName, Problem } from '../../core/problem/types';
import type { SubjectCheck, SubjectGradientCheck } from '../../worker/discrepancy/discrepancy-protocol';
import type { CheckSettings } from '../../core/check/types';
import type { CheckRequest, NumericalState } from '../state/check-session.svelte';

/** The main check's result as the panel's check of ConvGrad's own VJP, when it answers exactly that question. */
export function ownCheckFromMain(
  analysed: CheckRequest | undefined,
  numerical: NumericalState,
  problem: Problem,
  settings: CheckSettings,
): SubjectCheck | undefined {
  if (!analysed || analysed.tested || analysed.problem !== problem || numerical.status !== 'done') return undefined;
  const o = analysed.options;
  const same =
    !o.autoStep &&
    o.method === settings.method &&
    o.h === settings.h &&
    o.worst === settings.worst &&
    o.tolerance.atol === settings.tolerance.atol &&
    o.tolerance.rtol === settings.tolerance.rtol;
  if (!same) return undefined;
  const gradients: Partial<Record<GradientName, SubjectGradientCheck>> = {};
  for (const [name, c] of Object.entries(numerical.result) as [GradientName, (typeof numerical.result)[GradientName]][]) {
    if (c) gradients[name] = { summary: c.summary, error: c.error, kinks: c.kinks ?? new Uint8Array(c.error.data.length) };
  }
  const summaries = Object.values(gradients).map((g) => g.summary);
  return { dtype: problem.dtype, settings, verdict: verdictOf(summaries, undefined, true), gradients, ms: numerical.elapsedMs };
}
