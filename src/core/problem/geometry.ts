import { checkElements, DEFAULT_BUDGET, type Budget } from './budget';
import { InputError } from './errors';
import type { ConvOptions, Op, PaddingMode, PaddingSize } from './types';

/** How one spatial axis of the input is padded and swept by the kernel. */
export interface Axis {
  readonly size: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly before: number;
  readonly after: number;
  readonly padded: number;
  readonly out: number;
  /** The input index that padded position p holds, or -1 where the padding is zero. */
  readonly source: Int32Array;
}

export interface Geometry {
  readonly rows: Axis;
  readonly cols: Axis;
}

function positiveInteger(value: number, option: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InputError(`${option} must be an integer >= 1, got ${value}`, option);
  }
  return value;
}

/** [before, after] for one axis, from the named size or the explicit pair. */
function padAmounts(padding: PaddingSize, extent: number, op: Op, stride: number, explicit: readonly [number, number]): [number, number] {
  switch (padding) {
    case 'seed':
      return [0, extent - 1];
    case 'valid':
      return [0, 0];
    case 'full':
      return [extent - 1, extent - 1];
    case 'same': {
      if (stride !== 1) throw new InputError(`padding 'same' needs stride 1, got ${stride}`, 'padding');
      // For an even kernel the extra row goes where scipy (conv) and PyTorch (xcorr) put it.
      const total = extent - 1;
      const small = Math.floor(total / 2);
      return op === 'conv' ? [total - small, small] : [small, total - small];
    }
    default:
      return [explicit[0], explicit[1]];
  }
}

function sourceIndex(i: number, size: number, mode: PaddingMode): number {
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'reflect':
      return i < 0 ? -i : 2 * (size - 1) - i;
    case 'circular':
      return ((i % size) + size) % size;
  }
}

function checkModeFits(before: number, after: number, size: number, mode: PaddingMode, axis: string): void {
  const largest = Math.max(before, after);
  if (mode === 'reflect' && largest >= size) {
    throw new InputError(`reflect padding of ${largest} ${axis} needs an input larger than ${largest}, got ${size}`, 'padding-mode');
  }
  if (mode === 'circular' && largest > size) {
    throw new InputError(`circular padding of ${largest} ${axis} needs an input of at least ${largest}, got ${size}`, 'padding-mode');
  }
}

function resolveAxis(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  conv: ConvOptions,
  explicit: readonly [number, number],
  axis: string,
  budget: Budget,
): Axis {
  const extent = dilation * (kernel - 1) + 1;
  const [before, after] = padAmounts(conv.padding, extent, conv.op, stride, explicit);
  checkModeFits(before, after, size, conv.paddingMode, axis);
  const padded = size + before + after;
  if (extent > padded) {
    const what = dilation > 1 ? `dilated kernel extent ${extent}` : `kernel size ${kernel}`;
    throw new InputError(`${what} is larger than the padded input (${padded} ${axis})`, 'w');
  }
  checkElements(padded, `the padded input's ${axis} (${size} + ${before} + ${after} of padding)`, budget, 'padding');
  const out = Math.floor((padded - extent) / stride) + 1;
  return { size, kernel, stride, dilation, before, after, padded, out, source: new Int32Array(0) };
}

/** The index map of an axis, allocated only once both axes' sizes are known to fit the budget. */
function withSource(axis: Axis, mode: PaddingMode): Axis {
  const source = new Int32Array(axis.padded);
  for (let p = 0; p < axis.padded; p++) source[p] = sourceIndex(p - axis.before, axis.size, mode);
  return { ...axis, source };
}

/** Padding, output size and index maps for an H x W input and a K x L kernel. */
export function resolveGeometry(H: number, W: number, K: number, L: number, conv: ConvOptions, budget: Budget = DEFAULT_BUDGET): Geometry {
  const [sh, sw] = conv.stride.map((s) => positiveInteger(s, 'stride'));
  const [dh, dw] = conv.dilation.map((d) => positiveInteger(d, 'dilation'));
  let explicit: readonly [number, number, number, number] = [0, 0, 0, 0];
  if (typeof conv.padding !== 'string') {
    if (conv.padding.length !== 4 || conv.padding.some((p) => !Number.isSafeInteger(p) || p < 0)) {
      throw new InputError(`padding must be four integers >= 0 (top,bottom,left,right), got ${conv.padding.join(',')}`, 'padding');
    }
    explicit = conv.padding;
  }
  const rows = resolveAxis(H, K, sh, dh, conv, [explicit[0], explicit[1]], 'rows', budget);
  const cols = resolveAxis(W, L, sw, dw, conv, [explicit[2], explicit[3]], 'columns', budget);
  checkElements(rows.padded * cols.padded, `the padded input (${rows.padded} x ${cols.padded})`, budget, 'padding');
  return { rows: withSource(rows, conv.paddingMode), cols: withSource(cols, conv.paddingMode) };
}

/**
 * For each input index a: the padded positions that hold it and the output indices whose
 * window reads one of them, as compressed rows. This is the locality the numerical gradient
 * exploits: perturbing input a changes only outputs[a].
 */
export interface Reach {
  readonly positionStart: Int32Array;
  readonly positions: Int32Array;
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
}

export function reachOf(axis: Axis): Reach {
  const { size, padded, source, kernel, dilation, stride, out } = axis;
  // Typed arrays filled in two passes, no list or Set per index: every threaded check counts its
  // cost with this before its analysis, cold (~10 ms a 512 axis with lists and Sets).
  const positionStart = new Int32Array(size + 1);
  for (let p = 0; p < padded; p++) if (source[p] >= 0) positionStart[source[p] + 1]++;
  for (let a = 0; a < size; a++) positionStart[a + 1] += positionStart[a];
  const positions = new Int32Array(positionStart[size]);
  const next = positionStart.slice(0, size);
  for (let p = 0; p < padded; p++) if (source[p] >= 0) positions[next[source[p]]++] = p;
  const outputStart = new Int32Array(size + 1);
  const outputs: number[] = [];
  // The input index that last reached each output: an output two of a's positions reach counts once.
  const reachedBy = new Int32Array(out).fill(-1);
  for (let a = 0; a < size; a++) {
    const first = outputs.length;
    for (let i = positionStart[a]; i < positionStart[a + 1]; i++) {
      // The kernel's last tap first: one position's outputs come out ascending.
      for (let k = kernel - 1; k >= 0; k--) {
        const offset = positions[i] - k * dilation;
        if (offset < 0 || offset % stride !== 0 || offset / stride >= out) continue;
        const o = offset / stride;
        if (reachedBy[o] === a) continue;
        reachedBy[o] = a;
        outputs.push(o);
      }
    }
    // Only an input held at several positions (reflect, replicate, circular padding) needs sorting.
    for (let i = first + 1; i < outputs.length; i++) {
      const o = outputs[i];
      let j = i - 1;
      for (; j >= first && outputs[j] > o; j--) outputs[j + 1] = outputs[j];
      outputs[j + 1] = o;
    }
    outputStart[a + 1] = outputs.length;
  }
  return { positionStart, positions, outputStart, outputs: Int32Array.from(outputs) };
}
