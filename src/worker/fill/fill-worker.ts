// Entry of a helper worker in the numerical pool (started by the computation worker).
import * as Comlink from 'comlink';
import { createFillApi } from './fill-api';
import type { FillApi, FilledPiece } from './fill-protocol';

const api = createFillApi();

const exposed: FillApi = {
  // Every argument passed on as is: only the reply differs, its pieces transferred.
  async fill(...args) {
    const filled = await api.fill(...args);
    return filled && Comlink.transfer(filled, filled.flatMap((p: FilledPiece) => [p.values.buffer as ArrayBuffer, p.kinks.buffer as ArrayBuffer, p.errbar.buffer as ArrayBuffer, p.spread.buffer as ArrayBuffer]));
  },
  cancel: (job) => api.cancel(job),
};

Comlink.expose(exposed);
