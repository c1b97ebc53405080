"""scipy timings for `npm run bench` (bench/run.ts calls this with /usr/bin/python3).

Usage: scipy_reference.py '<json list of requests>'
A request is {"id", "h", "w", "k", "l", "work": "forward" | "forward+vjp", "method": "convolve2d" | "fftconvolve", "reps"}.
Prints one JSON object: versions and, per id, the median wall time, its samples and the median
CPU time of this process, in milliseconds.

The operations are exactly ConvGrad's default problem (true convolution, zero padding of K-1 rows
and L-1 columns after the image), written as 'valid' convolutions of explicitly padded arrays so
each one does H*W*K*L multiply-adds, the count the JavaScript side uses:
  forward   Y  = conv(Xpad, W)                         Xpad: X padded after
  VJP       dX = corr(Gpad, W)                         Gpad: G padded before
            dW = flip(corr(Xpad, G))
convolve2d and fftconvolve are single-threaded here, and neither uses BLAS, so OPENBLAS_CORETYPE
and thread settings do not affect these numbers.
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.signal import convolve2d, correlate2d, fftconvolve

SLOW_S = 5.0


def operations(method):
    if method == "convolve2d":
        conv = lambda a, b: convolve2d(a, b, mode="valid")
        corr = lambda a, b: correlate2d(a, b, mode="valid")
    else:
        conv = lambda a, b: fftconvolve(a, b, mode="valid")
        corr = lambda a, b: fftconvolve(a, b[::-1, ::-1], mode="valid")
    return conv, corr


def work(kind, method, x, w, g):
    conv, corr = operations(method)
    k, l = w.shape
    xpad = np.pad(x, ((0, k - 1), (0, l - 1)))
    y = conv(xpad, w)
    if kind == "forward":
        return (y,)
    dx = corr(np.pad(g, ((k - 1, 0), (l - 1, 0))), w)
    dw = corr(xpad, g)[::-1, ::-1]
    return y, dx, dw


def self_test():
    """The seed's worked example (docs NOTES): a wrong formula above would make every timing meaningless."""
    x = np.array([[1, 3, 5], [2, 7, 9], [11, 13, 17]], float)
    w = np.array([[19, 23], [29, 31]], float)
    expected = (
        [[297, 570, 362], [765, 1100, 670], [718, 896, 527]],
        [[31, 60, 60], [54, 102, 102], [54, 102, 102]],
        [[46, 59], [54, 68]],
    )
    for method in ("convolve2d", "fftconvolve"):
        for got, want in zip(work("forward+vjp", method, x, w, np.ones((3, 3))), expected):
            if not np.allclose(got, want, rtol=0, atol=1e-9):
                raise SystemExit(f"scipy_reference.py: self-test failed for {method}: got {got.tolist()}, want {want}")


def time_request(req):
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, (req["h"], req["w"]))
    w = rng.uniform(-1, 1, (req["k"], req["l"]))
    g = rng.uniform(-1, 1, (req["h"], req["w"]))

    def once():
        c0, t0 = time.process_time(), time.perf_counter()
        work(req["work"], req["method"], x, w, g)
        return (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3

    warmup = once()
    samples = [warmup] if warmup[0] > SLOW_S * 1e3 else [once() for _ in range(req["reps"])]
    return {
        "median_ms": statistics.median(s[0] for s in samples),
        "samples_ms": [s[0] for s in samples],
        "median_cpu_ms": statistics.median(s[1] for s in samples),
    }


def main():
    requests = json.loads(sys.argv[1])
    self_test()
    results = {req["id"]: time_request(req) for req in requests}
    print(json.dumps({"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
