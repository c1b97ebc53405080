// One thread of the CLI's numerical pool: fills pieces of the shared gradient arrays until none is left.

import { parentPort, workerData } from 'node:worker_threads';
import { fillClaimed, type ThreadTask } from './numerical-pool';

fillClaimed(workerData as ThreadTask, () => parentPort?.postMessage('piece'));
