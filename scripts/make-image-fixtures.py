#!/usr/bin/python3
"""Images in every format and layout ConvGrad decodes, and PIL's reading of them, for
tests/unit/formats/pil-parity.test.ts and tests/e2e/pil-parity.spec.ts.

Run from the repository root with Debian's /usr/bin/python3 (python3-pil, python3-numpy).
Writes tests/fixtures/images/pil/*: JPEG baseline 4:4:4, 4:2:2, 4:2:0, progressive and greyscale
(a 48x40 crop of a photo, so colour edges are exercised), JPEG with an EXIF orientation, WebP
lossy and lossless, GIF (with a transparent index), BMP 1/8/16/24/32-bit and top-down; plus
files PIL refuses or ConvGrad refuses on purpose (CMYK, 12-bit). expected.json holds, for each
readable file, PIL's Image.open(f).convert('L') and .convert('RGB') as integer lists (row-major;
RGB channel-major (3, H, W)), and for each refused file the reason.
"""
import io
import json
import os
import struct

import numpy as np
from PIL import Image

OUT = os.path.join("tests", "fixtures", "images", "pil")
PHOTO = Image.open(os.path.join("resources", "samples", "astronaut.png")).convert("RGB")
W, H = 48, 40
crop = PHOTO.crop((200, 60, 200 + W, 60 + H))  # face and helmet edge: strong colour edges
expected = {}


def record(name):
    img = Image.open(os.path.join(OUT, name))
    luma = np.asarray(img.convert("L"), dtype=np.int64)
    rgb = np.asarray(img.convert("RGB"), dtype=np.int64).transpose(2, 0, 1)
    expected[name] = {"width": img.size[0], "height": img.size[1], "mode": img.mode,
                      "luma": luma.ravel().tolist(), "rgb": rgb.ravel().tolist()}


def save(name, image, **options):
    image.save(os.path.join(OUT, name), **options)
    record(name)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


os.makedirs(OUT, exist_ok=True)
save("baseline_444.jpg", crop, quality=90, subsampling=0)
save("baseline_422.jpg", crop, quality=90, subsampling=1)
save("baseline_420.jpg", crop, quality=75, subsampling=2)
save("progressive_420.jpg", crop, quality=85, subsampling=2, progressive=True)
save("gray.jpg", crop.convert("L"), quality=90)
# An odd size, so the chroma planes of 4:2:0 have a half block at the right and bottom edges.
save("odd_420.jpg", PHOTO.crop((10, 10, 10 + 37, 10 + 29)), quality=80, subsampling=2)

exif = Image.Exif()
exif[0x0112] = 6  # "rotate 90 CW to view": PIL's Image.open leaves the pixels as stored
save("exif_orientation6.jpg", crop, quality=90, exif=exif.tobytes())

save("lossy.webp", crop, quality=80)
save("lossless.webp", crop, lossless=True)

gif = crop.quantize(colors=64, dither=Image.Dither.NONE)
save("palette.gif", gif, transparency=3)

save("rgb24.bmp", crop)
save("palette8.bmp", crop.quantize(colors=200, dither=Image.Dither.NONE))
save("gray8.bmp", crop.convert("L"))
save("bilevel1.bmp", crop.convert("1"))


def bmp(width, height, bits, rows, compression=0, masks=b"", palette=b"", header_size=40):
    """A BMP PIL cannot write (16-bit, 32-bit, top-down): `rows` are the stored rows, already padded."""
    pixels = b"".join(rows)
    offset = 14 + header_size + len(masks) + len(palette)
    info = struct.pack("<IiiHHIIiiII", header_size, width, height, 1, bits, compression, len(pixels), 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + info + masks + palette + pixels


a = np.asarray(crop, dtype=np.uint32)
pad = lambda row: row + b"\0" * ((-len(row)) % 4)
bottom_up = lambda rows: rows[::-1]
bgrx = [pad(b"".join(struct.pack("<I", (r << 16) | (g << 8) | b | (0x5a << 24)) for r, g, b in line)) for line in a]
write("bgrx32.bmp", bmp(W, H, 32, bottom_up(bgrx)))
record("bgrx32.bmp")
write("topdown24.bmp", bmp(W, -H, 24, [pad(b"".join(bytes((b, g, r)) for r, g, b in line)) for line in a]))
record("topdown24.bmp")
rgb555 = [pad(b"".join(struct.pack("<H", ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)) for r, g, b in line)) for line in a]
write("rgb555.bmp", bmp(W, H, 16, bottom_up(rgb555)))
record("rgb555.bmp")
rgb565 = [pad(b"".join(struct.pack("<H", ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3)) for r, g, b in line)) for line in a]
write("rgb565.bmp", bmp(W, H, 16, bottom_up(rgb565), compression=3, masks=struct.pack("<III", 0xF800, 0x07E0, 0x001F)))
record("rgb565.bmp")

# Refused: CMYK (ConvGrad asks for RGB) and a 12-bit frame header (PIL's libjpeg is 8-bit only).
crop.convert("CMYK").save(os.path.join(OUT, "cmyk.jpg"), quality=90)
twelve = bytearray(open(os.path.join(OUT, "baseline_420.jpg"), "rb").read())
sof = twelve.index(b"\xff\xc0")
twelve[sof + 4] = 12
write("precision12.jpg", bytes(twelve))
try:
    Image.open(io.BytesIO(bytes(twelve))).convert("L")
    twelve_pil = "decoded"
except Exception as error:  # noqa: BLE001 - what PIL says is the point
    twelve_pil = type(error).__name__
refused = {
    "cmyk.jpg": {"pil_mode": Image.open(os.path.join(OUT, "cmyk.jpg")).mode, "convgrad": "unsupported JPEG: CMYK/YCCK colour"},
    "precision12.jpg": {"pil": twelve_pil, "convgrad": "unsupported JPEG: 12-bit samples"},
}

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({"pil_version": Image.__version__, "images": expected, "refused": refused}, f, separators=(",", ":"))
print(f"{len(expected)} images, {len(refused)} refused, PIL {Image.__version__}")
