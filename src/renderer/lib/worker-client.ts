// Starts the Comlink workers: the computation worker (the main check) and the discrepancy
// worker (the panel's jobs). A worker that dies is reported through `onDeath` so the caller can
// replace it and tell the user. Each `new Worker(new URL(...))` is written out for the bundler.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../worker/compute/protocol';
import type { DiscrepancyWorkerApi } from '../../worker/discrepancy/discrepancy-protocol';
import type { SpawnWorker, WorkerHandle } from './worker-handle';

function handleOf<Api>(worker: Worker, what: string, onDeath: (message: string) => void): WorkerHandle<Api> {
  const api = Comlink.wrap<Api>(worker);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onDeath(event.message || `the ${what} worker stopped unexpectedly`);
  });
  worker.addEventListener('messageerror', () => onDeath(`the ${what} worker sent a message that could not be read`));
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

export const spawnWorker: SpawnWorker = (onDeath) =>
  handleOf<WorkerApi>(new Worker(new URL('../../worker/compute/worker.ts', import.meta.url), { type: 'module', name: 'convgrad-worker' }), 'computation', onDeath);

export const spawnDiscrepancyWorker: SpawnWorker<DiscrepancyWorkerApi> = (onDeath) =>
  handleOf(
    new Worker(new URL('../../worker/discrepancy/worker.ts', import.meta.url), { type: 'module', name: 'convgrad-discrepancy' }),
    'discrepancy',
    onDeath,
  );
