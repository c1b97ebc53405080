// A session file of the window and back: what the inputs panel holds (its settings, the files
// as opened) and the resolved problem the check runs on, so that opening it shows the same
// problem, bit for bit, and `convgrad check --session` checks the same one.
import { version } from '../../../package.json';
import type { Tensor } from '../../core/problem/types';
import { isBugName } from '../../core/problem/options';
import type { BugName } from '../../core/study/inject';
import { decodeSession, encodeSession, SESSION_EXTENSION, type Session } from '../../formats/session';
import type { NamedTensor } from '../lib/settings';
import type { AppState } from './app.svelte';
import { SETTINGS_KEYS, type ProblemInputs } from './problem.svelte';

/** The arrays a session keeps as opened (the image file apart, as bytes). */
const ARRAY_KEYS = ['source', 'customKernel', 'gradFile', 'targetFile'] as const;

/** The window's problem as a session, or why there is none to save. */
export function sessionOf(app: AppState): Session | { error: string } {
  const { problem } = app;
  const ready = problem.ready;
  if (!ready) return { error: problem.error ?? 'nothing to save yet: open an image or array first' };
  const options = problem.options;
  const arrays: Record<string, { name: string; tensor: Tensor }> = {};
  for (const key of ARRAY_KEYS) {
    const input = problem[key];
    if (input) arrays[key] = { name: input.name, tensor: input.tensor };
  }
  const image = problem.imageFile;
  const choice = app.underTest.choice;
  const underTest =
    choice.kind === 'bug'
      ? { bug: choice.bug }
      : choice.kind === 'files'
        ? { gradients: { ...(choice.dX ? { dX: choice.dX } : {}), ...(choice.dW ? { dW: choice.dW } : {}) } }
        : undefined;
  return {
    appVersion: version,
    ...(underTest ? { underTest } : {}),
    problem: ready.problem,
    check: {
      method: options.method,
      h: options.h,
      tolerance: options.tolerance,
      ...(options.autoStep !== undefined ? { autoStep: options.autoStep } : {}),
      ...(options.kinkConvention !== undefined ? { kinkConvention: options.kinkConvention } : {}),
    },
    app: {
      settings: Object.fromEntries(SETTINGS_KEYS.map((key) => [key, $state.snapshot(problem[key])])),
      arrays,
      files: image ? { image: { name: image.name, bytes: new Uint8Array(image.bytes) } } : {},
    },
  };
}

export function encodeAppSession(app: AppState): { name: string; bytes: Uint8Array } | { error: string } {
  const session = sessionOf(app);
  if ('error' in session) return session;
  const stem = (app.problem.source?.name ?? 'session').replace(/\.[^.]*$/, '') || 'session';
  return { name: `${stem}${SESSION_EXTENSION}`, bytes: encodeSession(session) };
}

/**
 * Puts a session's problem on screen, all of it at once: a load still running (the start-up
 * sample) is superseded. A session the app wrote restores its panels and files; one without them
 * (written by a script) shows its arrays as the user's own X, kernel, G or T.
 */
export function restoreSession(app: Pick<AppState, 'problem' | 'underTest'>, session: Session): void {
  const bug = session.underTest?.bug;
  // Checked before anything changes: a session that cannot be shown as saved is not shown at all.
  if (bug !== undefined && !isBugName(bug)) throw new Error(`unknown injected bug '${bug}' (a newer ConvGrad's session?)`);
  const saved = session.app;
  const named = (key: string, fallback: string, tensor: Tensor | undefined): NamedTensor | undefined =>
    saved ? saved.arrays[key] : tensor && { name: fallback, tensor };
  const { loss } = session.problem;
  const image = saved?.files['image'];
  app.problem.replaceInputs({
    settings: saved ? savedSettings(saved.settings) : settingsOf(session),
    source: named('source', 'x', session.problem.x),
    customKernel: named('customKernel', 'w', session.problem.w),
    gradFile: named('gradFile', 'G', loss.kind === 'linear' && loss.grad.kind === 'array' ? loss.grad.value : undefined),
    targetFile: named('targetFile', 'T', loss.kind === 'l2' && loss.target.kind === 'array' ? loss.target.value : undefined),
    imageFile: image ? { name: image.name, bytes: image.bytes.slice().buffer } : undefined,
  });
  if (bug !== undefined) app.underTest.choose({ kind: 'bug', bug: bug as BugName });
  else app.underTest.replaceFiles(session.underTest?.gradients ?? {});
}

/** The panels' settings as the app saved them (each panel an object, assigned over the current one). */
function savedSettings(settings: Record<string, unknown>): ProblemInputs['settings'] {
  return Object.fromEntries(SETTINGS_KEYS.flatMap((key) => (settings[key] && typeof settings[key] === 'object' ? [[key, settings[key]]] : [])));
}

/** The panels' settings for a session a script wrote: the problem's own, its arrays as custom inputs. */
function settingsOf(session: Session): ProblemInputs['settings'] {
  const { loss, conv, dtype } = session.problem;
  const [padTop, padBottom, padLeft, padRight] = typeof conv.padding === 'string' ? [1, 1, 1, 1] : conv.padding;
  return {
    kernelSettings: { source: 'custom' },
    lossSettings:
      loss.kind === 'linear'
        ? { kind: 'linear', grad: loss.grad.kind === 'array' ? 'file' : loss.grad.kind }
        : { kind: 'l2', activation: loss.activation, target: loss.target.kind === 'array' ? 'file' : 'zeros' },
    numericSettings: { dtype, method: session.check.method, h: session.check.h, ...session.check.tolerance },
    convSettings: {
      op: conv.op,
      padding: typeof conv.padding === 'string' ? conv.padding : 'explicit',
      ...{ padTop, padBottom, padLeft, padRight },
      paddingMode: conv.paddingMode,
      strideH: conv.stride[0],
      strideW: conv.stride[1],
      dilationH: conv.dilation[0],
      dilationW: conv.dilation[1],
    },
  };
}

/** Reads a .convgrad file into the window; a bad file leaves everything as it was and says why. */
export function openSessionBytes(app: AppState, bytes: Uint8Array, fileName: string): void {
  try {
    restoreSession(app, decodeSession(bytes, fileName));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    app.problem.loadError = message.startsWith(`${fileName}: `) ? message : `${fileName}: ${message}`;
  }
}
