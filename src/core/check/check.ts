import { analyze, type Analysis } from '../conv/analyze';
import { now } from '../problem/clock';
import { compareGradient } from './compare';
import { checkCost } from './cost';
import { defaultStep, defaultTolerance } from '../problem/defaults';
import { directionalChecks, type DirectionalCheck } from './directional';
import { InputError } from '../problem/errors';
import { createNumericalJob, type NumericalJob, type StepSettings } from './numerical';
import { prepare } from '../problem/problem';
import { createReferenceJob } from './reference';
import { arrayType, formatShape, sameShapeUpToLeadingOnes, tensor } from '../problem/tensor';
import type { FdMethod, GradientName, GradientSummary, Problem, Tensor, Tolerance } from '../problem/types';

export interface CheckOptions {
  /** The whole numerical map, the directional (fast) check, or none. */
  readonly numerical: 'full' | 'fast' | 'none';
  /** Use the black-box full-forward finite difference instead of the local one. */
  readonly reference?: boolean;
  readonly method?: FdMethod;
  readonly h?: number;
  readonly tolerance?: Tolerance;
  /** Gradients computed elsewhere, checked instead of ConvGrad's own VJP. */
  readonly analytic?: { readonly dX?: Tensor; readonly dW?: Tensor };
  readonly directions?: number;
  readonly seed?: number;
  /** How many worst elements each summary keeps. */
  readonly worst?: number;
}

export interface Gradients {
  readonly dX: Tensor;
  readonly dW: Tensor;
  readonly db?: Tensor;
}

export interface CheckResult {
  readonly y: Tensor;
  readonly gy: Tensor;
  readonly loss: number;
  /** What was checked: the external gradients where given, ConvGrad's VJP elsewhere. */
  readonly analytic: Gradients;
  readonly numerical?: Gradients;
  /** |analytic - numerical| per element. */
  readonly error?: Gradients;
  /** 1 where an element's finite difference straddles an activation kink (see compareGradient). */
  readonly kinks?: { readonly dX: Uint8Array; readonly dW: Uint8Array; readonly db?: Uint8Array };
  readonly summaries: Partial<Record<GradientName, GradientSummary>>;
  readonly directional?: DirectionalCheck[];
  readonly verdict: 'pass' | 'fail';
  readonly timings_ms: { readonly forward: number; readonly vjp: number; readonly numerical: number };
}

/** The step and tolerance a check uses when the caller leaves them out. */
export function resolveSettings(problem: Problem, options: CheckOptions): StepSettings & { tolerance: Tolerance } {
  const h = options.h ?? defaultStep(problem.dtype);
  if (!(h > 0) || !Number.isFinite(h)) throw new InputError(`h must be a positive number, got ${h}`, 'h');
  const tolerance = options.tolerance ?? defaultTolerance(problem.dtype);
  for (const [name, value] of Object.entries(tolerance)) {
    if (!(value >= 0) || !Number.isFinite(value)) throw new InputError(`${name} must be a number >= 0, got ${value}`, name);
  }
  return { method: options.method ?? 'central', h, tolerance };
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

/** A numerical gradient with its kink mask (1 where the difference straddles a kink). */
export interface Measured {
  readonly value: Tensor;
  readonly kinks: Uint8Array;
}

export interface MeasuredGradients {
  readonly dX: Measured;
  readonly dW: Measured;
  readonly db?: Measured;
}

/** What a check knows before any finite difference: its settings, Y, the VJP and what is under test. */
export interface CheckPlan {
  readonly problem: Problem;
  readonly options: CheckOptions;
  readonly settings: StepSettings & { readonly tolerance: Tolerance };
  readonly own: Analysis;
  /** What is checked: the external gradients where given, ConvGrad's VJP elsewhere. */
  readonly analytic: Gradients;
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

/** Validates the problem and options and computes Y and the exact gradients. Throws InputError. */
export function planCheck(problem: Problem, options: CheckOptions): CheckPlan {
  const settings = resolveSettings(problem, options);
  const own = analyze(problem);
  if (options.numerical === 'full' && options.reference) checkReferenceAffordable(problem);
  const analytic: Gradients = {
    dX: externalGradient(options.analytic?.dX, own.dX, 'analytic-dx', 'X'),
    dW: externalGradient(options.analytic?.dW, own.dW, 'analytic-dw', 'W'),
    db: own.db,
  };
  return { problem, options, settings, own, analytic };
}

/** The finite-difference job a full check runs: the local one, or the black-box reference. */
export function numericalJobFor(problem: Problem, settings: StepSettings, reference: boolean): NumericalJob {
  return (reference ? createReferenceJob : createNumericalJob)(problem, settings);
}

/** Empty arrays shaped like the gradients, to be filled piece by piece (possibly by other threads). */
export function emptyMeasurement(plan: CheckPlan): MeasuredGradients {
  const empty = (like: Tensor): Measured => ({
    value: tensor(like.shape, new (arrayType(like.data instanceof Float32Array ? 'f32' : 'f64'))(like.data.length)),
    kinks: new Uint8Array(like.data.length),
  });
  return { dX: empty(plan.own.dX), dW: empty(plan.own.dW), db: plan.own.db && empty(plan.own.db) };
}

export interface Finding {
  readonly measured?: MeasuredGradients;
  readonly directional?: DirectionalCheck[];
  readonly ms: number;
}

/** The numerical part of a check in this thread: the full map, the directional checks, or nothing. */
export function measureHere(plan: CheckPlan): Finding {
  const { problem, options, settings } = plan;
  const t0 = now();
  if (options.numerical === 'full') {
    const job = numericalJobFor(problem, settings, options.reference ?? false);
    const measured = emptyMeasurement(plan);
    for (const name of ['dX', 'dW', 'db'] as const) {
      const m = measured[name];
      if (m) job.fill(name, 0, m.kinks.length, m.value.data, m.kinks);
    }
    return { measured, ms: now() - t0 };
  }
  if (options.numerical === 'fast') {
    const directional = directionalChecks(problem, plan.analytic, settings, settings.tolerance, options.directions ?? 4, options.seed ?? 0);
    return { directional, ms: now() - t0 };
  }
  return { ms: 0 };
}

/** Compares what was measured with what is under test and gives the verdict. */
export function finishCheck(plan: CheckPlan, finding: Finding): CheckResult {
  const { own, analytic, settings, options } = plan;
  const { measured, directional } = finding;
  const summaries: Partial<Record<GradientName, GradientSummary>> = {};
  let error: Gradients | undefined;
  let numerical: Gradients | undefined;
  let kinks: CheckResult['kinks'];
  if (measured) {
    const k = options.worst ?? 10;
    const compare = (a: Tensor, m: Measured) => compareGradient(a, m.value, settings.tolerance, k, m.kinks);
    const dX = compare(analytic.dX, measured.dX);
    const dW = compare(analytic.dW, measured.dW);
    const db = analytic.db && measured.db ? compare(analytic.db, measured.db) : undefined;
    summaries.dX = dX.summary;
    summaries.dW = dW.summary;
    if (db) summaries.db = db.summary;
    error = { dX: dX.error, dW: dW.error, db: db?.error };
    numerical = { dX: measured.dX.value, dW: measured.dW.value, db: measured.db?.value };
    kinks = { dX: measured.dX.kinks, dW: measured.dW.kinks, db: measured.db?.kinks };
  }
  const failed = Object.values(summaries).some((s) => !s.pass) || (directional ?? []).some((d) => !d.pass);
  return {
    y: own.y,
    gy: own.gy,
    loss: own.loss,
    analytic,
    numerical,
    error,
    kinks,
    summaries,
    directional,
    verdict: failed ? 'fail' : 'pass',
    timings_ms: { ...own.timings_ms, numerical: finding.ms },
  };
}

/** Forward, VJP, a finite-difference gradient and their comparison, all in this thread. */
export function runCheck(problem: Problem, options: CheckOptions): CheckResult {
  const plan = planCheck(problem, options);
  return finishCheck(plan, measureHere(plan));
}
