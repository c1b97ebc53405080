#!/usr/bin/python3
"""Small PNG/JPEG samples and PIL's reading of them, for tests/unit/formats/image.test.ts.

Run from the repository root with /usr/bin/python3 (Pillow, numpy). Writes tests/fixtures/images/*
and tests/fixtures/images/expected.json: for each image its size, channel count, bit depth and the
integer samples ConvGrad must produce (divide by `max` for the [0,1] values):
- luma: PIL's Image.convert('L') for 8-bit images; the gray value itself for gray images
  (PIL has no 16-bit luma, so 16-bit RGB uses ConvGrad's documented formula
  (19595 R + 38470 G + 7471 B + 32768) >> 16, the one PIL applies to 8-bit colour);
- rgb: the channels as PIL reads them (gray replicated), channel-major (3, H, W).
For the repository's sample images (resources/samples) only a sum and a few pixels are stored.
"""
import json
import os
import struct
import warnings
import zlib

import numpy as np
from PIL import Image

OUT = os.path.join("tests", "fixtures", "images")
SAMPLES = os.path.join("resources", "samples")
W, H = 7, 5  # non-square so a transposed reading fails
rng = np.random.default_rng(2024)
# PIL suggests converting palette images with byte transparency to RGBA; reading them as they are is the point.
warnings.filterwarnings("ignore", message="Palette images with Transparency")


def write_png(path, samples, color_type, depth):
    """A minimal PNG (filter 0 on every row) for the layouts PIL cannot write: 16-bit RGB and 2-bit gray."""
    h = samples.shape[0]
    if depth < 8:  # pack each row's samples MSB first, rows padded to whole bytes
        rows = [np.packbits(np.unpackbits(row.astype(np.uint8)[:, None], axis=1)[:, 8 - depth :].ravel()).tobytes() for row in samples]
    else:
        rows = [row.astype(">u2" if depth == 16 else "u1").tobytes() for row in samples.reshape(h, -1)]
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    width = samples.shape[1]
    header = struct.pack(">IIBBBBB", width, h, depth, color_type, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def luma16(rgb):
    rgb = rgb.astype(np.int64)
    return (19595 * rgb[..., 0] + 38470 * rgb[..., 1] + 7471 * rgb[..., 2] + 32768) >> 16


def describe(path, channels, depth, luma, rgb):
    img = Image.open(path)
    assert img.size == (W, H) or path.startswith(SAMPLES)
    return {
        "channels": channels,
        "bitDepth": depth,
        "width": img.size[0],
        "height": img.size[1],
        "max": 65535 if depth == 16 else 255,
        "luma": np.asarray(luma).astype(int).ravel().tolist(),
        "rgb": np.moveaxis(np.asarray(rgb), -1, 0).astype(int).ravel().tolist(),
    }


def pil_8bit(path):
    img = Image.open(path)
    return np.array(img.convert("L")), np.array(img.convert("RGB"))


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    gray = rng.integers(0, 256, (H, W), dtype=np.uint8)
    rgb = rng.integers(0, 256, (H, W, 3), dtype=np.uint8)
    alpha = rng.integers(0, 256, (H, W), dtype=np.uint8)
    # Colours where PIL's integer luma differs from round(0.299 R + 0.587 G + 0.114 B).
    rgb[0, :4] = [[0, 0, 250], [0, 4, 168], [0, 22, 49], [0, 36, 12]]

    def save(name, img, channels, **options):
        path = os.path.join(OUT, name)
        img.save(path, **options)
        expected[name] = describe(path, channels, 8, *pil_8bit(path))

    save("gray.png", Image.fromarray(gray, "L"), 1)
    save("gray_alpha.png", Image.fromarray(np.dstack([gray, alpha]), "LA"), 2)
    save("gray_1bit.png", Image.fromarray(gray > 127).convert("1"), 1)
    save("rgb.png", Image.fromarray(rgb, "RGB"), 3)
    save("rgba.png", Image.fromarray(np.dstack([rgb, alpha]), "RGBA"), 4)
    # rgb.png's pixels in the formats only a browser decodes (the app's WebP/BMP/GIF path), losslessly.
    for name, options in [("rgb.webp", {"lossless": True}), ("rgb.bmp", {}), ("rgb.gif", {})]:
        Image.fromarray(rgb, "RGB").save(os.path.join(OUT, name), **options)
        assert np.array_equal(np.array(Image.open(os.path.join(OUT, name)).convert("RGB")), rgb), name
    save("palette.png", Image.fromarray(rgb, "RGB").convert("P", palette=Image.ADAPTIVE, colors=16), 3)
    palette_alpha = Image.fromarray(np.dstack([rgb, alpha]), "RGBA").convert("P", palette=Image.ADAPTIVE, colors=8)
    save("palette_transparency.png", palette_alpha, 4, transparency=bytes(range(0, 256, 32)))
    # JPEG: photo crops (noise would make the decoders' rounding differences as large as possible);
    # 4:4:4 keeps chroma upsampling, where libjpeg and jpeg-js differ most, out of it.
    photo = Image.open(os.path.join(SAMPLES, "astronaut.png")).convert("RGB").crop((200, 60, 200 + W, 60 + H))
    save("rgb.jpg", photo, 3, quality=90, subsampling=0)
    save("gray.jpg", Image.open(os.path.join(SAMPLES, "camera.png")).crop((250, 90, 250 + W, 90 + H)), 1, quality=90)

    # 16-bit gray: PIL reads it as mode I (the raw values).
    gray16 = rng.integers(0, 65536, (H, W), dtype=np.uint16)
    path = os.path.join(OUT, "gray16.png")
    Image.fromarray(gray16, "I;16").save(path)
    read16 = np.array(Image.open(path))
    assert Image.open(path).mode in ("I", "I;16") and np.array_equal(read16, gray16)
    expected["gray16.png"] = describe(path, 1, 16, read16, np.dstack([read16] * 3))

    # 16-bit RGB (PIL cannot hold it; numpy is the reference) and 2-bit gray (PIL scales 0..3 to 0..255).
    rgb16 = rng.integers(0, 65536, (H, W, 3), dtype=np.uint16)
    path = os.path.join(OUT, "rgb16.png")
    write_png(path, rgb16, color_type=2, depth=16)
    expected["rgb16.png"] = describe(path, 3, 16, luma16(rgb16), rgb16)
    gray2 = rng.integers(0, 4, (H, W), dtype=np.uint8)
    path = os.path.join(OUT, "gray_2bit.png")
    write_png(path, gray2, color_type=0, depth=2)
    assert np.array_equal(pil_8bit(path)[0], gray2 * 85)
    expected["gray_2bit.png"] = describe(path, 1, 8, *pil_8bit(path))

    # The shipped samples: the sum of all integer luma / RGB samples and a few pixels.
    samples = {}
    for name, channels in [("camera.png", 1), ("astronaut.png", 3)]:
        luma, rgb_ = pil_8bit(os.path.join(SAMPLES, name))
        h, w = luma.shape
        points = [[0, 0], [h - 1, w - 1], [h // 2, w // 3], [h // 7, w - 5], [h - 3, 11]]
        samples[name] = {
            "width": w,
            "height": h,
            "channels": channels,
            "luma_sum": int(luma.astype(np.int64).sum()),
            "rgb_sum": [int(rgb_[..., c].astype(np.int64).sum()) for c in range(3)],
            "pixels": [{"at": p, "luma": int(luma[p[0], p[1]]), "rgb": rgb_[p[0], p[1]].astype(int).tolist()} for p in points],
        }

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"images": expected, "samples": samples}, f)
        f.write("\n")
    print(f"wrote {len(expected)} images to {OUT}")


if __name__ == "__main__":
    main()
