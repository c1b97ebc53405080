import { describe, expect, it } from 'vitest';
import { dropRoutes } from '../../../../src/renderer/lib/drop-routes';

describe('dropRoutes', () => {
  it('takes one .npz as a whole problem and refuses it among other files', () => {
    expect(dropRoutes(['f.npz'])).toEqual([{ kind: 'npz' }]);
    expect(dropRoutes(['f.npz', 'x.npy'])).toEqual({ error: expect.stringMatching(/on its own/) });
  });

  it('places several files by their names, aliases included, and one image as X', () => {
    expect(dropRoutes(['photo.png', 'weight.npy', 'grad_output.npy', 'x_grad.npy', 'dw.csv'])).toEqual([
      { kind: 'slot', slot: 'image' },
      { kind: 'slot', slot: 'kernel' },
      { kind: 'slot', slot: 'grad' },
      { kind: 'tested', gradient: 'dX' },
      { kind: 'tested', gradient: 'dW' },
    ]);
  });

  it('says which file it cannot place, and which two collide', () => {
    expect(dropRoutes(['x.npy', 'mystery.npy'])).toEqual({ error: expect.stringMatching(/^mystery\.npy: cannot tell where it goes/) });
    expect(dropRoutes(['dx.npy', 'x_grad.npy'])).toEqual({ error: 'dx.npy and x_grad.npy both go to the same place' });
  });

  it('sends a single file to the panel it was dropped on, else by name, else to X', () => {
    expect(dropRoutes(['dx.npy'], 'kernel')).toEqual([{ kind: 'slot', slot: 'kernel' }]);
    expect(dropRoutes(['dx.npy'])).toEqual([{ kind: 'tested', gradient: 'dX' }]);
    expect(dropRoutes(['cat.png'])).toEqual([{ kind: 'slot', slot: 'image' }]);
  });
});
