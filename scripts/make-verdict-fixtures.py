"""Inputs for the float32 verdict tests (tests/unit/core/check/float32-verdicts.test.ts): correct
gradients must pass whatever the data's units, wrong ones must still fail. Seeded, so the files
are reproducible: python3 scripts/make-verdict-fixtures.py"""
import os
import numpy as np

out = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'verdict')
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(14)

def save(name, a):
    np.save(os.path.join(out, name), a)

# A 48x48 image in 0..255 units (integers, with flat patches) and a 5x5 kernel.
img = rng.integers(0, 256, size=(48, 48)).astype(np.float64)
img[10:20, 10:30] = 128.0
save('u8_48.npy', img)
save('kernel_5x5.npy', rng.uniform(-1, 1, size=(5, 5)))
# 3x32x32 in [0, 10] and a 4x3x5x5 kernel (l2 loss).
save('ten_3x32.npy', rng.uniform(0, 10, size=(3, 32, 32)))
save('kernel_4x3x5x5.npy', rng.uniform(-1, 1, size=(4, 3, 5, 5)))
# +-1e3 inputs for l2 + tanh.
save('thousand_24.npy', rng.uniform(-1e3, 1e3, size=(24, 24)))
save('kernel_3x3.npy', rng.uniform(-1, 1, size=(3, 3)))
# 1e-3-scale data.
save('milli_32.npy', rng.uniform(-1e-3, 1e-3, size=(32, 32)))
