import { now } from '../problem/clock';
import { forwardOf, forwardPadded } from './forward';
import { framedInput } from './framed-input';
import { createLoss, type Loss } from '../problem/loss';
import { padInput } from '../problem/pad';
import { prepare, type Prepared } from '../problem/problem';
import { tensor } from '../problem/tensor';
import { inMemory, type Memory } from '../problem/memory';
import type { FloatArray, Problem, Tensor } from '../problem/types';
import { vjpOf } from './vjp';

/** A problem ready to evaluate: its working form, its loss and its padded input. */
export interface Setup {
  readonly prep: Prepared;
  readonly xp: FloatArray;
  readonly loss: Loss;
}

/** Validates and prepares a problem without a forward pass (the finite differences need none). */
export function setUp(problem: Problem): Setup {
  const prep = prepare(problem);
  const loss = createLoss(problem.loss, prep.shapes.y, prep.dtype);
  return { prep, xp: padInput(prep), loss };
}

/** The forward pass of a problem, kept for whatever runs after it (the VJP). */
export interface Evaluated extends Setup {
  readonly y: FloatArray;
}

export function evaluate(problem: Problem): Evaluated {
  const setup = setUp(problem);
  return { ...setup, y: forwardPadded(setup.prep, setup.xp) };
}

export interface Analysis {
  readonly y: Tensor;
  /** dL/dY. */
  readonly gy: Tensor;
  readonly loss: number;
  readonly dX: Tensor;
  readonly dW: Tensor;
  readonly db?: Tensor;
  readonly timings_ms: { readonly forward: number; readonly vjp: number };
}

/**
 * Y, the loss and ConvGrad's exact VJP. Throws InputError on bad input. X is read in place where
 * its padding is zeros (framedInput): no padded copy, the same values. Y, dL/dY and the VJP are in
 * `memory`: allocated there where the loops allow (the usual case), else copied there. dL/dY may
 * be the problem's own G (the linear loss's), copied only if it is not in `memory`.
 */
export function analyze(problem: Problem, memory: Memory = 'own'): Analysis {
  const t0 = now();
  const prep = prepare(problem);
  const loss = createLoss(problem.loss, prep.shapes.y, prep.dtype, memory);
  const input = framedInput(prep);
  const y = forwardOf(prep, input, memory);
  const t1 = now();
  const gy = loss.gradient(y, memory);
  const grads = vjpOf(prep, input, gy, memory);
  const t2 = now();
  return {
    y: tensor(prep.shapes.y, inMemory(y, memory)),
    gy: tensor(prep.shapes.y, inMemory(gy, memory)),
    loss: loss.total(y),
    dX: tensor(prep.shapes.x, inMemory(grads.dx, memory)),
    dW: tensor(prep.shapes.w, inMemory(grads.dw, memory)),
    db: grads.db && prep.shapes.bias ? tensor(prep.shapes.bias, inMemory(grads.db, memory)) : undefined,
    timings_ms: { forward: t1 - t0, vjp: t2 - t1 },
  };
}
