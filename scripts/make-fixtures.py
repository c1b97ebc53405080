#!/usr/bin/python3
"""PyTorch reference fixtures for tests/unit/core/conv/torch-agreement.test.ts.

Run from the repository root with /usr/bin/python3 (torch 1.13, numpy, scipy). Writes
tests/fixtures/torch/<case>/{x,w,b,g,t,y,dx,dw,db}.npy (float64, in ConvGrad's user-facing
shapes; b/db only with a bias, g only for a linear loss with an array gradient, t only for an
l2 loss with an array target) and tests/fixtures/torch/cases.json describing each case in
ConvGrad's vocabulary (src/core/problem/types.ts).

ConvGrad's definitions, implemented here with torch autograd:
- xcorr is torch.nn.functional.conv2d; conv is conv2d with the kernel flipped on both spatial
  axes (the flip is inside the autograd graph, so dW is the gradient of the unflipped kernel).
- Padding sizes, with the effective kernel size Ke = d*(K-1)+1 per axis:
  seed = (0, Ke-1) rows and (0, Le-1) columns; valid = none; full = Ke-1 on every side;
  same: total Ke-1, for xcorr top = total//2 (PyTorch's padding='same'), for conv
  top = total - total//2 (scipy.signal.convolve2d mode='same'); explicit [top, bottom, left, right].
- The padding values come from F.pad (constant zeros / reflect / replicate / circular), then
  conv2d runs with padding=0 and the given stride and dilation.
- Losses: linear L = sum(G*Y); l2 L = 0.5*sum((a(Y) - T)**2), a in identity/relu/tanh/sigmoid.

Before writing anything the script proves these conventions against independent
implementations (torch's own padding='same', scipy.signal.convolve2d/correlate2d, numpy.pad)
and reproduces the seed notebook's worked example; an assertion fails if any disagree.
"""
import json
import os
import shutil
import warnings
import zlib

import numpy as np
import scipy.signal
import torch
import torch.nn.functional as F

OUT = os.path.join("tests", "fixtures", "torch")
torch.set_default_dtype(torch.float64)
# torch notes that padding='same' with even kernels copies the input; the cross-check wants exactly that.
warnings.filterwarnings("ignore", message="Using padding='same'")

TORCH_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "replicate", "circular": "circular"}
NUMPY_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
ACTIVATIONS = {"identity": lambda y: y, "relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid}


def pad_sizes(conv, k, l):
    """[top, bottom, left, right] for ConvGrad's named or explicit padding."""
    ke = conv["dilation"][0] * (k - 1) + 1
    le = conv["dilation"][1] * (l - 1) + 1
    p = conv["padding"]
    if isinstance(p, list):
        return p
    if p == "seed":
        return [0, ke - 1, 0, le - 1]
    if p == "valid":
        return [0, 0, 0, 0]
    if p == "full":
        return [ke - 1, ke - 1, le - 1, le - 1]
    assert p == "same", p
    assert conv["stride"] == [1, 1], "ConvGrad, like PyTorch, refuses 'same' with a stride"
    tk, tl = ke - 1, le - 1
    if conv["op"] == "xcorr":
        return [tk // 2, tk - tk // 2, tl // 2, tl - tl // 2]
    return [tk - tk // 2, tk // 2, tl - tl // 2, tl // 2]


def forward(x4, w4, b, conv):
    """ConvGrad's Y for NCHW input and (Cout,Cin,K,L) kernel, as a differentiable torch expression."""
    t, bo, l, r = pad_sizes(conv, w4.shape[2], w4.shape[3])
    xp = F.pad(x4, (l, r, t, bo), mode=TORCH_PAD_MODE[conv["paddingMode"]])
    kernel = w4.flip(-1, -2) if conv["op"] == "conv" else w4
    return F.conv2d(xp, kernel, b, stride=tuple(conv["stride"]), dilation=tuple(conv["dilation"]))


def as_nchw(x):
    return x.reshape((1,) * (4 - x.ndim) + x.shape)


def as_oikl(w):
    return w.reshape((1, 1) + w.shape) if w.ndim == 2 else w


def user_y_shape(x_ndim, cout, y4_shape):
    """Y is (H',W') for 2-D X with one output channel, (Cout,H',W') for 3-D X or 2-D X with several, else NCHW."""
    if x_ndim == 4:
        return y4_shape
    if x_ndim == 2 and cout == 1:
        return y4_shape[2:]
    return y4_shape[1:]


def conv_options(op="conv", padding="seed", mode="zeros", stride=(1, 1), dilation=(1, 1)):
    return {"op": op, "padding": padding, "paddingMode": mode, "stride": list(stride), "dilation": list(dilation)}


# --------------------------------------------------------------------------------------------
# Cross-checks: the conventions above against independent implementations.
# --------------------------------------------------------------------------------------------

def y_of(x2, w2, conv):
    """ConvGrad's Y for 2-D numpy arrays, as numpy."""
    return forward(as_nchw(torch.tensor(x2)), as_oikl(torch.tensor(w2)), None, conv)[0, 0].numpy()


def assert_close(ours, reference, what):
    assert ours.shape == reference.shape, f"{what}: shape {ours.shape} != {reference.shape}"
    scale = max(np.abs(reference).max(), 1e-300)
    err = np.abs(ours - reference).max() / scale
    assert err <= 1e-13, f"{what}: relative error {err}"


def cross_check(rng):
    # xcorr 'same' equals torch's own padding='same', odd and even kernels, with dilation too.
    for (k, l), dilation in [((3, 3), (1, 1)), ((2, 4), (1, 1)), ((3, 2), (2, 3)), ((4, 1), (1, 1))]:
        x, w = rng.standard_normal((7, 8)), rng.standard_normal((k, l))
        ours = y_of(x, w, conv_options("xcorr", "same", dilation=dilation))
        theirs = F.conv2d(as_nchw(torch.tensor(x)), as_oikl(torch.tensor(w)), padding="same", dilation=dilation)[0, 0].numpy()
        assert_close(ours, theirs, f"xcorr same vs torch padding='same' {k}x{l} d={dilation}")

    # conv 'same' / 'full' / 'valid' equal scipy.signal.convolve2d; xcorr equals correlate2d.
    for k, l in [(3, 3), (2, 2), (2, 3), (4, 1), (1, 5)]:
        x, w = rng.standard_normal((6, 7)), rng.standard_normal((k, l))
        for mode in ["same", "full", "valid"]:
            assert_close(y_of(x, w, conv_options("conv", mode)), scipy.signal.convolve2d(x, w, mode=mode), f"conv {mode} {k}x{l}")
        for mode in ["full", "valid"]:
            assert_close(y_of(x, w, conv_options("xcorr", mode)), scipy.signal.correlate2d(x, w, mode=mode), f"xcorr {mode} {k}x{l}")

        # seed padding: scipy's valid convolution of the input padded after the image only.
        padded = np.pad(x, ((0, k - 1), (0, l - 1)))
        seed = y_of(x, w, conv_options("conv", "seed"))
        assert_close(seed, scipy.signal.convolve2d(padded, w, mode="valid"), f"conv seed {k}x{l}")
        assert seed.shape == x.shape

    # Padding modes: torch's F.pad agrees with numpy.pad's reflect / edge / wrap.
    x = rng.standard_normal((4, 5))
    for mode, (t, b, l, r) in [("reflect", (3, 1, 4, 0)), ("replicate", (5, 2, 0, 6)), ("circular", (4, 0, 2, 5))]:
        ours = F.pad(as_nchw(torch.tensor(x)), (l, r, t, b), mode=TORCH_PAD_MODE[mode])[0, 0].numpy()
        assert_close(ours, np.pad(x, ((t, b), (l, r)), mode=NUMPY_PAD_MODE[mode]), f"pad {mode}")

    # Dilated conv equals convolve2d with the dilated (zero-stuffed) kernel; stride subsamples it.
    x, w = rng.standard_normal((9, 10)), rng.standard_normal((2, 3))
    stuffed = np.zeros((3, 7))
    stuffed[::2, ::3] = w
    full = scipy.signal.convolve2d(x, stuffed, mode="full")
    assert_close(y_of(x, w, conv_options("conv", "full", dilation=(2, 3))), full, "conv dilation")
    assert_close(y_of(x, w, conv_options("conv", "full", stride=(2, 3), dilation=(2, 3))), full[::2, ::3], "conv stride")

    # The seed notebook's worked example.
    x = torch.tensor([[1.0, 3, 5], [2, 7, 9], [11, 13, 17]], requires_grad=True)
    w = torch.tensor([[19.0, 23], [29, 31]], requires_grad=True)
    y = forward(as_nchw(x), as_oikl(w), None, conv_options())[0, 0]
    y.sum().backward()
    assert y.tolist() == [[297, 570, 362], [765, 1100, 670], [718, 896, 527]], y
    assert x.grad.tolist() == [[31, 60, 60], [54, 102, 102], [54, 102, 102]], x.grad
    assert w.grad.tolist() == [[46, 59], [54, 68]], w.grad


# --------------------------------------------------------------------------------------------
# Fixture cases.
# --------------------------------------------------------------------------------------------

def case(name, x, w, conv, loss, bias=False):
    """x and w are shapes (random values) or nested lists (given values)."""
    return {"name": name, "x": x, "w": w, "conv": conv, "loss": loss, "bias": bias}


def linear(grad="array"):
    return {"kind": "linear", "grad": grad}


def l2(activation="identity", target="zeros"):
    return {"kind": "l2", "activation": activation, "target": target}


C = conv_options
CASES = [
    # The seed notebook's worked example, G = ones.
    case("seed_example", [[1, 3, 5], [2, 7, 9], [11, 13, 17]], [[19, 23], [29, 31]], C(), linear("ones")),
    # Kernel dimensions of 1 (the notebook's unpad slice came back empty for these).
    case("seed_k1x3", (4, 5), (1, 3), C(), linear()),
    case("seed_k3x1", (5, 4), (3, 1), C(), linear()),
    case("seed_k1x1", (3, 4), (1, 1), C(), linear(), bias=True),
    case("valid_k1x3_xcorr", (4, 5), (1, 3), C("xcorr", "valid"), l2("tanh")),
    case("valid_k3x1_conv", (4, 5), (3, 1), C("conv", "valid"), linear()),
    case("valid_k1x1_conv_stride2", (5, 4), (1, 1), C("conv", "valid", stride=(2, 2)), linear()),
    # Kernel as large as the (padded) input: a 1x1 output.
    case("valid_kernel_equals_input", (3, 4), (3, 4), C("conv", "valid"), linear(), bias=True),
    case("explicit_kernel_equals_padded_xcorr", (2, 3), (3, 4), C("xcorr", [1, 0, 0, 1]), l2("identity", "array")),
    # Every padding size for both ops, non-square input and kernel (the 3x2 kernel makes 'same' asymmetric).
    *[
        case(f"{padding if isinstance(padding, str) else 'explicit'}_{op}", (5, 6), (3, 2), C(op, padding), linear())
        for op in ["conv", "xcorr"]
        for padding in ["seed", "valid", "full", "same", [2, 0, 1, 3]]
    ],
    case("same_odd_conv", (5, 6), (3, 3), C("conv", "same"), l2("sigmoid", "array")),
    case("same_odd_xcorr", (5, 6), (3, 3), C("xcorr", "same"), l2("sigmoid")),
    case("same_even_conv", (6, 5), (2, 4), C("conv", "same"), linear(), bias=True),
    case("same_even_xcorr", (6, 5), (2, 4), C("xcorr", "same"), linear(), bias=True),
    # Padding modes, including the largest pads each allows (reflect: size-1, circular: size).
    case("reflect_same_conv", (5, 6), (3, 4), C("conv", "same", "reflect"), linear()),
    case("reflect_full_xcorr", (5, 6), (3, 2), C("xcorr", "full", "reflect"), l2("tanh", "array")),
    case("reflect_max_pad_xcorr", (5, 4), (2, 2), C("xcorr", [4, 1, 0, 3], "reflect"), linear()),
    case("replicate_seed_conv", (4, 6), (3, 3), C("conv", "seed", "replicate"), linear(), bias=True),
    case("replicate_explicit_xcorr", (4, 5), (2, 3), C("xcorr", [3, 1, 0, 7], "replicate"), linear()),
    case("circular_full_conv", (4, 5), (3, 4), C("conv", "full", "circular"), linear()),
    case("circular_same_xcorr", (5, 4), (2, 3), C("xcorr", "same", "circular"), l2("identity")),
    case("circular_max_pad_conv", (4, 5), (2, 2), C("conv", [4, 0, 2, 5], "circular"), linear()),
    case("reflect_seed_conv", (4, 5), (3, 3), C("conv", "seed", "reflect"), l2("sigmoid", "array")),
    # Channels, batches, and the rank rules for Y.
    case("channels_same_conv", (3, 5, 6), (2, 3, 3, 2), C("conv", "same"), linear(), bias=True),
    case("channels_valid_xcorr", (3, 5, 6), (2, 3, 2, 2), C("xcorr", "valid"), l2("relu", "array"), bias=True),
    case("channels_one_out", (3, 4, 5), (1, 3, 2, 2), C("conv", "seed"), linear()),
    case("x3d_single_channel", (1, 5, 6), (1, 1, 3, 3), C("conv", "full"), linear()),
    case("x2d_two_outputs", (5, 6), (2, 1, 3, 3), C("xcorr", "same"), linear(), bias=True),
    case("x2d_w4d_one_output", (5, 6), (1, 1, 2, 3), C("conv", "seed"), linear()),
    case("batch_seed_conv", (2, 3, 5, 4), (2, 3, 2, 3), C("conv", "seed"), linear(), bias=True),
    case("batch_reflect_stride2_xcorr", (2, 3, 6, 5), (2, 3, 3, 3), C("xcorr", [1, 2, 1, 1], "reflect", stride=(2, 2)), l2("tanh"), bias=True),
    case("batch_one_channel", (2, 1, 4, 5), (1, 1, 2, 2), C("conv", "valid"), l2("identity", "array")),
    # Stride, including leftover rows/columns the stride never reaches. ('same' requires stride 1, as in PyTorch.)
    case("stride2_seed_conv", (6, 7), (3, 3), C("conv", "seed", stride=(2, 2)), linear()),
    case("stride2x3_full_xcorr", (5, 7), (2, 3), C("xcorr", "full", stride=(2, 3)), linear(), bias=True),
    case("stride_leftover_valid_conv", (7, 8), (2, 3), C("conv", "valid", stride=(3, 4)), linear()),
    case("stride3x1_full_conv", (7, 5), (3, 2), C("conv", "full", stride=(3, 1)), l2("sigmoid")),
    # Dilation, alone and with stride and padding modes.
    case("dilation2_same_conv", (7, 8), (3, 3), C("conv", "same", dilation=(2, 2)), linear()),
    case("dilation2_same_even_conv", (7, 8), (2, 2), C("conv", "same", dilation=(2, 2)), linear()),
    case("dilation1x3_full_xcorr", (5, 9), (2, 3), C("xcorr", "full", dilation=(1, 3)), linear(), bias=True),
    case("dilation1x3_seed_conv", (5, 9), (2, 3), C("conv", "seed", dilation=(1, 3)), l2("tanh", "array")),
    case("dilation_stride_replicate_xcorr", (8, 9), (3, 2), C("xcorr", [2, 3, 1, 1], "replicate", stride=(2, 3), dilation=(2, 2)), linear()),
    case("dilation_circular_conv", (6, 7), (2, 3), C("conv", "full", "circular", dilation=(2, 3)), linear(), bias=True),
    case("dilation_reflect_channels_xcorr", (2, 7, 6), (3, 2, 2, 2), C("xcorr", "same", "reflect", dilation=(3, 2)), l2("relu"), bias=True),
    # Activations of the l2 loss, with and without bias and target.
    case("l2_identity_zeros_bias", (5, 6), (3, 3), C("conv", "seed"), l2("identity"), bias=True),
    case("l2_relu_zeros", (5, 6), (3, 2), C("conv", "same"), l2("relu")),
    case("l2_relu_target_bias_xcorr", (4, 6), (2, 3), C("xcorr", "full"), l2("relu", "array"), bias=True),
    case("l2_tanh_zeros_bias_xcorr", (5, 5), (3, 3), C("xcorr", "valid"), l2("tanh"), bias=True),
    case("l2_sigmoid_target_bias", (6, 5), (2, 2), C("conv", "full"), l2("sigmoid", "array"), bias=True),
]

RELU_MARGIN = 1e-3  # keep Y away from relu's kink so the reference gradient is unambiguous


def values(rng, spec):
    return np.array(spec, dtype=np.float64) if isinstance(spec, list) else rng.standard_normal(spec)


def make(c):
    name = c["name"]
    # Deterministic per case, independent of the case order; resample if relu's kink is too close.
    for attempt in range(100):
        rng = np.random.default_rng(zlib.crc32(name.encode()) + attempt)
        x = torch.tensor(values(rng, c["x"]), requires_grad=True)
        w = torch.tensor(values(rng, c["w"]), requires_grad=True)
        w4 = as_oikl(w)
        cout = w4.shape[0]
        b = torch.tensor(rng.standard_normal(cout), requires_grad=True) if c["bias"] else None
        y4 = forward(as_nchw(x), w4, b, c["conv"])
        y = y4.reshape(user_y_shape(x.ndim, cout, tuple(y4.shape)))
        loss = c["loss"]
        arrays = {}
        if loss["kind"] == "linear":
            g = torch.ones_like(y) if loss["grad"] == "ones" else torch.tensor(rng.standard_normal(tuple(y.shape)))
            if loss["grad"] == "array":
                arrays["g"] = g
            value = (g * y).sum()
        else:
            t = torch.zeros_like(y) if loss["target"] == "zeros" else torch.tensor(rng.standard_normal(tuple(y.shape)))
            if loss["target"] == "array":
                arrays["t"] = t
            value = 0.5 * ((ACTIVATIONS[loss["activation"]](y) - t) ** 2).sum()
            if loss["activation"] == "relu" and y.detach().abs().min() < RELU_MARGIN:
                continue
        break
    else:
        raise RuntimeError(f"{name}: no seed keeps Y away from 0 for relu")
    value.backward()
    arrays.update(x=x, w=w, y=y, dx=x.grad, dw=w.grad)
    if b is not None:
        arrays.update(b=b, db=b.grad)
    assert x.grad.shape == x.shape and w.grad.shape == w.shape

    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    for key, arr in arrays.items():
        np.save(os.path.join(folder, key + ".npy"), arr.detach().numpy().astype("<f8"))
    return {
        "name": name,
        "x_shape": list(x.shape),
        "w_shape": list(w.shape),
        "y_shape": list(y.shape),
        "bias": c["bias"],
        "conv": c["conv"],
        "loss": loss,
        "loss_value": value.item(),
        "files": sorted(arrays),
    }


def main():
    cross_check(np.random.default_rng(7))
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    described = [make(c) for c in CASES]
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump(described, f, indent=1)
        f.write("\n")
    print(f"cross-checks passed; wrote {len(described)} cases to {OUT}")


if __name__ == "__main__":
    main()
