// The discrepancy panel's job logic with a stand-in worker: the worker starts on first use, one
// job runs at a time, cancel reaches the worker, and results of an older problem are dropped.
import { describe, expect, it, vi } from 'vitest';
import { DiscrepancySession } from '../../../../src/renderer/state/discrepancy-session.svelte';
import type { WorkerHandle } from '../../../../src/renderer/lib/worker-handle';
import type { SweepResult } from '../../../../src/core/study/sweep';
import type { Problem } from '../../../../src/core/problem/types';
import type { DiscrepancyWorkerApi, QuickCheck } from '../../../../src/worker/discrepancy/discrepancy-protocol';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function fakeWorker() {
  const sweeps: ReturnType<typeof deferred<SweepResult | null>>[] = [];
  const quicks: ReturnType<typeof deferred<QuickCheck>>[] = [];
  const api = {
    bugMenu: vi.fn(async () => []),
    sweep: vi.fn(() => {
      const d = deferred<SweepResult | null>();
      sweeps.push(d);
      return d.promise;
    }),
    quickCheck: vi.fn(() => {
      const d = deferred<QuickCheck>();
      quicks.push(d);
      return d.promise;
    }),
    cancelDiscrepancy: vi.fn(),
  };
  return { api, sweeps, quicks, terminate: vi.fn() };
}

function setup() {
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const spawn = vi.fn((): WorkerHandle<DiscrepancyWorkerApi> => {
    const w = fakeWorker();
    workers.push(w);
    return w as unknown as WorkerHandle<DiscrepancyWorkerApi>;
  });
  return { session: new DiscrepancySession(spawn), spawn, workers };
}

const problem = (tag: number) => ({ x: { shape: [1], data: Float64Array.of(tag) } }) as unknown as Problem;
const settings = { method: 'central' as const, h: 1e-6, hs: [1e-1, 1e-2] };
const sweepResult = (tag: number) => ({ method: 'central', dtype: 'f64', points: [], chosen: { h: tag } }) as unknown as SweepResult;
const flush = () => new Promise((r) => setTimeout(r));

describe('DiscrepancySession', () => {
  it('starts no worker until a job needs one', async () => {
    const { session, spawn } = setup();
    expect(spawn).not.toHaveBeenCalled();
    session.reset(problem(1), {});
    expect(spawn).toHaveBeenCalledOnce();
  });

  it('runs one job at a time and shows its result with what was tested', async () => {
    const { session, workers } = setup();
    const first = session.runSweep(problem(1), {}, { kind: 'own' }, 'ConvGrad’s VJP', settings);
    void session.runQuick(problem(1), {}, { kind: 'own' }, 'x', { ...settings, tolerance: { atol: 0, rtol: 0 }, worst: 1 }, 2, 0);
    expect(session.running?.kind).toBe('sweep');
    expect(workers[0].api.quickCheck).not.toHaveBeenCalled();
    workers[0].sweeps[0].resolve(sweepResult(7));
    await first;
    expect(session.running).toBeNull();
    expect(session.sweep).toEqual({ tested: 'ConvGrad’s VJP', value: sweepResult(7) });
  });

  it('cancel reaches the worker and a cancelled job shows nothing', async () => {
    const { session, workers } = setup();
    const job = session.runSweep(problem(1), {}, { kind: 'own' }, 't', settings);
    session.cancel();
    expect(workers[0].api.cancelDiscrepancy).toHaveBeenCalledOnce();
    expect(session.running).toBeNull();
    workers[0].sweeps[0].resolve(null);
    await job;
    expect(session.sweep).toBeUndefined();
  });

  it('drops a result that arrives after the problem changed, and reports errors of the current one', async () => {
    const { session, workers } = setup();
    const old = session.runSweep(problem(1), {}, { kind: 'own' }, 't', settings);
    session.reset(problem(2), {});
    workers[0].sweeps[0].resolve(sweepResult(1));
    await old;
    expect(session.sweep).toBeUndefined();

    const failing = session.runSweep(problem(2), {}, { kind: 'own' }, 't', settings);
    workers[0].sweeps[1].reject(new Error('dx.npy: shape (3,3) does not match X (4,4)'));
    await failing;
    await flush();
    expect(session.error).toBe('dx.npy: shape (3,3) does not match X (4,4)');
    expect(session.running).toBeNull();
  });
});
