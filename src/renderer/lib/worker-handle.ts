// What the app needs of a worker, apart from how it is started (so the job logic can be tested
// with a stand-in).
import type { Remote } from 'comlink';
import type { WorkerApi } from '../../worker/compute/protocol';

export interface WorkerHandle<Api = WorkerApi> {
  readonly api: Remote<Api>;
  terminate(): void;
}

/** Starts a worker; `onDeath` is called if it dies. */
export type SpawnWorker<Api = WorkerApi> = (onDeath: (message: string) => void) => WorkerHandle<Api>;
