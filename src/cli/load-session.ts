// --session FILE: the problem, the check's settings and the gradient under test of a session the
// app saved (.convgrad, src/formats/session.ts), so the command checks exactly what the app showed.

import { checkFileBytes } from '../core/problem/budget';
import { isDefaultTolerance } from '../core/problem/defaults';
import { InputError } from '../core/problem/errors';
import { isBugName } from '../core/problem/options';
import { decodeSession, type Session } from '../formats/session';
import type { CliOptions } from './check-args';
import { CliError } from './cli-error';
import { readRegularFile } from './read-file';
import type { LoadedProblem } from './load-problem';

/** Options that describe the problem or the gradient under test: the session holds them, so they cannot be given too. */
const PROBLEM_OPTIONS = ['x', 'npz', 'w', 'bias', 'grad', 'loss', 'target', 'activation', 'image-mode', 'op', 'padding', 'padding-mode', 'stride', 'dilation', 'dtype', 'analytic-dx', 'analytic-dw', 'inject'];

async function readSession(path: string): Promise<Session> {
  const subject = `--session ${path}`;
  const bytes = await readRegularFile(path, subject, (_, size) => checkFileBytes(size));
  try {
    return decodeSession(bytes, path);
  } catch (error) {
    if (error instanceof InputError) throw new CliError(subject, error.message.replace(`${path}: `, ''));
    throw error;
  }
}

/** The problem a session holds, with its check settings where the command line gave none. */
export async function loadSession(given: CliOptions): Promise<LoadedProblem & { readonly options: CliOptions }> {
  const path = given.session as string;
  const conflict = PROBLEM_OPTIONS.find((name) => given.explicit.includes(name));
  if (conflict) throw new CliError(`--${conflict}`, `the session ${path} holds the problem; leave out --${conflict}`);
  const session = await readSession(path);
  const { problem, check, underTest } = session;
  const explicit = (name: string) => given.explicit.includes(name);
  const inSession = (file: string) => `${path}:${file}`;
  const { loss } = problem;
  const dX = underTest?.gradients?.dX;
  const dW = underTest?.gradients?.dW;
  const bug = underTest?.bug;
  if (bug !== undefined && !isBugName(bug)) throw new CliError(`--session ${path}`, `unknown injected bug '${bug}'`);
  const options: CliOptions = {
    ...given,
    x: inSession('problem/x.npy'),
    w: { kind: 'file', path: inSession('problem/w.npy') },
    ...(problem.bias ? { bias: inSession('problem/bias.npy') } : {}),
    loss: loss.kind,
    ...(loss.kind === 'linear'
      ? { grad: loss.grad.kind === 'array' ? { kind: 'file', path: inSession('problem/grad.npy') } : loss.grad }
      : { activation: loss.activation, target: loss.target.kind === 'array' ? { kind: 'file', path: inSession('problem/target.npy') } : loss.target }),
    conv: problem.conv,
    dtype: problem.dtype,
    ...(explicit('method') ? {} : { method: check.method }),
    ...(explicit('h') ? {} : { h: check.h, stepGiven: !check.autoStep }),
    // As the app judges its fields: left at the dtype's default, atol is scaled as if not given.
    ...(explicit('atol') || explicit('rtol') ? {} : { tolerance: check.tolerance, toleranceGiven: !isDefaultTolerance(check.tolerance, problem.dtype) }),
    ...(explicit('kink-convention') || check.kinkConvention === undefined ? {} : { kinkConvention: check.kinkConvention }),
    ...(dX ? { analyticDx: inSession('under-test/dX.npy') } : {}),
    ...(dW ? { analyticDw: inSession('under-test/dW.npy') } : {}),
    ...(bug !== undefined ? { inject: bug } : {}),
  };
  const analytic = { ...(dX ? { dX: dX.tensor } : {}), ...(dW ? { dW: dW.tensor } : {}) };
  return {
    problem: { ...problem, maxElements: given.maxElements },
    ...(analytic.dX || analytic.dW ? { analytic, testedNames: { dX: dX?.name, dW: dW?.name } } : {}),
    options,
  };
}
