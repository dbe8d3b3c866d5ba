"""Zooming and panning a wall: Ctrl+wheel zooms under the mouse, the middle button (or
Alt + left) pans, fit_all shows everything from the top left. Kept apart from the wall's
content so the projector or another view of notes could share it. No signals.

The default zoom is readable, not "everything at any size": fit_readable shows all it
can but never goes below `readable_scale()` (the wall's notes as large as the interface
font); past that the wall scrolls down. A view remembers how it was last fitted, so a
window or dock resize fits it again the same way (refit), until the facilitator zooms
by hand.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from facilitator.ui.wall.grid import COLUMNS, GAP, SLOT_H, SLOT_W

_MIN_SCALE, _MAX_SCALE = 0.08, 4.0


FIT_READABLE, FIT_ALL, BY_HAND = "readable", "all", "by hand"


class ZoomPanView(QGraphicsView):
    """A QGraphicsView with the wall's zoom and pan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pan_from: QPointF | None = None  # where a middle-button pan last was
        self.fitted = FIT_READABLE  # how the zoom was last set (FIT_*, BY_HAND)

    # -- zoom -------------------------------------------------------------------------

    def readable_scale(self) -> float:
        """The smallest zoom at which the content reads well (0: any)."""
        return 0.0

    def refit(self) -> None:
        """After a resize: fit again as last fitted; a zoom set by hand stays. A wall
        that scrolls keeps the row at its top where the facilitator scrolled to."""
        if self.fitted == FIT_READABLE:
            top = self.mapToScene(self.viewport().rect().topLeft()).y()
            self.fit_readable()
            scale = self.transform().m11()
            if scale <= self.readable_scale():  # it scrolls: back to where it was
                centre = self.mapToScene(self.viewport().rect().center())
                self.centerOn(centre.x(), top + self.viewport().height() / scale / 2)
        elif self.fitted == FIT_ALL:
            self.fit_all()

    def fit_readable(self) -> None:
        """The default zoom: everything if it reads at that size, else the readable zoom
        from the top left (the wall scrolls)."""
        self.fit_all()
        self.fitted = FIT_READABLE
        floor = self.readable_scale()
        if self.transform().m11() < floor:
            self._zoom_top_left(floor)

    def fit_all(self) -> None:
        """Show every note; never blow a handful of notes up beyond 1.25x."""
        self.fitted = FIT_ALL
        rect = self.scene().itemsBoundingRect()
        if rect.isEmpty():
            rect = QRectF(0, 0, COLUMNS * SLOT_W, 3 * SLOT_H)
        rect = rect.adjusted(-GAP, -GAP, GAP, GAP)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.25:
            self.setTransform(QTransform.fromScale(1.25, 1.25))
        # Notes read from the top left, like a real wall, rather than floating mid-view.
        scale = self.transform().m11()
        view = self.viewport().rect()
        self.centerOn(rect.left() + view.width() / scale / 2,
                      rect.top() + view.height() / scale / 2)

    def _zoom_top_left(self, scale: float) -> None:
        rect = self.scene().itemsBoundingRect().adjusted(-GAP, -GAP, GAP, GAP)
        self.setTransform(QTransform.fromScale(scale, scale))
        view = self.viewport().rect()
        self.centerOn(rect.left() + view.width() / scale / 2,
                      rect.top() + view.height() / scale / 2)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        # Fit-all may go below the minimum on a big wall: from there zooming out stays
        # put and zooming in is one ordinary step, never a jump up to the minimum.
        target = min(max(current * factor, min(_MIN_SCALE, current)), _MAX_SCALE)
        self.scale(target / current, target / current)
        self.fitted = BY_HAND

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The middle button (or Alt + left) pans; the left button selects and drags."""
        alt_left = (event.button() == Qt.MouseButton.LeftButton
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if event.button() == Qt.MouseButton.MiddleButton or alt_left:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - round(delta.x()))
            v.setValue(v.value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(math.pow(1.15, steps))
            event.accept()
        else:
            super().wheelEvent(event)
