"""PNG images for the Word documents: the dot-vote bar chart and the join QR code.

The one module of the report layer that touches Qt (QtGui only: QImage and QPainter, no
widgets). Qt is already installed for the app and draws text with proper font fallback,
so the report needs no plotting or imaging library. Everything else in facilitator.report
imports this module lazily, so exporting CSV or JSON never loads Qt.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import ParamSpec

import qrcode
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
)

P = ParamSpec("P")
DPI = 200  # print resolution: sharp on paper, small enough to render 32 charts quickly
_INCH_PER_METRE = 39.3700787


@contextmanager
def session() -> Iterator[None]:
    """Somewhere for QPainter to find fonts: a QGuiApplication.

    Uses the running one when there is one (the desktop app, pytest-qt). Otherwise makes
    one for the duration and shuts it down afterwards: a bare QGuiApplication left behind
    would stop the process from ever creating the QApplication that widgets need (the
    command line's export runs in the same process as tests of the window). Offscreen when
    there is no display, because Qt aborts without a platform. Wrap a whole export in one
    session; drawing functions open their own, which costs ~5 ms each when not nested.
    """
    if QGuiApplication.instance() is not None:
        yield
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([])
    try:
        yield
    finally:
        app.shutdown()


def _in_session(draw: Callable[P, bytes]) -> Callable[P, bytes]:
    @functools.wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> bytes:
        with session():
            return draw(*args, **kwargs)

    return wrapper


def _png(image: QImage) -> bytes:
    image.setDotsPerMeterX(round(DPI * _INCH_PER_METRE))
    image.setDotsPerMeterY(round(DPI * _INCH_PER_METRE))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # quality 50: zlib at a middle level; flat-colour charts compress well either way and
    # the export stays fast with dozens of charts.
    writer = QImageWriter(buffer, QByteArray(b"png"))
    writer.setQuality(50)
    if not writer.write(image):
        raise RuntimeError(f"Qt could not encode a PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    dots: int
    tied: bool


BAR_COLOUR = QColor("#1f5f7a")
TIE_COLOUR = QColor("#d08a1e")
TEXT_COLOUR = QColor("#222222")
GRID_COLOUR = QColor("#d9d9d9")


# Emoji and other pictographs: no font the report can count on draws them (this machine
# and many office PCs have no colour emoji font, and Qt then paints empty boxes), so
# chart labels leave them out. The note's text keeps them everywhere else.
_PICTOGRAPHS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U000e0020-\U000e007f]"
)
FALLBACK_FONTS = ["Arial", "Liberation Sans", "Helvetica", "DejaVu Sans"]


def chart_label(text: str) -> str:
    """A label as the chart prints it: pictographs out, blanks collapsed."""
    return " ".join(_PICTOGRAPHS.sub("", text).split())


@_in_session
def chart_png(
    bars: Sequence[Bar],
    *,
    width_cm: float = 16.0,
    tie_word: str = "=",
    font_family: str = "Arial",
) -> bytes:
    """A horizontal bar chart, one bar per item, most dots on top, in `font_family`
    (the report's body font; the usual sans-serifs stand in when it is missing).

    Labels take one line and are elided after that; two labels that would
    come out the same are elided in the middle instead, then numbered, so every bar stays
    recognisable. Tied bars are drawn in a second colour and carry `tie_word`, so a tie
    reads on a grey printout too.
    """
    px_per_cm = DPI / 2.54
    width = round(width_cm * px_per_cm)
    row = round(0.4 * px_per_cm)  # one line of 9 pt text and some air
    pad = round(0.2 * px_per_cm)
    height = max(1, len(bars)) * row + 2 * pad
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = chart_font(font_family)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        label_w = width * 0.42
        labels = chart_labels(metrics, [b.label for b in bars], label_w)
        value_w = metrics.horizontalAdvance(f"888 {tie_word}") + pad
        bar_x = label_w + pad
        bar_max = width - bar_x - value_w - pad
        most = max((b.dots for b in bars), default=0) or 1
        for i, bar in enumerate(bars):
            top = pad + i * row
            painter.setPen(TEXT_COLOUR)
            painter.drawText(
                QRectF(0, top, label_w, row),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                labels[i],
            )
            length = bar_max * bar.dots / most
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(GRID_COLOUR)
            painter.drawRect(QRectF(bar_x, top + row * 0.18, bar_max, row * 0.64))
            painter.setBrush(TIE_COLOUR if bar.tied else BAR_COLOUR)
            painter.drawRect(QRectF(bar_x, top + row * 0.18, length, row * 0.64))
            painter.setPen(TEXT_COLOUR)
            value = f"{bar.dots} {tie_word}" if bar.tied else str(bar.dots)
            painter.drawText(
                QRectF(bar_x + bar_max + pad, top, value_w, row),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                value,
            )
    finally:
        painter.end()
    # A chart has a few flat colours plus anti-aliasing shades (well under 256), so an
    # exact palette image loses nothing and encodes four times faster than 32-bit RGB.
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    return _png(image.convertToFormat(QImage.Format.Format_Indexed8, flags))


def chart_font(family: str) -> QFont:
    font = QFont()
    font.setFamilies([family, *[f for f in FALLBACK_FONTS if f != family]])
    font.setPixelSize(round(9 / 72 * DPI))  # 9 pt on paper
    return font


def chart_labels(metrics: QFontMetricsF, texts: Sequence[str], width: float) -> list[str]:
    """The labels as drawn (one line each), distinct from one another: two long
    notes that start alike would both end in the same '…', so those are elided in the
    middle (their ends differ), and any still equal get their position appended."""
    plain = [chart_label(text) for text in texts]
    drawn = [_two_lines(metrics, text, width) for text in plain]
    for i, label in enumerate(drawn):
        twins = [j for j, other in enumerate(drawn) if other == label and plain[j] != plain[i]]
        if twins:
            for j in [i, *twins]:
                drawn[j] = _two_lines(metrics, plain[j], width, Qt.TextElideMode.ElideMiddle)
    seen: dict[str, int] = {}
    for i, label in enumerate(drawn):
        if label in seen and plain[seen[label]] != plain[i]:
            drawn[i] = _two_lines(
                metrics, f"{plain[i]} ({i + 1})", width, Qt.TextElideMode.ElideLeft
            )
        seen.setdefault(drawn[i], i)
    return drawn


def _two_lines(
    metrics: QFontMetricsF,
    text: str,
    width: float,
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    max_lines: int = 1,
) -> str:
    """Word-wrap into at most `max_lines` lines that fit `width`; the rest is elided
    with an ellipsis (a very long word is elided too, never drawn over the bar)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and metrics.horizontalAdvance(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return "\n".join(metrics.elidedText(line, elide, width) for line in lines)


@_in_session
def qr_png(data: str, *, module_px: int = 16) -> bytes:
    """The QR code for `data` as a black-on-white PNG with the standard 4-module margin.

    qrcode's own image writers need Pillow, which we do not ship; its module matrix is
    all we need to paint squares ourselves.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    size = len(matrix) * module_px
    image = QImage(size, size, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, line in enumerate(matrix):
            for x, dark in enumerate(line):
                if dark:
                    painter.drawRect(x * module_px, y * module_px, module_px, module_px)
    finally:
        painter.end()
    return _png(image)
