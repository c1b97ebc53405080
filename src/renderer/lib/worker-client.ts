// Starts the Comlink worker. A worker that dies is reported through `onDeath` so the caller
// can replace it and tell the user.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../worker/compute/protocol';
import type { SpawnWorker } from './worker-handle';

export const spawnWorker: SpawnWorker = (onDeath) => {
  const worker = new Worker(new URL('../../worker/compute/worker.ts', import.meta.url), { type: 'module', name: 'convgrad-worker' });
  const api = Comlink.wrap<WorkerApi>(worker);
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onDeath(event.message || 'the computation worker stopped unexpectedly');
  });
  worker.addEventListener('messageerror', () => onDeath('the computation worker sent a message that could not be read'));
  return {
    api,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
};
