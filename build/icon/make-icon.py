#!/usr/bin/env python3
"""Draws the packages' icon (icon.png, 128 x 128): an opening quotation mark over a short bibliography, on a rounded
teal square. Standard library only; run `python3 build/icon/make-icon.py` to write icon.png beside this file."""
import math
import os
import struct
import zlib

SIZE = 128
SAMPLES = 4  # supersampling per axis, for smooth edges

BACKGROUND = (18, 110, 130)
INK = (255, 255, 255)
LINES = (190, 228, 235)


def inside_rounded_square(x, y):
    radius, lo, hi = 22.0, 4.0, SIZE - 4.0
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    return lo <= x <= hi and lo <= y <= hi and (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def inside_quote_mark(x, y, left):
    """One comma-like stroke of an opening quotation mark: a disc with a tail rising to the upper right."""
    cx, cy, r = left + 13.0, 50.0, 11.0
    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
        return True
    # Tail: a band following a circle arc above the disc, thick at the disc, thin at its end.
    ax, ay, ar = cx + 14.0, cy + 2.0, 25.0
    d = math.hypot(x - ax, y - ay)
    angle = math.atan2(y - ay, x - ax)
    if -math.pi * 0.95 <= angle <= -math.pi * 0.55:
        t = (angle + math.pi * 0.95) / (math.pi * 0.4)  # 0 at the disc, 1 at the tip
        half_width = 5.5 * (1 - t) + 1.5
        return abs(d - ar) <= half_width
    return False


def inside_bibliography_line(x, y):
    rows = ((78.0, 96.0), (92.0, 82.0), (106.0, 90.0))  # (centre y, right end)
    for cy, right in rows:
        if abs(y - cy) <= 3.5 and 26.0 <= x <= right:
            return True
        for ex in (26.0, right):
            if (x - ex) ** 2 + (y - cy) ** 2 <= 3.5 ** 2:
                return True
    return False


def colour_at(x, y):
    if not inside_rounded_square(x, y):
        return None
    if inside_quote_mark(x, y, 24.0) or inside_quote_mark(x, y, 54.0):
        return INK
    if inside_bibliography_line(x, y):
        return LINES
    return BACKGROUND


def render():
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter type: none
        for px in range(SIZE):
            r = g = b = a = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    c = colour_at(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)
                    if c is not None:
                        r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
            if a:
                row += bytes((r // a, g // a, b // a, 255 * a // (SAMPLES * SAMPLES)))
            else:
                row += bytes(4)
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(render(), 9)) + chunk(b"IEND", b"")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png")
    with open(path, "wb") as f:
        f.write(png)
    print(f"wrote {path} ({len(png)} bytes)")


if __name__ == "__main__":
    main()
