// One thread of the CLI's numerical pool: fills its ranges of the shared gradient arrays.

import { parentPort, workerData } from 'node:worker_threads';
import { fillPieces, type ThreadTask } from './numerical-pool';

fillPieces(workerData as ThreadTask);
parentPort?.postMessage('done');
