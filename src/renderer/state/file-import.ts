// Files dropped or opened together land in their places: one .npz fills in the whole problem
// (X, W, bias, G or T, the gradients under test, the conv settings), several files go by their
// names (drop-routes.ts). Nothing changes until every array is known to be good.
import type { NpzSettings, NpzSlot } from '../../formats/npz';
import { isArrayFile } from '../../formats/file-kinds';
import type { Tensor } from '../../core/problem/types';
import { rejectionOf, testedRejection, type Slot } from '../lib/accept';
import { dropRoutes, type DropTarget } from '../lib/drop-routes';
import type { PickedFile } from '../lib/picked-file';
import type { ConvSettings, NamedTensor } from '../lib/settings';
import type { CheckSession } from './check-session.svelte';
import type { ProblemState } from './problem.svelte';
import type { UnderTestState } from './under-test.svelte';

export interface Importer {
  readonly problem: ProblemState;
  readonly underTest: UnderTestState;
  readonly check: CheckSession;
}

/** Opens files dropped together (or one dropped on the panel `zone`). */
export async function openFiles(app: Importer, files: readonly PickedFile[], zone?: Slot): Promise<void> {
  const routes = dropRoutes(files.map((f) => f.name), zone);
  if ('error' in routes) {
    app.problem.loadError = routes.error;
    return;
  }
  if (routes[0].kind === 'npz') return openNpz(app, files[0]);
  if (files.length === 1 && routes[0].kind === 'slot') return app.problem.open(routes[0].slot, files[0]);
  // Decoded first and placed together, so a bad file changes nothing; as one load, so no other overtakes it.
  const names: Partial<Record<NpzSlot, string>> = {};
  return app.problem.load(
    async () => {
      const decoded = await Promise.all(files.map((file, i) => decode(app, file, routes[i])));
      const arrays: Partial<Record<NpzSlot, Tensor>> = {};
      decoded.forEach((tensor, i) => {
        const slot = slotOfRoute(routes[i]);
        arrays[slot] = tensor;
        names[slot] = files[i].name;
      });
      return arrays;
    },
    (arrays) => applyArrays(app, arrays, (slot) => names[slot] ?? slot, {}, false),
  );
}

function slotOfRoute(route: DropTarget): NpzSlot {
  if (route.kind === 'tested') return route.gradient === 'dX' ? 'dx' : 'dw';
  if (route.kind === 'npz') throw new Error('a .npz is opened on its own');
  return ({ image: 'x', kernel: 'w', grad: 'grad', target: 'target' } as const)[route.slot];
}

function decode(app: Importer, file: PickedFile, route: DropTarget): Promise<Tensor> {
  const copy = file.bytes.slice(0);
  if (route.kind === 'slot' && route.slot === 'image' && !isArrayFile(file.name)) {
    return app.check.loadImage(copy, file.name, app.problem.imageSettings.channelMode);
  }
  return app.check.loadArray(copy, file.name);
}

export function openNpz(app: Importer, file: PickedFile): Promise<void> {
  return app.problem.load(
    async () => {
      const bundle = await app.check.loadNpz(file.bytes.slice(0), file.name);
      const { arrays, keys } = bundle;
      if (!arrays.x) throw new Error(`${file.name}: holds no x (or input), the array to convolve`);
      if (arrays.db) throw new Error(`${file.name}: holds ${keys.db}: a dL/db under test is not checked yet (ConvGrad checks its own dL/db); save the .npz without it`);
      return bundle;
    },
    ({ arrays, keys, settings }) => applyArrays(app, arrays, (slot) => `${file.name}:${keys[slot]}`, settings, true),
  );
}

/** The one value of a constant bias (the app's bias is one value for every channel), or a rejection. */
function constantBias(b: Tensor): number | string {
  const v = b.data[0];
  return b.data.every((u) => u === v) ? v : 'the app takes one bias value for every channel; check a per-channel bias with convgrad check --npz';
}

/**
 * Puts the arrays in place (named by `nameOf`, e.g. "f.npz:dx"), or throws (one line) why not,
 * changing nothing. `whole`: they are a whole problem (a .npz), replacing the gradients under test.
 */
export function applyArrays(
  app: Importer,
  arrays: Partial<Record<NpzSlot, Tensor>>,
  nameOf: (slot: NpzSlot) => string,
  settings: NpzSettings,
  whole: boolean,
): void {
  const { problem, underTest } = app;
  if (arrays.grad && arrays.target) throw new Error(`${nameOf('grad')}, ${nameOf('target')}: both G (a linear loss) and T (an l2 loss); keep one`);
  const checks: [NpzSlot, Slot][] = [
    ['x', 'image'],
    ['w', 'kernel'],
    ['grad', 'grad'],
    ['target', 'target'],
  ];
  for (const [key, slot] of checks) {
    const t = arrays[key];
    const why = t && rejectionOf(t, slot);
    if (why) throw new Error(`${nameOf(key)}: ${why}`);
  }
  // A gradient under test has the shape of X or W: the new ones where given, else those analysed.
  const analysed = app.check.analysis;
  for (const [key, gradient, of] of [['dx', 'dX', arrays.x], ['dw', 'dW', arrays.w]] as const) {
    const t = arrays[key];
    const why = t && testedRejection(t, gradient, of?.shape ?? analysed?.[gradient].shape);
    if (why) throw new Error(`${nameOf(key)}: ${why}`);
  }
  const bias = arrays.bias ? constantBias(arrays.bias) : undefined;
  if (typeof bias === 'string') throw new Error(`${nameOf('bias')}: ${bias}`);
  const named = (key: NpzSlot, tensor: Tensor): NamedTensor => ({ name: nameOf(key), tensor });

  if (arrays.x) {
    // The gradients under test are X's shape: the image is taken as it is, not cropped or scaled.
    problem.imageSettings.factor = 1;
    problem.imageSettings.crop = false;
    problem.source = named('x', arrays.x);
    problem.imageFile = undefined;
    problem.imageCount++;
  }
  if (arrays.w) {
    problem.customKernel = named('w', arrays.w);
    problem.kernelSettings.source = 'custom';
  }
  if (whole) problem.kernelSettings.bias = bias !== undefined;
  if (bias !== undefined) problem.kernelSettings.biasValue = bias;
  if (arrays.grad) {
    problem.gradFile = named('grad', arrays.grad);
    problem.lossSettings.kind = 'linear';
    problem.lossSettings.grad = 'file';
  }
  if (arrays.target) {
    problem.targetFile = named('target', arrays.target);
    problem.lossSettings.kind = 'l2';
    problem.lossSettings.target = 'file';
  }
  Object.assign(problem.convSettings, convSettingsOf(settings));
  const tested = { dX: arrays.dx && named('dx', arrays.dx), dW: arrays.dw && named('dw', arrays.dw) };
  if (whole) underTest.replaceFiles(tested);
  else if (tested.dX || tested.dW) underTest.setFiles(Object.fromEntries(Object.entries(tested).filter(([, v]) => v)));
}

/** The inputs panel's fields a .npz's settings set (the others keep their values). */
export function convSettingsOf(s: NpzSettings): Partial<ConvSettings> {
  const out: Partial<ConvSettings> = {};
  if (s.op) out.op = s.op;
  if (s.paddingMode) out.paddingMode = s.paddingMode;
  if (s.stride) [out.strideH, out.strideW] = s.stride;
  if (s.dilation) [out.dilationH, out.dilationW] = s.dilation;
  if (typeof s.padding === 'string') out.padding = s.padding;
  else if (s.padding) {
    out.padding = 'explicit';
    [out.padTop, out.padBottom, out.padLeft, out.padRight] = s.padding;
  }
  return out;
}
