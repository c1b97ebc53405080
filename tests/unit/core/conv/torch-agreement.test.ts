// ConvGrad's forward pass and VJPs against PyTorch autograd (float64), case by case.
// Fixtures: scripts/make-fixtures.py writes tests/fixtures/torch/<case>/*.npy and cases.json.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../../src/core/check/check';
import type { Activation, ConvOptions, LossSpec, Problem, Tensor } from '../../../../src/core/problem/types';
import { readNpy } from '../../../../src/formats/npy';

const DIR = join(__dirname, '..', '..', '..', 'fixtures', 'torch');

interface FixtureCase {
  name: string;
  x_shape: number[];
  w_shape: number[];
  y_shape: number[];
  bias: boolean;
  conv: ConvOptions;
  loss: { kind: 'linear'; grad: 'ones' | 'array' } | { kind: 'l2'; activation: Activation; target: 'zeros' | 'array' };
  loss_value: number;
  files: string[];
}

const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as FixtureCase[];

/** PyTorch's array `name` for case `c`, or undefined if the case has none. */
function fixture(c: FixtureCase, name: string): Tensor | undefined {
  const path = join(DIR, c.name, `${name}.npy`);
  return existsSync(path) ? readNpy(new Uint8Array(readFileSync(path))) : undefined;
}

function required(c: FixtureCase, name: string): Tensor {
  const t = fixture(c, name);
  if (!t) throw new Error(`${c.name}: missing ${name}.npy`);
  return t;
}

function lossSpec(c: FixtureCase): LossSpec {
  if (c.loss.kind === 'linear') {
    return { kind: 'linear', grad: c.loss.grad === 'ones' ? { kind: 'ones' } : { kind: 'array', value: required(c, 'g') } };
  }
  const target = c.loss.target === 'zeros' ? ({ kind: 'zeros' } as const) : ({ kind: 'array', value: required(c, 't') } as const);
  return { kind: 'l2', activation: c.loss.activation, target };
}

/** max|ours - reference| relative to the reference's largest magnitude. */
function relativeError(ours: Tensor, reference: Tensor): number {
  let err = 0;
  let scale = 1e-300;
  for (let i = 0; i < reference.data.length; i++) {
    err = Math.max(err, Math.abs(ours.data[i] - reference.data[i]));
    scale = Math.max(scale, Math.abs(reference.data[i]));
  }
  return err / scale;
}

/**
 * The size of the terms summed into the loss: sum|G*Y| for the linear loss, whose terms can cancel,
 * and the loss itself for l2, whose terms are all non-negative.
 */
function lossScale(c: FixtureCase): number {
  if (c.loss.kind === 'l2') return Math.max(c.loss_value, 1e-300);
  const y = required(c, 'y').data;
  const g = c.loss.grad === 'array' ? required(c, 'g').data : undefined;
  let sum = 1e-300;
  for (let i = 0; i < y.length; i++) sum += Math.abs((g ? g[i] : 1) * y[i]);
  return sum;
}

function expectAgreement(what: string, ours: Tensor | undefined, reference: Tensor): void {
  expect(ours, `${what} missing`).toBeDefined();
  expect([...ours!.shape], `${what} shape`).toEqual([...reference.shape]);
  expect(ours!.data.every(Number.isFinite), `${what} finite`).toBe(true);
  expect(relativeError(ours!, reference), `${what} max|ours - torch| / max|torch|`).toBeLessThanOrEqual(1e-12);
}

describe('agreement with PyTorch autograd', () => {
  it('has the cases the fixture script promises', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.map((c) => c.name)).toContain('seed_example');
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const problem: Problem = {
      x: required(c, 'x'),
      w: required(c, 'w'),
      ...(c.bias ? { bias: required(c, 'b') } : {}),
      conv: c.conv,
      loss: lossSpec(c),
      dtype: 'f64',
    };
    const result = runCheck(problem, { numerical: 'none' });

    expect([...result.y.shape]).toEqual(c.y_shape);
    expectAgreement('Y', result.y, required(c, 'y'));
    expectAgreement('dX', result.analytic.dX, required(c, 'dx'));
    expectAgreement('dW', result.analytic.dW, required(c, 'dw'));
    if (c.bias) expectAgreement('db', result.analytic.db, required(c, 'db'));
    else expect(result.analytic.db).toBeUndefined();
    expect(Math.abs(result.loss - c.loss_value)).toBeLessThanOrEqual(1e-12 * lossScale(c));
  });
});
