// The job logic of the app without a real worker: stale results are dropped, cancel reaches
// the worker, and a dead worker is replaced with the latest request sent again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckSession } from '../../../../src/renderer/state/check-session.svelte';
import type { WorkerHandle } from '../../../../src/renderer/lib/worker-handle';
import type { Analysis } from '../../../../src/core/conv/analyze';
import type { Problem } from '../../../../src/core/problem/types';
import type { NumericalResult } from '../../../../src/worker/compute/protocol';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A stand-in worker whose answers the test releases by hand. */
function fakeWorker() {
  const analyses: Deferred<Analysis>[] = [];
  const numericals: Deferred<NumericalResult>[] = [];
  const api = {
    analyze: vi.fn(() => {
      const d = deferred<Analysis>();
      analyses.push(d);
      return d.promise;
    }),
    numerical: vi.fn(() => {
      const d = deferred<NumericalResult>();
      numericals.push(d);
      return d.promise;
    }),
    cancel: vi.fn(),
  };
  return { api, analyses, numericals, terminate: vi.fn() };
}

const workers: ReturnType<typeof fakeWorker>[] = [];
let reportDeath: (message: string) => void = () => {};

function spawnFake(onDeath: (message: string) => void): WorkerHandle {
  reportDeath = onDeath;
  const w = fakeWorker();
  workers.push(w);
  return w as unknown as WorkerHandle;
}

const tensor = (v: number) => ({ shape: [1, 1], data: Float64Array.of(v) });

function analysis(tag: number): Analysis {
  return { y: tensor(tag), gy: tensor(1), loss: tag, dX: tensor(tag), dW: tensor(tag), timings_ms: { forward: 1, vjp: 1 } };
}

function request(tag: number, autoNumerical = false) {
  const problem = { x: tensor(tag) } as unknown as Problem;
  return { problem, labels: {}, options: { method: 'central' as const, h: 1e-6, tolerance: { atol: 1e-5, rtol: 1e-3 }, worst: 5 }, autoNumerical };
}

const settle = () => new Promise((r) => setTimeout(r));

beforeEach(() => {
  workers.length = 0;
});

describe('CheckSession', () => {
  it('drops an analysis that arrives after a newer request, and sends only the latest of the requests made meanwhile', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1));
    session.request(request(2));
    session.request(request(3));
    expect(w.api.analyze).toHaveBeenCalledTimes(1);
    w.analyses[0].resolve(analysis(1));
    await settle();
    expect(session.analysis).toBeUndefined();
    expect(session.analysing).toBe(true);
    expect(w.api.analyze).toHaveBeenCalledTimes(2);
    expect((w.api.analyze.mock.calls[1] as unknown[])[0]).toMatchObject({ x: { data: Float64Array.of(3) } });
    w.analyses[1].resolve(analysis(3));
    await settle();
    expect(session.analysis?.loss).toBe(3);
    expect(session.analysed?.problem.x.data[0]).toBe(3);
    expect(session.analysing).toBe(false);
    expect(w.api.analyze).toHaveBeenCalledTimes(2);
  });

  it('sends the latest request after a superseded analysis fails', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1));
    session.request(request(2));
    w.analyses[0].promise.catch(() => {});
    (w.analyses[0] as unknown as { resolve(v: unknown): void }).resolve(Promise.reject(new Error('x.npy: bad shape')));
    await settle();
    expect(session.error).toBeNull();
    expect(w.api.analyze).toHaveBeenCalledTimes(2);
    w.analyses[1].resolve(analysis(2));
    await settle();
    expect(session.analysis?.loss).toBe(2);
  });

  it('starts the numerical job after the analysis when asked, and shows its result', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1, true));
    w.analyses[0].resolve(analysis(1));
    await settle();
    expect(w.api.numerical).toHaveBeenCalledTimes(1);
    expect(session.numerical.status).toBe('running');
    w.numericals[0].resolve({});
    await settle();
    expect(session.numerical.status).toBe('done');
  });

  it('a new request cancels the running job in the worker, and its late result is ignored', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1, true));
    w.analyses[0].resolve(analysis(1));
    await settle();
    const job = (w.api.numerical.mock.calls[0] as unknown[])[0];
    session.request(request(2));
    expect(w.api.cancel).toHaveBeenCalledWith(job);
    w.numericals[0].resolve({});
    await settle();
    expect(session.numerical.status).toBe('cancelled');
  });

  it('Cancel stops the job and says so', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1));
    w.analyses[0].resolve(analysis(1));
    await settle();
    session.runNumerical();
    session.cancelNumerical();
    expect(w.api.cancel).toHaveBeenCalledTimes(1);
    expect(session.numerical.status).toBe('cancelled');
    w.numericals[0].resolve(null);
    await settle();
    expect(session.numerical.status).toBe('cancelled');
  });

  it('replaces a dead worker, tells the user and sends the latest request again', async () => {
    const session = new CheckSession(spawnFake);
    session.request(request(6));
    session.request(request(7));
    reportDeath('out of memory');
    expect(workers).toHaveLength(2);
    expect(workers[0].terminate).toHaveBeenCalled();
    expect(session.notice).toMatch(/out of memory.*restarted/);
    expect(workers[1].api.analyze).toHaveBeenCalledTimes(1);
    workers[1].analyses[0].resolve(analysis(7));
    await settle();
    expect(session.analysis?.loss).toBe(7);
  });

  it('keeps the previous results when a request is refused', async () => {
    const session = new CheckSession(spawnFake);
    const [w] = workers;
    session.request(request(1));
    w.analyses[0].resolve(analysis(1));
    await settle();
    w.api.analyze.mockImplementationOnce(() => Promise.reject(new Error('kernel.npy: bad shape')));
    session.request(request(2));
    await settle();
    expect(session.error).toBe('kernel.npy: bad shape');
    expect(session.analysis?.loss).toBe(1);
  });

  it('gives up after repeated deaths instead of restarting forever', () => {
    const session = new CheckSession(spawnFake);
    session.request(request(1));
    for (let i = 0; i < 5; i++) reportDeath('script failed to load');
    expect(workers).toHaveLength(4);
    expect(session.notice).toMatch(/failed 4 times in a row/);
  });
});
