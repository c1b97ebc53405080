// Files dropped or opened together land in their places: one .npz fills in the whole problem
// (X, W, bias, G or T, the gradients under test, the conv settings), several files go by their
// names (drop-routes.ts). Nothing changes until every array is known to be good.
import type { NpzBundle, NpzSettings } from '../../formats/npz';
import type { Tensor } from '../../core/problem/types';
import { rejectionOf, type Slot } from '../lib/accept';
import { dropRoutes } from '../lib/drop-routes';
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

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Opens files dropped together (or one dropped on the panel `zone`). */
export async function openFiles(app: Importer, files: readonly PickedFile[], zone?: Slot): Promise<void> {
  const routes = dropRoutes(files.map((f) => f.name), zone);
  if ('error' in routes) {
    app.problem.loadError = routes.error;
    return;
  }
  if (routes[0].kind === 'npz') return openNpz(app, files[0]);
  await Promise.all(
    files.map(async (file, i) => {
      const route = routes[i];
      if (route.kind === 'slot') return app.problem.open(route.slot, file);
      if (route.kind !== 'tested') return;
      try {
        const tensor = await app.check.loadArray(file.bytes.slice(0), file.name);
        app.underTest.setFiles({ [route.gradient]: { name: file.name, tensor } });
      } catch (error) {
        app.problem.loadError = messageOf(error);
      }
    }),
  );
}

export async function openNpz(app: Importer, file: PickedFile): Promise<void> {
  try {
    const bundle = await app.check.loadNpz(file.bytes.slice(0), file.name);
    const rejection = applyNpz(app, file.name, bundle);
    app.problem.loadError = rejection;
  } catch (error) {
    app.problem.loadError = messageOf(error);
  }
}

/** The one value of a constant bias (the app's bias is one value for every channel), or a rejection. */
function constantBias(b: Tensor): number | string {
  const v = b.data[0];
  return b.data.every((u) => u === v) ? v : 'b: the app takes one bias value for every channel; check a per-channel bias with convgrad check --npz';
}

/** Puts a .npz's contents in place, or says (one line) why not and changes nothing. */
export function applyNpz(app: Importer, name: string, bundle: NpzBundle): string | null {
  const { arrays, settings, keys } = bundle;
  const { problem, underTest } = app;
  if (!arrays.x) return `${name}: holds no x (or input), the array to convolve`;
  if (arrays.grad && arrays.target) return `${name}: holds both grad (a linear loss) and target (an l2 loss); keep one`;
  if (arrays.db) return `${name}: holds ${keys.db}: a dL/db under test is not checked yet (ConvGrad checks its own dL/db); save the .npz without it`;
  const checks: [Tensor | undefined, Slot, string][] = [
    [arrays.x, 'image', 'x'],
    [arrays.w, 'kernel', 'w'],
    [arrays.grad, 'grad', 'grad'],
    [arrays.target, 'target', 'target'],
  ];
  for (const [t, slot, key] of checks) {
    const why = t && rejectionOf(t, slot);
    if (why) return `${name}: ${keys[key as keyof typeof keys] ?? key}: ${why}`;
  }
  const bias = arrays.bias ? constantBias(arrays.bias) : undefined;
  if (typeof bias === 'string') return `${name}: ${bias}`;
  const named = (key: keyof typeof keys, tensor: Tensor): NamedTensor => ({ name: `${name}:${keys[key]}`, tensor });

  // The gradients under test are X's shape: the image is taken as it is, not cropped or scaled.
  problem.imageSettings.factor = 1;
  problem.imageSettings.crop = false;
  problem.source = named('x', arrays.x);
  problem.imageFile = undefined;
  problem.imageCount++;
  if (arrays.w) {
    problem.customKernel = named('w', arrays.w);
    problem.kernelSettings.source = 'custom';
  }
  problem.kernelSettings.bias = bias !== undefined;
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
  underTest.replaceFiles({ dX: arrays.dx && named('dx', arrays.dx), dW: arrays.dw && named('dw', arrays.dw) });
  return null;
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
