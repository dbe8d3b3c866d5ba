"""Zooming and panning a wall: Ctrl+wheel zooms under the mouse, the middle button (or
Alt + left) pans, fit_all shows everything from the top left. Kept apart from the wall's
content so the projector or another view of notes could share it. No signals.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QTransform, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from facilitator.ui.wall.grid import COLUMNS, GAP, SLOT_H, SLOT_W

_MIN_SCALE, _MAX_SCALE = 0.08, 4.0


class ZoomPanView(QGraphicsView):
    """A QGraphicsView with the wall's zoom and pan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pan_from: QPointF | None = None  # where a middle-button pan last was

    # -- zoom -------------------------------------------------------------------------

    def fit_all(self) -> None:
        """Show every note; never blow a handful of notes up beyond 1.25x."""
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

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        # Fit-all may go below the minimum on a big wall: from there zooming out stays
        # put and zooming in is one ordinary step, never a jump up to the minimum.
        target = min(max(current * factor, min(_MIN_SCALE, current)), _MAX_SCALE)
        self.scale(target / current, target / current)

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
