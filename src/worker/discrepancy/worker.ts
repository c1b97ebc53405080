// The discrepancy worker: the panel's jobs (discrepancy-api.ts) and reading the gradients under
// test from files, on a worker of their own so a long sweep never holds up the main check.
import * as Comlink from 'comlink';
import { discrepancyApi } from './discrepancy-api';
import type { DiscrepancyWorkerApi } from './discrepancy-protocol';
import { loadArray } from '../../formats/load-file';

const api: DiscrepancyWorkerApi = {
  ...discrepancyApi,

  async loadArray(bytes, fileName) {
    const t = await loadArray(new Uint8Array(bytes), fileName);
    return Comlink.transfer(t, [t.data.buffer as ArrayBuffer]);
  },
};

Comlink.expose(api);
