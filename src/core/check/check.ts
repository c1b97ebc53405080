import { analyze, type Analysis } from '../conv/analyze';
import { now } from '../problem/clock';
import { compareGradient, passedKinks } from './compare';
import { diagnoseCheck, type Diagnoses } from '../diagnosis';
import { emptyTarget, type FillTarget } from './difference';
import type { Memory } from '../problem/memory';
import { assertValidSettings } from './settings';
import { checkCost } from './cost';
import { DEFAULT_KINK_CONVENTION, DEFAULT_STEP, defaultTolerance } from '../problem/defaults';
import { directionalChecks, type DirectionalCheck } from './directional';
import { InputError } from '../problem/errors';
import { numericalJobFor } from './job';
import type { NumericalJob, StepSettings } from './numerical';
import { prepare } from '../problem/problem';
import { arrayType, formatShape, sameShapeUpToLeadingOnes, tensor } from '../problem/tensor';
import type { GradientName, GradientSummary, KinkConvention, Problem, Tensor, Tolerance, Verdict } from '../problem/types';
import type { CheckOptions, CheckPlan, Gradients } from './types';

export type { CheckOptions, CheckPlan, Gradients } from './types';
export { numericalJobFor } from './job';

export interface CheckResult {
  readonly y: Tensor;
  readonly gy: Tensor;
  readonly loss: number;
  /** What was checked: the external gradients where given, ConvGrad's VJP elsewhere. */
  readonly analytic: Gradients;
  readonly numerical?: Gradients;
  /** |analytic - numerical| per element. */
  readonly error?: Gradients;
  /** 1 where an element's finite difference crossed a real kink (judged by the convention or by interval). */
  readonly kinks?: { readonly dX: Uint8Array; readonly dW: Uint8Array; readonly db?: Uint8Array };
  /** The numerical values' calibrated error bars. */
  readonly errbars?: { readonly dX: Float64Array; readonly dW: Float64Array; readonly db?: Float64Array };
  /** Each element's verdict as an index into ELEMENT_VERDICTS (0 pass, 1 fail, 2 inconclusive). */
  readonly judged?: { readonly dX: Uint8Array; readonly dW: Uint8Array; readonly db?: Uint8Array };
  readonly summaries: Partial<Record<GradientName, GradientSummary>>;
  readonly directional?: DirectionalCheck[];
  /** Per failing gradient under test: the mistake it matches, or where it is wrong (src/core/diagnosis). */
  readonly diagnosis: Diagnoses;
  readonly verdict: Verdict;
  readonly kinkConvention: KinkConvention;
  readonly timings_ms: { readonly forward: number; readonly vjp: number; readonly numerical: number };
}

/** One gradient's numerical check, as the app's maps and exports show it. */
export interface GradientCheck {
  readonly numerical: Tensor;
  readonly error: Tensor;
  readonly summary: GradientSummary;
  /** 1 where the finite difference crossed a real kink and the element passed (passedKinks): painted in the kink colour. */
  readonly kinks?: Uint8Array;
  readonly errbar?: Float64Array;
}

/** A check's result per gradient that has a numerical gradient (none after a fast or no numerical check). */
export function gradientChecks(result: CheckResult): Partial<Record<GradientName, GradientCheck>> {
  const out: Partial<Record<GradientName, GradientCheck>> = {};
  for (const name of ['dX', 'dW', 'db'] as const) {
    const summary = result.summaries[name];
    const numerical = result.numerical?.[name];
    const error = result.error?.[name];
    const kinks = result.kinks?.[name];
    const judged = result.judged?.[name];
    if (summary && numerical && error) out[name] = { numerical, error, summary, kinks: kinks && judged && passedKinks(kinks, judged), errbar: result.errbars?.[name] };
  }
  return out;
}

/** The step and tolerance a check uses when the caller leaves them out. */
export function resolveSettings(problem: Problem, options: CheckOptions): StepSettings & { tolerance: Tolerance } {
  assertValidSettings({
    method: options.method,
    ...('h' in options && options.h !== undefined ? { h: options.h } : {}),
    tolerance: options.tolerance,
    kinkConvention: options.kinkConvention,
    directions: options.directions,
    conv: problem.conv,
  });
  return {
    method: options.method ?? 'central',
    h: options.h ?? DEFAULT_STEP,
    auto: options.autoStep ?? options.h === undefined,
    kinkConvention: options.kinkConvention ?? DEFAULT_KINK_CONVENTION,
    tolerance: options.tolerance ?? defaultTolerance(problem.dtype),
  };
}

/** A gradient computed elsewhere in the shape of ConvGrad's own, or ConvGrad's own if none was given. */
export function externalGradient(given: Tensor | undefined, own: Tensor, subject: string, of: string): Tensor {
  if (!given) return own;
  if (!sameShapeUpToLeadingOnes(given.shape, own.shape)) {
    throw new InputError(`shape ${formatShape(given.shape)} does not match ${of} ${formatShape(own.shape)}`, subject);
  }
  // NaN or infinity in a gradient under test is a finding, reported by the comparison, not bad input.
  return tensor(own.shape, given.data);
}

/** A numerical gradient with what its fill step knows of each element: kink mark, error bar, kink interval. */
export interface Measured {
  readonly value: Tensor;
  readonly kinks: Uint8Array;
  readonly errbar: Float64Array;
  readonly spread: Float64Array;
}

/** The arrays a job fills for a measured gradient. */
export function targetOf(m: Measured): FillTarget {
  return { values: m.value.data, kinks: m.kinks, errbar: m.errbar, spread: m.spread };
}

export interface MeasuredGradients {
  readonly dX: Measured;
  readonly dW: Measured;
  readonly db?: Measured;
}

/**
 * The black-box reference runs two full forward passes per element, O((H W)^2 K L): beyond this
 * many multiply-adds (seconds here) it would look like a hang, so it is refused instead.
 */
export const REFERENCE_LIMIT = 3e9;

function checkReferenceAffordable(problem: Problem): void {
  const cost = checkCost(prepare(problem));
  const { x, w, bias } = problem;
  const elements = x.data.length + w.data.length + (bias?.data.length ?? 0);
  const madds = 2 * elements * cost.forward;
  if (madds > REFERENCE_LIMIT) {
    throw new InputError(
      `the black-box reference needs two full forward passes per element, ${madds.toExponential(1)} multiply-adds here (limit ${REFERENCE_LIMIT.toExponential(0)}); use it on small inputs or leave it off`,
      'reference',
    );
  }
}

/**
 * Validates the problem and options and computes Y and the exact gradients (unless `analysed`, Y
 * and the VJP of this very problem computed earlier, is given). Throws InputError.
 */
export function planCheck(problem: Problem, options: CheckOptions, analysed?: Analysis): CheckPlan {
  const settings = resolveSettings(problem, options);
  const own = analysed ?? analyze(problem);
  if (options.numerical === 'full' && options.reference) checkReferenceAffordable(problem);
  const analytic: Gradients = {
    dX: externalGradient(options.analytic?.dX, own.dX, 'analytic-dx', 'X'),
    dW: externalGradient(options.analytic?.dW, own.dW, 'analytic-dw', 'W'),
    db: own.db,
  };
  return { problem, options, settings, own, analytic };
}

/** The job of a plan, given the Y its analysis computed. */
export function planJob(plan: CheckPlan): NumericalJob {
  return numericalJobFor(plan.problem, plan.settings, plan.options.reference ?? false, plan.own.y.data);
}

/** Empty arrays shaped like the gradients, to be filled piece by piece (by other threads, when in shared memory). */
export function emptyMeasurement(plan: CheckPlan, memory: Memory = 'own'): MeasuredGradients {
  const empty = (like: Tensor): Measured => {
    const { values, kinks, errbar, spread } = emptyTarget(like.data.length, arrayType(like.data instanceof Float32Array ? 'f32' : 'f64'), memory);
    return { value: tensor(like.shape, values), kinks, errbar, spread };
  };
  return { dX: empty(plan.own.dX), dW: empty(plan.own.dW), db: plan.own.db && empty(plan.own.db) };
}

export interface Finding {
  readonly measured?: MeasuredGradients;
  readonly directional?: DirectionalCheck[];
  readonly ms: number;
}

/** Fills every element of `measured` in this thread, at once (the pipeline's simplest filler). */
export function fillAllHere(plan: CheckPlan, measured: MeasuredGradients): true {
  const job = planJob(plan);
  for (const name of ['dX', 'dW', 'db'] as const) {
    const m = measured[name];
    if (m) job.fill(name, 0, m.kinks.length, targetOf(m));
  }
  return true;
}

/** The numerical part of a check in this thread: the full map, the directional checks, or nothing. */
export function measureHere(plan: CheckPlan): Finding {
  const { problem, options, settings } = plan;
  const t0 = now();
  if (options.numerical === 'full') {
    const measured = emptyMeasurement(plan);
    fillAllHere(plan, measured);
    return { measured, ms: now() - t0 };
  }
  if (options.numerical === 'fast') {
    const directional = directionalChecks(problem, plan.analytic, settings, settings.tolerance, options.directions ?? 4, options.seed ?? 0, options.tolerance === undefined);
    return { directional, ms: now() - t0 };
  }
  return { ms: 0 };
}

/** The verdict of a check from its gradients' and directions' verdicts: any fail fails, then any inconclusive, then pass. */
export function verdictOf(summaries: readonly GradientSummary[], directional: readonly DirectionalCheck[] | undefined, measured: boolean): Verdict {
  if (!measured) return 'not checked';
  const verdicts = [...summaries, ...(directional ?? [])].map((s) => s.verdict);
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

/** Compares what was measured with what is under test and gives the verdict. */
export function finishCheck(plan: CheckPlan, finding: Finding): CheckResult {
  const { own, analytic, settings, options } = plan;
  const { measured, directional } = finding;
  const summaries: Partial<Record<GradientName, GradientSummary>> = {};
  let error: Gradients | undefined;
  let numerical: Gradients | undefined;
  let kinks: CheckResult['kinks'];
  let errbars: CheckResult['errbars'];
  let judged: CheckResult['judged'];
  const convention = settings.kinkConvention ?? DEFAULT_KINK_CONVENTION;
  if (measured) {
    const k = options.worst ?? 10;
    const compare = (a: Tensor, m: Measured) => compareGradient(a, { ...m, byInterval: convention === 'any' }, settings.tolerance, k, options.tolerance === undefined);
    const dX = compare(analytic.dX, measured.dX);
    const dW = compare(analytic.dW, measured.dW);
    const db = analytic.db && measured.db ? compare(analytic.db, measured.db) : undefined;
    summaries.dX = dX.summary;
    summaries.dW = dW.summary;
    if (db) summaries.db = db.summary;
    error = { dX: dX.error, dW: dW.error, db: db?.error };
    numerical = { dX: measured.dX.value, dW: measured.dW.value, db: measured.db?.value };
    kinks = { dX: measured.dX.kinks, dW: measured.dW.kinks, db: measured.db?.kinks };
    errbars = { dX: measured.dX.errbar, dW: measured.dW.errbar, db: measured.db?.errbar };
    judged = { dX: dX.judged, dW: dW.judged, db: db?.judged };
  }
  return {
    y: own.y,
    gy: own.gy,
    loss: own.loss,
    analytic,
    numerical,
    error,
    kinks,
    errbars,
    judged,
    summaries,
    directional,
    diagnosis: diagnoseCheck(plan, { summaries, judged, directional }),
    verdict: verdictOf(Object.values(summaries), directional, measured !== undefined || directional !== undefined),
    kinkConvention: convention,
    timings_ms: { ...own.timings_ms, numerical: finding.ms },
  };
}

/** Forward, VJP, a finite-difference gradient and their comparison, all in this thread. */
export function runCheck(problem: Problem, options: CheckOptions): CheckResult {
  const plan = planCheck(problem, options);
  return finishCheck(plan, measureHere(plan));
}
