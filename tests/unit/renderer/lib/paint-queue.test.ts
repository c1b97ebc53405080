// The page's paint queue: planes are painted one after another, oldest first, a step at a time in
// tasks, and a cancelled one is never run again.
import { describe, expect, it, vi } from 'vitest';
import { queuePaint } from '../../../../src/renderer/lib/paint-queue';

/** A paint that takes `tasks` calls (each runs out of time but the last), noting each call and its deadline. */
function paintOf(name: string, tasks: number, log: string[], deadlines: number[] = []) {
  let calls = 0;
  return (until: number) => {
    log.push(name);
    deadlines.push(until);
    return ++calls >= tasks;
  };
}

describe('queuePaint', () => {
  it('paints one plane after another, in the order queued, each in tasks', async () => {
    const log: string[] = [];
    queuePaint(paintOf('numerical', 3, log));
    queuePaint(paintOf('analytic', 2, log));
    await vi.waitFor(() => expect(log).toHaveLength(5));
    expect(log).toEqual(['numerical', 'numerical', 'numerical', 'analytic', 'analytic']);
  });

  it('goes on to the next plane in the same task when one finishes in time, and to a new task when it does not', async () => {
    const log: string[] = [];
    const deadlines: number[] = [];
    queuePaint(paintOf('a', 1, log, deadlines));
    queuePaint(paintOf('b', 2, log, deadlines));
    await vi.waitFor(() => expect(log).toHaveLength(3));
    expect(log).toEqual(['a', 'b', 'b']);
    expect(deadlines[1]).toBe(deadlines[0]);
    expect(deadlines[2]).toBeGreaterThan(deadlines[1]);
  });

  it('never runs a cancelled paint again, whether it had started or not', async () => {
    const log: string[] = [];
    // Cancelled during its first step (as a heatmap whose plane changes meanwhile would be).
    const cancel = queuePaint(() => {
      log.push('a');
      cancel();
      return false;
    });
    queuePaint(paintOf('never', 1, log))();
    queuePaint(paintOf('b', 1, log));
    await vi.waitFor(() => expect(log).toContain('b'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log).toEqual(['a', 'b']);
  });
});
