// A ConvGrad session (.convgrad): one zip holding session.json (the format, its version, the
// problem's options and the check's settings) and every array as .npy, so a session reopens to
// the same bits. The format is documented in docs/FORMATS.md.
//
// `problem` and `check` are the resolved problem (what the check runs on), which the CLI reads;
// `app` is the window's own state (its panels' settings and the files as opened, before crop or
// downscale), which only the app reads, so the CLI never depends on the UI's settings.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { InputError } from '../core/problem/errors';
import type { ConvOptions, DType, FdMethod, GradientName, KinkConvention, Problem, Tensor, Tolerance } from '../core/problem/types';
import { readNpy, writeNpy } from './npy';

export const SESSION_FORMAT = 'convgrad-session';
export const SESSION_VERSION = 1;
export const SESSION_EXTENSION = '.convgrad';
const DOCUMENT = 'session.json';

/** How the numerical gradient is taken and judged. */
export interface SessionCheck {
  readonly method: FdMethod;
  readonly h: number;
  readonly tolerance: Tolerance;
  /** h left to ConvGrad (scaled per gradient) rather than given. */
  readonly autoStep?: boolean;
  readonly kinkConvention?: KinkConvention;
}

/** The gradient under test when it is not ConvGrad's own VJP. */
export interface SessionUnderTest {
  readonly gradients?: Partial<Record<'dX' | 'dW', { readonly name: string; readonly tensor: Tensor }>>;
  /** An injected bug's name (docs/DISCREPANCIES.md). */
  readonly bug?: string;
}

/** One array the app keeps with the name of the file it came from. */
export interface SessionArray {
  readonly name: string;
  readonly tensor: Tensor;
}

/** The window's state: JSON settings, arrays and raw files by key. */
export interface SessionApp {
  readonly settings: Record<string, unknown>;
  readonly arrays: Readonly<Record<string, SessionArray>>;
  /** Files kept as opened (e.g. the image, to decode it again in another channel mode). */
  readonly files: Readonly<Record<string, { readonly name: string; readonly bytes: Uint8Array }>>;
}

export interface Session {
  readonly appVersion: string;
  readonly problem: Problem;
  readonly check: SessionCheck;
  readonly underTest?: SessionUnderTest;
  readonly app?: SessionApp;
}

type ArrayRef = { readonly file: string; readonly name?: string };

/** session.json as written: arrays are file names in the zip. */
interface SessionDocument {
  readonly format: typeof SESSION_FORMAT;
  readonly version: number;
  readonly app_version: string;
  readonly problem: {
    readonly x: ArrayRef;
    readonly w: ArrayRef;
    readonly bias?: ArrayRef;
    readonly conv: ConvOptions;
    readonly loss:
      | { readonly kind: 'linear'; readonly grad: { readonly kind: 'ones' } | { readonly kind: 'random'; readonly seed: number } | { readonly kind: 'array'; readonly value: ArrayRef } }
      | { readonly kind: 'l2'; readonly activation: string; readonly target: { readonly kind: 'zeros' } | { readonly kind: 'array'; readonly value: ArrayRef } };
    readonly dtype: DType;
  };
  readonly check: SessionCheck;
  readonly under_test?: { readonly dX?: ArrayRef; readonly dW?: ArrayRef; readonly bug?: string };
  readonly app?: {
    readonly settings: Record<string, unknown>;
    readonly arrays: Record<string, ArrayRef>;
    readonly files: Record<string, ArrayRef>;
  };
}

/** Writes a session as the bytes of a .convgrad file. */
export function encodeSession(session: Session): Uint8Array {
  const entries: Zippable = {};
  const array = (file: string, tensor: Tensor, name?: string): ArrayRef => {
    entries[file] = writeNpy(tensor);
    return name === undefined ? { file } : { file, name };
  };
  const { problem, underTest, app } = session;
  const loss: SessionDocument['problem']['loss'] =
    problem.loss.kind === 'linear'
      ? { kind: 'linear', grad: problem.loss.grad.kind === 'array' ? { kind: 'array', value: array('problem/grad.npy', problem.loss.grad.value) } : problem.loss.grad }
      : {
          kind: 'l2',
          activation: problem.loss.activation,
          target: problem.loss.target.kind === 'array' ? { kind: 'array', value: array('problem/target.npy', problem.loss.target.value) } : problem.loss.target,
        };
  const underTestDoc = underTest && {
    ...(underTest.gradients?.dX ? { dX: array('under-test/dX.npy', underTest.gradients.dX.tensor, underTest.gradients.dX.name) } : {}),
    ...(underTest.gradients?.dW ? { dW: array('under-test/dW.npy', underTest.gradients.dW.tensor, underTest.gradients.dW.name) } : {}),
    ...(underTest.bug !== undefined ? { bug: underTest.bug } : {}),
  };
  const appDoc = app && {
    settings: app.settings,
    arrays: Object.fromEntries(Object.entries(app.arrays).map(([key, a]) => [key, array(`app/${key}.npy`, a.tensor, a.name)])),
    files: Object.fromEntries(
      Object.entries(app.files).map(([key, f]) => {
        entries[`app/files/${key}`] = f.bytes;
        return [key, { file: `app/files/${key}`, name: f.name }];
      }),
    ),
  };
  const document: SessionDocument = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    app_version: session.appVersion,
    problem: {
      x: array('problem/x.npy', problem.x),
      w: array('problem/w.npy', problem.w),
      ...(problem.bias ? { bias: array('problem/bias.npy', problem.bias) } : {}),
      conv: problem.conv,
      loss,
      dtype: problem.dtype,
    },
    check: session.check,
    ...(underTestDoc ? { under_test: underTestDoc } : {}),
    ...(appDoc ? { app: appDoc } : {}),
  };
  entries[DOCUMENT] = strToU8(JSON.stringify(document, null, 2) + '\n');
  return zipSync(entries, { level: 6 });
}

/** Reads a .convgrad file; bad input throws an InputError naming the file and the problem. */
export function decodeSession(bytes: Uint8Array, fileName: string): Session {
  const fail = (message: string): never => {
    throw new InputError(`${fileName}: ${message}`);
  };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return fail('not a ConvGrad session (not a zip file)');
  }
  const documentBytes = entries[DOCUMENT] ?? fail(`not a ConvGrad session (no ${DOCUMENT})`);
  let document: SessionDocument;
  try {
    document = JSON.parse(strFromU8(documentBytes)) as SessionDocument;
  } catch {
    return fail(`${DOCUMENT} is not valid JSON`);
  }
  if (document?.format !== SESSION_FORMAT) fail(`not a ConvGrad session (format ${JSON.stringify(document?.format)})`);
  if (document.version !== SESSION_VERSION) {
    fail(`session format version ${document.version} is not supported (this ConvGrad reads version ${SESSION_VERSION}; try a newer ConvGrad)`);
  }
  const array = (ref: ArrayRef | undefined, what: string): Tensor => {
    if (!ref || typeof ref.file !== 'string') return fail(`${what} is missing`);
    const data = entries[ref.file] ?? fail(`${what}: ${ref.file} is missing from the session`);
    try {
      return readNpy(data);
    } catch (error) {
      return fail(`${ref.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const doc = document.problem ?? fail('problem is missing');
  const loss = doc.loss ?? fail('problem.loss is missing');
  const problem: Problem = {
    x: array(doc.x, 'problem.x'),
    w: array(doc.w, 'problem.w'),
    ...(doc.bias ? { bias: array(doc.bias, 'problem.bias') } : {}),
    conv: doc.conv ?? fail('problem.conv is missing'),
    loss:
      loss.kind === 'linear'
        ? { kind: 'linear', grad: loss.grad.kind === 'array' ? { kind: 'array', value: array(loss.grad.value, 'the loss gradient G') } : loss.grad }
        : {
            kind: 'l2',
            activation: loss.activation as Extract<Problem['loss'], { kind: 'l2' }>['activation'],
            target: loss.target.kind === 'array' ? { kind: 'array', value: array(loss.target.value, 'the target') } : loss.target,
          },
    dtype: doc.dtype,
  };
  const check = document.check ?? fail('check is missing');
  const ut = document.under_test;
  const named = (ref: ArrayRef | undefined, what: GradientName) => (ref ? { name: ref.name ?? `${what}.npy`, tensor: array(ref, `the ${what} under test`) } : undefined);
  const dX = named(ut?.dX, 'dX');
  const dW = named(ut?.dW, 'dW');
  const underTest: SessionUnderTest | undefined = ut && {
    ...(dX || dW ? { gradients: { ...(dX ? { dX } : {}), ...(dW ? { dW } : {}) } } : {}),
    ...(ut.bug !== undefined ? { bug: ut.bug } : {}),
  };
  const appDoc = document.app;
  const app: SessionApp | undefined = appDoc && {
    settings: appDoc.settings ?? {},
    arrays: Object.fromEntries(Object.entries(appDoc.arrays ?? {}).map(([key, ref]) => [key, { name: ref.name ?? key, tensor: array(ref, `app array ${key}`) }])),
    files: Object.fromEntries(
      Object.entries(appDoc.files ?? {}).map(([key, ref]) => [key, { name: ref.name ?? key, bytes: entries[ref.file] ?? fail(`${ref.file} is missing from the session`) }]),
    ),
  };
  return {
    appVersion: String(document.app_version ?? 'unknown'),
    problem,
    check,
    ...(underTest ? { underTest } : {}),
    ...(app ? { app } : {}),
  };
}
