// A session file of the window and back: what the inputs panel holds (its settings, the files
// as opened) and the resolved problem the check runs on, so that opening it shows the same
// problem, bit for bit, and `convgrad check --session` checks the same one.
import { version } from '../../../package.json';
import type { Tensor } from '../../core/problem/types';
import { isBugName, type BugName } from '../../core/study/inject';
import { decodeSession, encodeSession, SESSION_EXTENSION, type Session } from '../../formats/session';
import type { NamedTensor } from '../lib/settings';
import type { AppState } from './app.svelte';

/** The panels whose settings a session (and the saved preferences) holds, by key. */
export const SETTINGS_KEYS = ['imageSettings', 'kernelSettings', 'convSettings', 'lossSettings', 'numericSettings'] as const;
export type SettingsKey = (typeof SETTINGS_KEYS)[number];

const INPUT_KEYS = ['source', 'customKernel', 'gradFile', 'targetFile'] as const;

/** The window's problem as a session, or why there is none to save. */
export function sessionOf(app: AppState): Session | { error: string } {
  const { problem } = app;
  const ready = problem.ready;
  if (!ready) return { error: problem.error ?? 'nothing to save yet: open an image or array first' };
  const options = problem.options;
  const arrays: Record<string, { name: string; tensor: Tensor }> = {};
  for (const key of INPUT_KEYS) {
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
 * Puts a session's problem on screen. A session the app wrote restores its panels and files; one
 * without them (written by a script) shows its arrays as the user's own X, kernel, G or T.
 */
export function restoreSession(app: AppState, session: Session): void {
  const bug = session.underTest?.bug;
  // Checked before anything changes: a session that cannot be shown as saved is not shown at all.
  if (bug !== undefined && !isBugName(bug)) throw new Error(`unknown injected bug '${bug}' (a newer ConvGrad's session?)`);
  const { problem } = app;
  const saved = session.app;
  const named = (key: string, fallback: string, tensor: Tensor | undefined): NamedTensor | undefined =>
    saved ? saved.arrays[key] : tensor && { name: fallback, tensor };
  if (saved) {
    for (const key of SETTINGS_KEYS) {
      const value = saved.settings[key];
      if (value && typeof value === 'object') Object.assign(problem[key], value);
    }
  } else {
    problem.kernelSettings.source = 'custom';
    const { loss } = session.problem;
    problem.lossSettings.kind = loss.kind;
    if (loss.kind === 'linear') problem.lossSettings.grad = loss.grad.kind === 'array' ? 'file' : loss.grad.kind;
    if (loss.kind === 'l2') {
      problem.lossSettings.activation = loss.activation;
      problem.lossSettings.target = loss.target.kind === 'array' ? 'file' : 'zeros';
    }
    Object.assign(problem.numericSettings, { dtype: session.problem.dtype, method: session.check.method, h: session.check.h, ...session.check.tolerance });
    const { conv } = session.problem;
    const [padTop, padBottom, padLeft, padRight] = typeof conv.padding === 'string' ? [1, 1, 1, 1] : conv.padding;
    Object.assign(problem.convSettings, {
      op: conv.op,
      padding: typeof conv.padding === 'string' ? conv.padding : 'explicit',
      ...{ padTop, padBottom, padLeft, padRight },
      paddingMode: conv.paddingMode,
      strideH: conv.stride[0],
      strideW: conv.stride[1],
      dilationH: conv.dilation[0],
      dilationW: conv.dilation[1],
    });
  }
  const { loss } = session.problem;
  problem.source = named('source', 'x', session.problem.x);
  problem.customKernel = named('customKernel', 'w', session.problem.w);
  problem.gradFile = named('gradFile', 'G', loss.kind === 'linear' && loss.grad.kind === 'array' ? loss.grad.value : undefined);
  problem.targetFile = named('targetFile', 'T', loss.kind === 'l2' && loss.target.kind === 'array' ? loss.target.value : undefined);
  const image = saved?.files['image'];
  problem.imageFile = image ? { name: image.name, bytes: image.bytes.slice().buffer } : undefined;
  if (bug !== undefined) app.underTest.choose({ kind: 'bug', bug: bug as BugName });
  else app.underTest.replaceFiles(session.underTest?.gradients ?? {});
  problem.imageCount++;
  problem.loadError = null;
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
