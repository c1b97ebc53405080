// The page's paint queue: planes are painted one after another (the oldest on screen first, those
// in the background last), a step at a time in tasks, and a cancelled one is never run again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queuePaint } from '../../../../src/renderer/lib/paint-queue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A paint that takes `tasks` calls (each runs out of time but the last), noting each call in `log`. */
function paintOf(name: string, tasks: number, log: string[]) {
  let calls = 0;
  return () => {
    log.push(name);
    return ++calls >= tasks;
  };
}

describe('queuePaint', () => {
  it('paints one plane after another, the background ones after every plane on screen, each in tasks', async () => {
    const log: string[] = [];
    queuePaint(paintOf('error', 2, log), true);
    queuePaint(paintOf('numerical', 3, log));
    queuePaint(paintOf('analytic', 2, log));
    await vi.runAllTimersAsync();
    expect(log).toEqual(['numerical', 'numerical', 'numerical', 'analytic', 'analytic', 'error', 'error']);
  });

  it('goes on to the next plane in the same task when one finishes in time', async () => {
    const log: string[] = [];
    queuePaint(paintOf('a', 1, log));
    queuePaint(paintOf('b', 1, log));
    await vi.advanceTimersToNextTimerAsync();
    expect(log).toEqual(['a', 'b']);
  });

  it('never runs a cancelled paint again', async () => {
    const log: string[] = [];
    const cancel = queuePaint(paintOf('a', 5, log));
    queuePaint(paintOf('b', 1, log));
    await vi.advanceTimersToNextTimerAsync();
    cancel();
    await vi.runAllTimersAsync();
    expect(log).toEqual(['a', 'b']);
  });
});
