"""Renders the app icon from its SVG sources into every file a platform asks for.

Why a script and not a one-off export: the icon must stay crisp at every size, so each
size is drawn from the vector source (never a bitmap scaled up), and anyone who changes
the SVG gets the same files again with `uv run python tools/make_icons.py`.

- resources/icons/facilitator.svg: the full drawing, used from 48 px up;
- resources/icons/facilitator-16.svg and -24.svg: the same notes on a 16- and a 24-unit
  grid with whole coordinates and no tilt, for 16/32 and 24 px, where the tilted notes
  and text lines of the big drawing blur into grey;
- out: png/facilitator-<N>.png (16..1024), facilitator.ico (Windows, PNG-compressed
  entries 16..256), facilitator.icns (macOS, PNG entries 16..1024).

ICO and ICNS are written here, not by a Qt image plugin: both are a short header and a
table of PNGs, and writing them ourselves keeps the result the same on every machine.
QtSvg ships in PySide6-Essentials.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
FULL = ICONS / "facilitator.svg"
# Below 48 px the full drawing's details are under a pixel: pixel-grid drawings instead.
GRID = {
    16: ICONS / "facilitator-16.svg",
    24: ICONS / "facilitator-24.svg",
    32: ICONS / "facilitator-16.svg",
}
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS type codes by pixel size (PNG payloads; the @2x codes reuse the same pixels).
ICNS_TYPES = (
    ("icp4", 16),
    ("ic11", 32),
    ("icp5", 32),
    ("ic12", 64),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic13", 256),
    ("ic09", 512),
    ("ic14", 512),
    ("ic10", 1024),
)


def render(size: int) -> bytes:
    """The icon at `size` x `size` pixels as PNG bytes."""
    source = GRID.get(size, FULL)
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per size + the PNGs (Vista and later read PNG entries)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in a byte-sized field
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        code.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for code, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    pngs = {size: render(size) for size in PNG_SIZES}
    out = ICONS / "png"
    out.mkdir(exist_ok=True)
    for size, data in pngs.items():
        (out / f"facilitator-{size}.png").write_bytes(data)
    (ICONS / "facilitator.ico").write_bytes(ico(pngs))
    (ICONS / "facilitator.icns").write_bytes(icns(pngs))
    print(f"{len(pngs)} PNG sizes, facilitator.ico, facilitator.icns in {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
