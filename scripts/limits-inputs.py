#!/usr/bin/env python3
"""Write the inputs of issue 11's cost cases into DIR, for scripts/bench-limits.sh:
photos that are small files but huge images, and the file of one-character bullets.
PNGs are written with the standard library; the progressive JPEG needs Pillow."""
import os
import struct
import sys
import zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(path, width, height, depth, color, extra=b"", row=None):
    """A PNG of one repeated row (zlib compresses it to almost nothing)."""
    channels = {0: 1, 2: 3, 6: 4}[color]
    if row is None:
        row = bytes(width * channels * depth // 8)
    z = zlib.compressobj(9)
    idat = bytearray()
    line = b"\0" + row
    for _ in range(height):
        idat += z.compress(line)
    idat += z.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0)))
        f.write(extra)
        f.write(chunk(b"IDAT", bytes(idat)))
        f.write(chunk(b"IEND", b""))


def zeros_zlib(mib):
    """mib MiB of zeros as zlib, made from one repeated full-flush segment."""
    z = bytes(1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH)
    nxt = c.compress(z) + c.flush(zlib.Z_FULL_FLUSH)
    n = mib << 20
    return first + nxt * (mib - 1) + bytes([1, 0, 0, 0xFF, 0xFF]) + struct.pack(">I", ((n % 65521) << 16) | 1)


def toml(name, photo):
    with open(os.path.join(out, name + ".toml"), "w") as f:
        f.write(f'[profile]\nname = "Ada Example"\nphoto = "{photo}"\n\n[[systems]]\ntitle = "Notes"\n')


png(os.path.join(out, "rgba-11000.png"), 11000, 11000, 8, 6, row=bytes([200, 120, 40, 255]) * 11000)
toml("rgba-11000", "rgba-11000.png")
png(os.path.join(out, "rgb16-7900.png"), 7900, 7900, 16, 6)
toml("rgb16-7900", "rgb16-7900.png")
iccp = chunk(b"iCCP", b"bomb\0\0" + zeros_zlib(1024))
png(os.path.join(out, "iccp-64.png"), 64, 64, 8, 2, extra=iccp)
toml("iccp-64", "iccp-64.png")

from PIL import Image  # noqa: E402

img = Image.new("RGB", (12000, 12000), (90, 140, 200))
img.save(os.path.join(out, "progressive-12000.jpg"), quality=80, progressive=True, subsampling=0)
toml("progressive-12000", "progressive-12000.jpg")
img.save(os.path.join(out, "baseline-12000.jpg"), quality=80, subsampling=2)
toml("baseline-12000", "baseline-12000.jpg")
del img
img = Image.new("RGB", (4000, 3000), (90, 140, 200))
img.save(os.path.join(out, "progressive-12mp.jpg"), quality=80, progressive=True)
toml("progressive-12mp", "progressive-12mp.jpg")

# 7.7 MB of one-character bullets: 156 systems, each a summary of 12,400 of them.
body = "- a\n" * 12_400
with open(os.path.join(out, "bullets.toml"), "w") as f:
    f.write('[profile]\nname = "Ada Example"\n')
    for i in range(156):
        f.write(f'[[systems]]\ntitle = "S{i}"\nsummary = """\n{body}"""\n')
