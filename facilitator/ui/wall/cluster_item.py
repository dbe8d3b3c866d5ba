"""A named cluster frame on the wall: a thin view over a cluster id.

The frame does not own its notes (they stay top-level scene items, so a drag out of the
frame is an ordinary note drag); it only says where its n-th member sits, and grows with
its members: rows of 1-3 notes, each row as tall as its tallest note (a long note is
taller, note_item), so a tall member never reaches into the row below. The name is drawn
with QPainter.drawText, so it is plain text by construction, and elided rather than
clipped when it is longer than the frame.

When the wall is zoomed out so far that notes draw their text as bars (note_item), the
frame skips its unreadable name and draws its edge solid: a dash pattern only a fraction
of a pixel long cost more than all 2,000 notes' cached bitmaps together on a HiDPI screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QStyle,
    QStyleOptionGraphicsItem,
    QWidget,
)

from facilitator.domain.model import Cluster
from facilitator.ui.wall.note_item import _TEXT_LOD, NOTE_H, NOTE_W, PEN_FOCUS, draw_dots_badge

HEADER = 46.0
PAD = 10.0  # 2 notes side by side fit in two grid slots
INNER_GAP = 8.0
_FILL = QColor(255, 255, 255, 150)
_EDGE = QColor("#8a8a8a")
_SELECTED_EDGE = QColor("#1f6feb")
_MATCH_EDGE = QColor("#e8590c")
_INK = QColor("#1b1b1b")


def columns_for(count: int) -> int:
    return 1 if count <= 1 else 2 if count <= 4 else 3


def layout(heights: Sequence[float]) -> tuple[tuple[float, float], list[QPointF]]:
    """The size of a frame holding notes of these heights, in this order, and where each
    sits in it. An empty frame is as large as one short note's."""
    cols = columns_for(len(heights))
    offsets: list[QPointF] = []
    top = HEADER
    for start in range(0, len(heights), cols):
        row = heights[start : start + cols]
        offsets.extend(QPointF(PAD + col * (NOTE_W + INNER_GAP), top) for col in range(len(row)))
        top += max(row) + INNER_GAP
    bottom = top - INNER_GAP if heights else HEADER + NOTE_H
    return (2 * PAD + cols * NOTE_W + (cols - 1) * INNER_GAP, bottom + PAD), offsets


def frame_size(heights: Sequence[float]) -> tuple[float, float]:
    """Width and height of a frame holding notes of these heights."""
    return layout(heights)[0]


class ClusterItem(QGraphicsObject):
    """Movable, selectable frame drawn under the notes (z -1).

    No signals of its own: the scene reports a finished frame drag (see
    wall.WallScene.clusterMoved). While it moves, `on_moved(cluster_id)` lets the wall
    carry the member notes along.
    """

    def __init__(self, cluster: Cluster) -> None:
        super().__init__()
        self.cluster_id = cluster.id
        self._name = cluster.name
        self._heights: tuple[float, ...] = ()  # the members', in their order
        self._offsets: list[QPointF] = []  # where each member sits in the frame
        self._dots = 0
        self._match: bool | None = None
        self._size = frame_size(())
        self.on_moved: Callable[[int], None] | None = None
        self.setZValue(-1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)  # arrows (wall/keyboard)
        # A cached bitmap, like the notes: drawn directly, 30 frames cost a fitted wall of
        # 2,000 notes on a HiDPI screen ~8 ms per repaint, more than all the notes.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPos(cluster.x, cluster.y)

    def name(self) -> str:
        return self._name

    def set_name(self, name: str) -> None:
        if name != self._name:
            self._name = name
            self.update()

    def member_count(self) -> int:
        return len(self._heights)

    def size(self) -> tuple[float, float]:
        """The frame's width and height (as laid out for its members)."""
        return self._size

    def set_member_heights(self, heights: Sequence[float]) -> None:
        """The members' heights, in the order they are laid out."""
        heights = tuple(heights)
        if heights != self._heights:
            self.prepareGeometryChange()
            self._heights = heights
            self._size, self._offsets = layout(heights)

    def member_pos(self, index: int) -> QPointF:
        return self.pos() + self._offsets[index]

    def dots(self) -> int:
        return self._dots

    def set_dots(self, dots: int) -> None:
        if dots != self._dots:
            self._dots = dots
            self.update()

    def set_search_match(self, match: bool | None) -> None:
        if match != self._match:
            self._match = match
            self.update()

    def name_rect(self) -> QRectF:
        """Where the name is drawn, in item coordinates (the inline editor goes here)."""
        width = self._size[0] - 2 * PAD - (70 if self._dots else 0)
        return QRectF(PAD, 8, width, HEADER - 14)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, *self._size).adjusted(-2, -2, 2, 2)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()  # the cached bitmap gets its focus ring
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if (
            change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
            and self.on_moved is not None
        ):
            self.on_moved(self.cluster_id)
        return super().itemChange(change, value)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        frame = QRectF(0, 0, *self._size)
        small = option.levelOfDetailFromTransform(painter.worldTransform()) < _TEXT_LOD
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pen = (
            QPen(_SELECTED_EDGE, 3)
            if selected
            else QPen(_MATCH_EDGE, 4)
            if self._match
            else QPen(_EDGE, 1.5)
            if small
            else QPen(_EDGE, 1.5, Qt.PenStyle.DashLine)
        )
        painter.setPen(pen)
        painter.setBrush(_FILL)
        painter.drawRoundedRect(frame, 10, 10)
        if self.hasFocus():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(PEN_FOCUS)
            painter.drawRoundedRect(frame.adjusted(5, 5, -5, -5), 7, 7)
        if small:
            if self._dots:
                draw_dots_badge(
                    painter,
                    QRectF(frame.width() - PAD - 62, 13, 62, 22),
                    self._dots,
                    with_text=False,
                )
            return
        font = QFont()
        font.setPointSizeF(15)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(_INK if self._match is not False else QColor("#9a9a9a"))
        rect = self.name_rect()
        shown = self._name or self.tr("(zonder naam)")
        elided = QFontMetricsF(font).elidedText(shown, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
        )
        if self._dots:
            draw_dots_badge(painter, QRectF(frame.width() - PAD - 62, 13, 62, 22), self._dots)
