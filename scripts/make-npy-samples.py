#!/usr/bin/python3
"""Writes the .npy samples that tests/unit/formats/npy.test.ts reads, using numpy itself.

Run from the repository root with /usr/bin/python3 (numpy >= 1.17 for format 3.0).
Output: tests/fixtures/npy/*.npy and tests/fixtures/npy/expected.json, which maps each
readable file to its shape and C-order values (non-finite values as "nan"/"inf"/"-inf",
since JSON has no spelling for them) and each refused file to the error it must raise.
"""
import json
import os

import numpy as np

OUT = os.path.join("tests", "fixtures", "npy")


def encode(v):
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, (int, np.integer)):
        return int(v)  # exact in JSON; the reader rounds beyond 2**53 like JSON.parse does
    v = float(v)
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def save(name, arr, version=None, expected=None):
    path = os.path.join(OUT, name + ".npy")
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=arr.dtype == object)
    if expected is None:
        # np.ravel in C order is what the reader must produce, whatever the file's order.
        expected = {"shape": list(arr.shape), "values": [encode(v) for v in np.ravel(arr, order="C").tolist()]}
    manifest[name] = expected


manifest = {}
rng = np.random.default_rng(1234)

# Every supported dtype in both byte orders (one-byte types have no order: '|').
base = np.array([[0, 1, -2], [3, -4, 5]])
for kind in ["f2", "f4", "f8", "i1", "i2", "i4", "i8"]:
    values = base + (0.25 if kind.startswith("f") else 0)
    for order in "<>":
        dt = np.dtype(order + kind) if kind != "i1" else np.dtype("i1")
        save(f"dtype_{dt.str.replace('<', 'le_').replace('>', 'be_').replace('|', '')}", values.astype(dt))
for kind in ["u1", "u2", "u4", "u8"]:
    for order in "<>":
        dt = np.dtype(order + kind) if kind != "u1" else np.dtype("u1")
        save(f"dtype_{dt.str.replace('<', 'le_').replace('>', 'be_').replace('|', '')}", np.abs(base).astype(dt))
save("dtype_b1", np.array([[True, False, True], [False, False, True]]))

# Extremes: integer limits (int64/uint64 beyond 2**53 are rounded), float specials and subnormals.
save("int64_limits", np.array([np.iinfo(np.int64).min, np.iinfo(np.int64).max, 2**53 + 1, -(2**53) - 1], dtype="<i8"))
save("uint64_limits", np.array([0, np.iinfo(np.uint64).max, 2**53 + 1], dtype=">u8"))
save("uint8_range", np.array([0, 127, 128, 255], dtype="u1"))
save("float64_specials", np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308], dtype="<f8"))
save("float16_specials", np.array([np.nan, np.inf, -np.inf, 6e-8, 65504, -1.5, 0.1], dtype=">f2"))
save("float32_random", rng.standard_normal((3, 4)).astype("<f4"))

# Format versions: 2.0 (4-byte header length) and 3.0 (utf8 header).
for version in [(1, 0), (2, 0), (3, 0)]:
    save(f"version_{version[0]}", rng.standard_normal((2, 3)), version=version)

# Shapes: 0-d, 1-d .. 4-d, an empty array.
save("shape_0d", np.array(3.5))
for rank in range(1, 5):
    shape = tuple(range(2, 2 + rank))
    save(f"shape_{rank}d", np.arange(np.prod(shape), dtype="<f8").reshape(shape) / 4)
save("shape_empty", np.zeros((0, 3)))

# Fortran order, 2-d to 4-d, in two dtypes.
for rank in range(2, 5):
    shape = tuple(range(2, 2 + rank))
    save(f"fortran_{rank}d", np.asfortranarray(np.arange(np.prod(shape), dtype="<f8").reshape(shape)))
save("fortran_be_i2", np.asfortranarray(np.arange(12, dtype=">i2").reshape(3, 4) - 6))

# Refused dtypes, written by numpy so the headers are real.
refused = {
    "refuse_complex": (np.array([1 + 2j, 3 - 4j]), "unsupported dtype '<c16' (complex)"),
    "refuse_object": (np.array([1, "a"], dtype=object), "unsupported dtype '|O' (object)"),
    "refuse_unicode": (np.array(["ab", "c"]), "unsupported dtype '<U2' (unicode string)"),
    "refuse_datetime": (np.array(["2020-01-01"], dtype="datetime64[D]"), "unsupported dtype '<M8[D]' (datetime)"),
    "refuse_structured": (np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")]), "unsupported dtype (structured array)"),
}
for name, (arr, message) in refused.items():
    save(name, arr, expected={"error": message})

# What numpy.save writes for float64/float32, which writeNpy must reproduce byte for byte.
for name, arr in {
    "writer_f8_0d": np.array(-2.5),
    "writer_f8_1d": rng.standard_normal(7),
    "writer_f8_2d": rng.standard_normal((3, 4)),
    "writer_f8_4d": rng.standard_normal((2, 1, 3, 2)),
    "writer_f4_3d": rng.standard_normal((2, 3, 1)).astype("<f4"),
    "writer_f8_long": rng.standard_normal((123, 2)),
}.items():
    save(name, arr)

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(manifest, f, indent=1, sort_keys=True)
    f.write("\n")
print(f"wrote {len(manifest)} files to {OUT}")
