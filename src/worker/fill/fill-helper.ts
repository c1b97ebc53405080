// Starts one helper worker of the numerical pool (a nested module worker of the computation worker).
import * as Comlink from 'comlink';
import type { FillApi } from './fill-protocol';
import type { SpawnFillHelper } from './fill-pool';

export const spawnFillHelper: SpawnFillHelper = () => {
  const worker = new Worker(new URL('./fill-worker.ts', import.meta.url), { type: 'module', name: 'convgrad-fill' });
  const api = Comlink.wrap<FillApi>(worker);
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new Error(`a numerical worker stopped: ${event.message || 'unexpectedly'}`));
    });
    worker.addEventListener('messageerror', () => reject(new Error('a numerical worker sent a message that could not be read')));
  });
  // Nobody may be waiting when a helper dies between jobs; the next job finds out.
  died.catch(() => {});
  return {
    api,
    died,
    terminate() {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
};
