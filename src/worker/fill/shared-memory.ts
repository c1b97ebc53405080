// The numerical pool's shared memory. In a cross-origin isolated page (src/main/isolation.ts) the
// computation worker puts the problem's arrays and the map's arrays in SharedArrayBuffers: posting
// them to a helper shares them instead of cloning, so no helper copies the inputs or allocates
// the outputs, and each writes its ranges of the map in place. Elsewhere (a plain file server)
// SharedArrayBuffer cannot be posted, and the pool copies as before (fill-protocol.ts).
import type { FillTarget } from '../../core/check/difference';
import type { FloatArray, GradientName, Problem, Tensor } from '../../core/problem/types';

/** Whether this worker may post SharedArrayBuffers to its helpers. */
export function canShareMemory(): boolean {
  // Typed loosely: the unit tests' (Node's) globals do not declare it.
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

type SharedKind = FloatArray | Uint8Array;

/** A zeroed array like `array` (same type and length) in shared memory. */
function sharedLike<T extends SharedKind>(array: T): T {
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  return new Type(new SharedArrayBuffer(array.byteLength));
}

function sharedTensor(t: Tensor): Tensor {
  if (t.data.buffer instanceof SharedArrayBuffer) return t;
  const data = sharedLike(t.data);
  data.set(t.data);
  return { shape: t.shape, data };
}

/** `problem` with every array it holds (X, W, bias, G or the target) in shared memory. */
export function sharedProblem(problem: Problem): Problem {
  const { loss } = problem;
  let shared = loss;
  if (loss.kind === 'linear' && loss.grad.kind === 'array') shared = { ...loss, grad: { kind: 'array', value: sharedTensor(loss.grad.value) } };
  if (loss.kind === 'l2' && loss.target.kind === 'array') shared = { ...loss, target: { kind: 'array', value: sharedTensor(loss.target.value) } };
  return { ...problem, x: sharedTensor(problem.x), w: sharedTensor(problem.w), ...(problem.bias ? { bias: sharedTensor(problem.bias) } : {}), loss: shared };
}

/** Arrays in shared memory shaped like each of `targets` (the pipeline's measurement), which helpers fill in place. */
export function sharedTargets(targets: Partial<Record<GradientName, FillTarget>>): Partial<Record<GradientName, FillTarget>> {
  const out: Partial<Record<GradientName, FillTarget>> = {};
  for (const [name, t] of Object.entries(targets) as [GradientName, FillTarget][]) {
    out[name] = { values: sharedLike(t.values), kinks: sharedLike(t.kinks), errbar: sharedLike(t.errbar), spread: sharedLike(t.spread) };
  }
  return out;
}
