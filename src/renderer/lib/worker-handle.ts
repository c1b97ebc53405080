// What the app needs of its computation worker, apart from how it is started (so the job
// logic can be tested with a stand-in).
import type { Remote } from 'comlink';
import type { WorkerApi } from '../../worker/compute/protocol';

export interface WorkerHandle {
  readonly api: Remote<WorkerApi>;
  terminate(): void;
}

/** Starts a worker; `onDeath` is called if it dies. */
export type SpawnWorker = (onDeath: (message: string) => void) => WorkerHandle;
