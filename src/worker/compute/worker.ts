// The Comlink worker: every numerical job of the app runs here, never on the main thread.
import * as Comlink from 'comlink';
import './wasm-assets';
import { analyze, type Analysis } from '../../core/conv/analyze';
import { mapTensors } from '../../core/problem/map-tensors';
import { budgetOf } from '../../core/problem/budget';
import { inMemory, type Memory } from '../../core/problem/memory';
import { tensor } from '../../core/problem/tensor';
import type { Problem, Tensor } from '../../core/problem/types';
import type { ImageTensor } from '../../formats/orientation';
import { labelled } from '../../core/problem/labelled-error';
import { readNpz } from '../../formats/npz';
import { InputError } from '../../core/problem/errors';
import { loadArray, loadImage } from '../../formats/load-file';
import { runNumerical } from './numerical-runner';
import { canShareMemory } from '../fill/shared-memory';
import type { WorkerApi } from './protocol';
import { sameData } from './same-data';
import { testedGradients, withComparisons } from './under-test';

/** Jobs asked to stop; the running job checks between its slices. */
const cancelled = new Set<number>();

/**
 * The distinct buffers behind some arrays, to transfer rather than copy them. SharedArrayBuffers
 * (the pool's map, cross-origin isolated) are left out: they cannot be transferred, and posting
 * them shares them.
 */
function buffersOf(arrays: readonly (ArrayBufferView | undefined)[]): ArrayBuffer[] {
  return [...new Set(arrays.flatMap((a) => (a?.buffer instanceof ArrayBuffer ? [a.buffer] : [])))];
}

const dataOf = (tensors: readonly (Tensor | undefined)[]) => tensors.map((t) => t?.data);

/** The buffers of the problem's own arrays: dL/dY may be its G (the linear loss's), which must not be transferred away from it. */
function problemBuffers(problem: Problem): Set<ArrayBufferLike> {
  const buffers = new Set<ArrayBufferLike>();
  mapTensors(problem, (t) => (buffers.add(t.data.buffer), t));
  return buffers;
}

const sharesMemory = canShareMemory();

/**
 * Where the analysis is allocated. Shared (cross-origin isolated), the renderer and this worker
 * hold the same arrays, and the pool's helpers read its Y and dL/dY in place; neither side ever
 * writes to them. Otherwise the renderer gets the originals and this worker keeps copies.
 */
const memory: Memory = sharesMemory ? 'shared' : 'own';

/**
 * The analysis of the last problem analysed, kept for the numerical job that usually follows for
 * the same problem, which then does not compute Y and the VJP again: that would be serial time
 * added to every job, however many helpers.
 */
let lastAnalysis: { readonly problem: Problem; readonly analysis: Analysis } | undefined;

function analysisFor(problem: Problem): Analysis {
  if (lastAnalysis && sameData(lastAnalysis.problem, problem)) return lastAnalysis.analysis;
  return analyze(problem, memory);
}

/** An array both this worker and the renderer may hold: shared, or else a copy to transfer. */
function copyOf(t: Tensor): Tensor {
  return tensor(t.shape, sharesMemory ? inMemory(t.data, 'shared') : t.data.slice());
}

/** What this worker keeps of an analysis whose own arrays go to the renderer: the same arrays when shared, else copies. */
function keptOf(r: Analysis): Analysis {
  if (sharesMemory) return r;
  return { ...r, y: copyOf(r.y), gy: copyOf(r.gy), dX: copyOf(r.dX), dW: copyOf(r.dW), db: r.db && copyOf(r.db) };
}

/**
 * A loaded array in the memory the renderer shares its problem in (renderer/lib/shared-problem.ts),
 * which then need not copy it on its main thread (~50 ms a 1024² float64 array): an image is
 * decoded there, an array read in place from the file's bytes is copied there here.
 */
function loaded<T extends Tensor>(t: T): T {
  return { ...t, data: inMemory(t.data, memory) };
}

const api: WorkerApi = {
  async loadImage(bytes, fileName, mode, maxElements) {
    const { tensor, orientation } = await loadImage(new Uint8Array(bytes), fileName, mode, budgetOf(maxElements), memory);
    // An EXIF orientation left unapplied travels with the array, so the image panel can say so.
    const t: ImageTensor = loaded(orientation === undefined ? tensor : { ...tensor, orientation });
    return Comlink.transfer(t, buffersOf([t.data]));
  },

  async loadNpz(bytes, fileName) {
    try {
      const read = readNpz(new Uint8Array(bytes));
      const bundle = { ...read, arrays: Object.fromEntries(Object.entries(read.arrays).map(([slot, t]) => [slot, t && loaded(t)])) };
      return Comlink.transfer(bundle, buffersOf(dataOf(Object.values(bundle.arrays))));
    } catch (error) {
      throw error instanceof InputError ? new Error(`${fileName}: ${error.message}`) : error;
    }
  },

  async loadArray(bytes, fileName, maxElements) {
    const t = loaded(await loadArray(new Uint8Array(bytes), fileName, budgetOf(maxElements)));
    return Comlink.transfer(t, buffersOf([t.data]));
  },

  async analyze(problem, labels, subject = { kind: 'own' }) {
    try {
      const r = analyze(problem, memory);
      lastAnalysis = { problem, analysis: keptOf(r) };
      const tested = testedGradients(problem, lastAnalysis.analysis, subject);
      const copies = tested && { dX: tested.dX && copyOf(tested.dX), dW: tested.dW && copyOf(tested.dW) };
      const kept = problemBuffers(problem);
      const sent = buffersOf(dataOf([r.y, r.gy, r.dX, r.dW, r.db, copies?.dX, copies?.dW])).filter((buffer) => !kept.has(buffer));
      return Comlink.transfer({ ...r, ...(copies ? { tested: copies } : {}) }, sent);
    } catch (error) {
      throw labelled(error, labels);
    }
  },

  async numerical(job, problem, labels, options, onProgress, subject = { kind: 'own' }) {
    try {
      const own = analysisFor(problem);
      const tested = testedGradients(problem, own, subject);
      const measured = await runNumerical(problem, own, tested, options, () => cancelled.has(job), onProgress);
      if (!measured) return null;
      const result = withComparisons(own, tested, measured, options.tolerance, options.worst);
      const comparisons = Object.values(result);
      return Comlink.transfer(result, buffersOf(comparisons.flatMap((c) => [...dataOf([c.numerical, c.error, c.vsOwn?.error]), c.kinks, c.errbar])));
    } catch (error) {
      throw labelled(error, labels);
    } finally {
      cancelled.delete(job);
    }
  },

  cancel(job) {
    cancelled.add(job);
  },
};

Comlink.expose(api);
