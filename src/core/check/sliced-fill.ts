// Fills ranges of a numerical job in time slices, so the thread doing it stays responsive:
// between slices it reports progress and yields to its event loop, where a cancel can land.
import { now } from '../problem/clock';
import type { GradientName } from '../problem/types';
import { numericalJobFor, targetOf } from './check';
import type { FillTarget, NumericalJob } from './numerical';
import type { Piece } from './partition';
import type { Filler } from './pipeline';

/** A slice long enough to amortise the yield, short enough that Cancel feels immediate. */
const SLICE_MS = 40;

/** What this needs of a MessagePort: the DOM's and Node's (in unit tests) both have it, with different typings. */
interface Port {
  onmessage: (() => void) | null;
  postMessage(message: null): void;
  close(): void;
}

// MessageChannel exists in browsers, workers and Node alike; the core's ES-only lib just doesn't declare it.
const { MessageChannel: Channel } = globalThis as unknown as { MessageChannel: new () => { port1: Port; port2: Port } };

/**
 * A message to itself rather than setTimeout: a chain of timeouts is clamped to 4 ms each,
 * a tenth of every slice; a message waits only behind what is already queued (such as a cancel).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new Channel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Fills every piece into its gradient's target; false when `isCancelled` said stop first. The
 * pieces are taken one at a time (a pool's helpers claim them as they go), each slice sized from
 * the last, across pieces too.
 */
export async function fillInSlices(
  job: NumericalJob,
  pieces: Iterable<Piece>,
  targets: Partial<Record<GradientName, FillTarget>>,
  isCancelled: () => boolean,
  onProgress: (done: number) => void,
): Promise<boolean> {
  let done = 0;
  let chunk = 16;
  for (const { name, start: from, end } of pieces) {
    const target = targets[name];
    if (!target) throw new Error(`no array to fill for ${name}`);
    for (let start = from; start < end; ) {
      if (isCancelled()) return false;
      const stop = Math.min(start + chunk, end);
      const t0 = now();
      job.fill(name, start, stop, target);
      const spent = now() - t0;
      // Aim the next slice at SLICE_MS, growing or shrinking at most fourfold per step.
      chunk = Math.max(1, Math.round(chunk * Math.min(4, Math.max(0.25, SLICE_MS / Math.max(spent, 0.01)))));
      done += stop - start;
      start = stop;
      onProgress(done);
      await yieldToEventLoop();
    }
  }
  return !isCancelled();
}

/**
 * The pipeline's time-sliced filler (the discrepancy panel's): the whole map in this thread, a
 * slice at a time; `onProgress` hears how many elements are differenced so far, of how many.
 */
export function slicedFiller(isCancelled: () => boolean, onProgress: (done: number, total: number) => void): Filler {
  return (plan, measured) => {
    const job = numericalJobFor(plan.problem, plan.settings, plan.options.reference ?? false);
    const names = (['dX', 'dW', 'db'] as const).filter((name) => measured[name] && job.counts[name] > 0);
    const total = names.reduce((sum, name) => sum + job.counts[name], 0);
    const pieces = names.map((name) => ({ name, start: 0, end: job.counts[name] }));
    const targets = Object.fromEntries(names.map((name) => [name, targetOf(measured[name]!)]));
    return fillInSlices(job, pieces, targets, isCancelled, (done) => onProgress(done, total));
  };
}
