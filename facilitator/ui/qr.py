"""A QR code drawn straight from its module matrix: crisp at any size, no Pillow.

`qrcode` needs Pillow to make images; its matrix needs nothing, and painting whole
pixels per module with antialiasing off keeps every edge sharp for phone cameras (and
for the printed table cards, through `qr_image`).

Whole *device* pixels: at 125% or 150% display scaling a module of whole logical pixels
covers 10 or 11 screen pixels in turn, an uneven grid a camera reads less easily. The
widget therefore lays the code out in device pixels (devicePixelRatioF).
"""

from __future__ import annotations

import qrcode
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_matrix(data: str) -> list[list[bool]]:
    """The code's modules, quiet zone included; True is dark."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1
    )
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()  # qrcode has no type hints
    return matrix


def paint_qr(painter: QPainter, matrix: list[list[bool]], area: QRect) -> QRect:
    """Paint `matrix` centred in `area` with a whole number of pixels per module.
    Returns the rectangle actually covered (white background included)."""
    n = len(matrix)
    if n == 0:
        return QRect()
    module = max(1, min(area.width(), area.height()) // n)
    side = module * n
    left = area.x() + (area.width() - side) // 2
    top = area.y() + (area.height() - side) // 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.fillRect(QRect(left, top, side, side), QColor("white"))
    black = QColor("black")
    for r, row in enumerate(matrix):
        c = 0
        while c < n:  # one rectangle per run of dark modules: fewer, cleaner fills
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                painter.fillRect(
                    QRect(left + start * module, top + r * module, (c - start) * module, module),
                    black,
                )
            else:
                c += 1
    painter.restore()
    return QRect(left, top, side, side)


def qr_image(data: str, module_px: int = 8) -> QImage:
    """The code as an image, for table cards and the projector."""
    matrix = qr_matrix(data)
    side = len(matrix) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_qr(painter, matrix, QRect(0, 0, side, side))
    painter.end()
    return image


class QrWidget(QWidget):
    """Shows one QR code, as large as it fits. No signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ""
        self._matrix: list[list[bool]] = []
        self._square = True  # as tall as wide; False: as tall as there is room (yields)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(160, 160))

    def yield_height(self, minimum: int = 120) -> None:
        """On a short screen the code takes the height left over (down to `minimum`),
        not its width again, so what stands under it (the URL) stays in view. It is
        painted square and centred either way."""
        self._square = False
        self.setMinimumSize(QSize(minimum, minimum))
        self.updateGeometry()

    def data(self) -> str:
        return self._data

    def set_data(self, data: str) -> None:
        if data == self._data:
            return
        self._data = data
        self._matrix = qr_matrix(data) if data else []
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 260) if self._square else self.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return self._square

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        if self._matrix:
            ratio = self.devicePixelRatioF()
            painter.scale(1 / ratio, 1 / ratio)  # from here on one unit is one screen pixel
            paint_qr(painter, self._matrix, QRect(0, 0, int(self.width() * ratio),
                                                  int(self.height() * ratio)))
        else:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "–")
        painter.end()
