// The discrepancy jobs on the numeric core, in time slices (sliced-fill.ts) so the worker can
// report progress and take a cancel request between slices.
import { gradientChecks, planCheck, verdictOf } from '../../core/check/check';
import { checkOptionsOf, runPipeline } from '../../core/check/pipeline';
import { compareGradient } from '../../core/check/compare';
import { DEFAULT_STEP, defaultTolerance } from '../../core/problem/defaults';
import { directionalChecks } from '../../core/check/directional';
import { BUGS, injectBug } from '../../core/study/inject';
import { createSweepJob, taylorTest, type SweepResult, type TaylorResult } from '../../core/study/sweep';
import type { DType, GradientName, Problem } from '../../core/problem/types';
import { slicedFiller, yieldToEventLoop } from '../../core/check/sliced-fill';
import type { CheckSettings, GradientsUnderTest } from '../../core/check/types';
import type {
  BugChoice,
  GradientSubject,
  PrecisionPair,
  Progress,
  QuickCheck,
  SubjectCheck,
  SubjectGradientCheck,
  SweepSettings,
} from './discrepancy-protocol';

export function bugMenu(problem: Problem): BugChoice[] {
  return BUGS.map((bug) => {
    const applicability = bug.applies(problem);
    return {
      name: bug.name,
      title: bug.title,
      explanation: bug.explanation,
      errorMap: bug.errorMap,
      acts: bug.acts,
      reason: applicability.applies ? undefined : applicability.reason,
    };
  });
}

/** The gradients under test as the core's override (undefined: ConvGrad's VJP). */
function overrideOf(problem: Problem, subject: GradientSubject): GradientsUnderTest | undefined {
  if (subject.kind === 'files') return { dX: subject.dX, dW: subject.dW };
  if (subject.kind === 'bug') {
    const { dX, dW } = injectBug(problem, subject.bug);
    return { dX, dW };
  }
  return undefined;
}

/** The full check of the subject; `onDone` hears how many elements are differenced so far. */
async function checkOnce(
  problem: Problem,
  subject: GradientSubject,
  settings: CheckSettings,
  isCancelled: () => boolean,
  onDone: (done: number, total: number) => void,
): Promise<SubjectCheck | null> {
  const started = performance.now();
  const run = await runPipeline(problem, checkOptionsOf(settings, overrideOf(problem, subject)), slicedFiller(isCancelled, onDone));
  if (!run) return null;
  const { plan, result } = run;
  const ms = performance.now() - started;
  const gradients: Partial<Record<GradientName, SubjectGradientCheck>> = {};
  const checks = gradientChecks(result);
  for (const name of ['dX', 'dW', 'db'] as const) {
    const check = checks[name];
    if (!check?.kinks) continue;
    const tested = name !== 'db' && subject.kind !== 'own';
    const vsOwn = tested ? compareGradient(plan.analytic[name], { value: plan.own[name] }, settings.tolerance, settings.worst) : undefined;
    gradients[name] = { summary: check.summary, error: check.error, kinks: check.kinks, vsOwn };
  }
  return { dtype: problem.dtype, settings, verdict: result.verdict, gradients, ms };
}

export function checkSubject(
  problem: Problem,
  subject: GradientSubject,
  settings: CheckSettings,
  isCancelled: () => boolean,
  onProgress: Progress,
): Promise<SubjectCheck | null> {
  const started = performance.now();
  return checkOnce(problem, subject, settings, isCancelled, (done, total) => onProgress({ done, total, elapsedMs: performance.now() - started }));
}

/** A dtype's own step and tolerance (see core/defaults.ts), both as the CLI takes them when not given: scaled to the data. */
function dtypeSettings(dtype: DType, worst: number): CheckSettings {
  return { method: 'central', h: DEFAULT_STEP, autoStep: true, tolerance: defaultTolerance(dtype), defaultTolerance: true, worst };
}

export async function checkPrecisions(
  problem: Problem,
  subject: GradientSubject,
  worst: number,
  isCancelled: () => boolean,
  onProgress: Progress,
): Promise<PrecisionPair | null> {
  const started = performance.now();
  const report = (half: number) => (done: number, total: number) =>
    onProgress({ done: half * total + done, total: 2 * total, elapsedMs: performance.now() - started });
  const f64 = await checkOnce({ ...problem, dtype: 'f64' }, subject, dtypeSettings('f64', worst), isCancelled, report(0));
  if (!f64) return null;
  const f32 = await checkOnce({ ...problem, dtype: 'f32' }, subject, dtypeSettings('f32', worst), isCancelled, report(1));
  return f32 ? { f64, f32 } : null;
}

export async function sweep(
  problem: Problem,
  subject: GradientSubject,
  settings: SweepSettings,
  isCancelled: () => boolean,
  onProgress: Progress,
): Promise<SweepResult | null> {
  const started = performance.now();
  const job = createSweepJob(problem, { ...settings, analytic: overrideOf(problem, subject) });
  const points = [];
  for (let i = 0; i < job.steps.length; i++) {
    if (isCancelled()) return null;
    points.push(job.point(i));
    onProgress({ done: i + 1, total: job.steps.length, elapsedMs: performance.now() - started });
    await yieldToEventLoop();
  }
  return job.result(points);
}

export function taylor(problem: Problem, subject: GradientSubject, hs: readonly number[], seed: number): TaylorResult {
  return taylorTest(problem, { hs, seed, analytic: overrideOf(problem, subject) });
}

export function quickCheck(problem: Problem, subject: GradientSubject, settings: CheckSettings, directions: number, seed: number): QuickCheck {
  const started = performance.now();
  const plan = planCheck(problem, { numerical: 'none', ...settings, analytic: overrideOf(problem, subject) });
  const checks = directionalChecks(problem, plan.analytic, plan.settings, plan.settings.tolerance, directions, seed, settings.tolerance === undefined);
  return {
    directions,
    seed,
    h: plan.settings.h,
    tolerance: plan.settings.tolerance,
    checks,
    verdict: verdictOf([], checks, true),
    ms: performance.now() - started,
  };
}
