"""Draw the app's icons (static/icons/*.png) from the favicon's two circles, with no imaging
library: each pixel is the mean of 4x4 samples, and the PNGs are written with zlib.

Run `python tools/make_icons.py` after changing the drawing; the PNGs are committed.
"""

import struct
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
BLUE = (0x3D, 0x5A, 0x99)
WARM = (0xA3, 0x46, 0x2C)
PAPER = (0xFB, 0xFA, 0xF7)
SAMPLES = 4


def colour_at(x: float, y: float, scale: float, background) -> tuple[float, float, float, float]:
    """The favicon (32 units wide) at a point, `scale` times its size, centred: the warm circle
    at 80% over the blue one, on `background` (None: transparent)."""
    u, v = (x - 0.5) / scale * 32 + 16, (y - 0.5) / scale * 32 + 16
    red, green, blue, alpha = (*background, 1.0) if background else (0, 0, 0, 0.0)
    for cx, fill, opacity in ((12, BLUE, 1.0), (20, WARM, 0.8)):
        if (u - cx) ** 2 + (v - 16) ** 2 <= 81:
            out = opacity + alpha * (1 - opacity)
            red, green, blue = (
                (fill[i] * opacity + channel * alpha * (1 - opacity)) / out
                for i, channel in enumerate((red, green, blue))
            )
            alpha = out
    return red, green, blue, alpha


def draw(size: int, scale: float, background) -> bytes:
    rows = []
    for py in range(size):
        row = bytearray([0])  # PNG filter: none
        for px in range(size):
            total = [0.0, 0.0, 0.0, 0.0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) / size
                    y = (py + (sy + 0.5) / SAMPLES) / size
                    r, g, b, a = colour_at(x, y, scale, background)
                    total = [total[0] + r * a, total[1] + g * a, total[2] + b * a, total[3] + a]
            alpha = total[3] / SAMPLES**2
            colour = [c / total[3] if total[3] else 0 for c in total[:3]]
            row += bytes([*(round(c) for c in colour), round(alpha * 255)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    ICONS.mkdir(exist_ok=True)
    # "any": the circles fill the square. "maskable": on paper, inside the middle 80% circle
    # that every launcher's mask keeps.
    for name, size, scale, background in (
        ("icon-192.png", 192, 1.0, None),
        ("icon-512.png", 512, 1.0, None),
        ("maskable-512.png", 512, 0.62, PAPER),
    ):
        (ICONS / name).write_bytes(draw(size, scale, background))


if __name__ == "__main__":
    main()
