// Large planes are painted a slice at a time in short main-thread tasks, one plane after another.
// Results arrive together (a 1024² numerical map and its error map); painted side by side, slice
// for slice, each took as long as all of them, while in turn the first is on screen in its own
// time.
import { yieldToEventLoop } from '../../core/check/sliced-fill';

/** Paints some of a plane, until `until` (performance.now()) at the latest; true once it is all painted. */
export type PaintStep = (until: number) => boolean;

/**
 * Steps run one after another within a task for this long: a slice of 64k values takes about a
 * millisecond or less, while each new task waits behind the page's, so one slice per task made a
 * map's painting mostly waiting.
 */
export const TASK_MS = 12;

const queue: PaintStep[] = [];
let scheduled = false;

/** The next task by a message rather than a timer: a chain of timeouts waits at least 4 ms per task, a quarter of each. */
function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  void yieldToEventLoop().then(run);
}

function run(): void {
  scheduled = false;
  const until = performance.now() + TASK_MS;
  while (queue.length > 0) {
    const step = queue[0];
    if (!step(until)) break;
    // Unless it took itself out meanwhile.
    const at = queue.indexOf(step);
    if (at >= 0) queue.splice(at, 1);
  }
  schedule();
}

/** Runs `step` in tasks of the page until it says it is done, after the planes queued before it; the returned function takes it out. */
export function queuePaint(step: PaintStep): () => void {
  // Its own entry: one step queued twice is taken out once per cancel.
  const entry: PaintStep = (until) => step(until);
  queue.push(entry);
  schedule();
  return () => {
    const at = queue.indexOf(entry);
    if (at >= 0) queue.splice(at, 1);
  };
}
