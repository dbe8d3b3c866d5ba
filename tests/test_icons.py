"""The icon files the bundles use are present, well formed, and drawn at their own size."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QImage

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)


def _png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", blob[16:24])
    return width, height


def test_every_png_size_exists_at_its_own_size() -> None:
    for size in PNG_SIZES:
        image = QImage(str(ICONS / "png" / f"facilitator-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_small_sizes_are_drawn_on_the_pixel_grid() -> None:
    # A 16 px icon scaled down from the big drawing has blurred edges: pixels that are
    # neither the background nor a note colour. On the pixel grid there are only a few.
    image = QImage(str(ICONS / "png" / "facilitator-16.png"))
    inner = {image.pixel(x, y) for x in range(2, 14) for y in range(2, 14)}
    assert len(inner) <= 6, f"{len(inner)} colours: the 16 px icon is not pixel-aligned"


def test_ico_holds_png_entries_16_to_256() -> None:
    data = (ICONS / "facilitator.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        width, height = _png_size(data[offset : offset + length])
        assert width == height == (side or 256)
        sizes.append(width)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_entries_up_to_1024() -> None:
    data = (ICONS / "facilitator.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    offset = 8
    while offset < len(data):
        code = data[offset : offset + 4].decode("ascii")
        length = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        found[code] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert found["icp4"] == 16 and found["ic07"] == 128 and found["ic10"] == 1024
    assert found["ic11"] == 32  # 16 pt at 2x
