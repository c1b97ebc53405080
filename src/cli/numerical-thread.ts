// One thread of the CLI's numerical pool: builds its job as soon as it starts (while the calling
// thread computes Y and the VJP), then fills pieces of the shared gradient arrays until none is left.

import { parentPort, workerData } from 'node:worker_threads';
import { epochMs, fillClaimed, jobOf, type ThreadMessage, type ThreadSetup, type ThreadTask } from './thread-task';

const loadedAt = epochMs();
const job = jobOf(workerData as ThreadSetup);
const port = parentPort!;
const tell = (message: ThreadMessage): void => port.postMessage(message);
tell({ kind: 'ready', loadedAt, readyAt: epochMs() });
port.once('message', (task: ThreadTask) => fillClaimed(job, task, () => tell({ kind: 'piece' })));
