"""The wall's scene: turns what the mouse does on notes and frames into reports (a
finished drag, a double-click, a right-click), so the view and the controller never
have to look at raw mouse events. Nothing here changes data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QMenu,
)

from facilitator.ui.wall.cluster_item import ClusterItem
from facilitator.ui.wall.note_item import NoteItem

_WALL_COLOUR = QColor("#eceae4")


class WallScene(QGraphicsScene):
    """Turns finished drags, double-clicks and right-clicks into reports.

    Signals:
        notesMoved(object): list of (note_id, old QPointF, new QPointF) for one drag;
            the note under the mouse comes first; several selected notes arrive as one list.
        clusterMoved(int, object, object): cluster id, old and new QPointF of its frame.
        hideRequested(int, bool): note id, and whether it should now be hidden.
        editRequested(object): the NoteItem or ClusterItem double-clicked.
    """

    notesMoved = Signal(object)
    clusterMoved = Signal(int, object, object)
    hideRequested = Signal(int, bool)
    editRequested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._drag_start: dict[NoteItem, QPointF] = {}
        self._frame_start: dict[ClusterItem, QPointF] = {}
        self._grabbed: NoteItem | None = None
        # Fills the right-click menu for the item under the mouse (wall_features sets it).
        self.menu_provider: Callable[[NoteItem | ClusterItem, QMenu], None] | None = None
        self.setBackgroundBrush(_WALL_COLOUR)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002  (Qt's name)
        """Tab leaves the wall rather than walking through every note on it: inside the
        wall the arrow keys move (wall/keyboard.py)."""
        return False

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        grabber = self.mouseGrabberItem()
        self._grabbed = grabber if isinstance(grabber, NoteItem) else None
        selected = self.selectedItems()
        self._drag_start = {i: i.pos() for i in selected if isinstance(i, NoteItem)}
        self._frame_start = {i: i.pos() for i in selected if isinstance(i, ClusterItem)}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        carried = {f.cluster_id for f, start in self._frame_start.items() if f.pos() != start}
        moved = [
            (item.note_id, start, item.pos())
            for item, start in self._drag_start.items()
            if item.scene() is self and item.pos() != start and item.cluster_id not in carried
        ]
        moved.sort(key=lambda m: m[0] != getattr(self._grabbed, "note_id", None))
        frames = [(f.cluster_id, start, f.pos()) for f, start in self._frame_start.items()
                  if f.scene() is self and f.pos() != start]
        self._drag_start, self._frame_start, self._grabbed = {}, {}, None
        for cluster_id, old, new in frames:
            self.clusterMoved.emit(cluster_id, old, new)
        if moved:
            self.notesMoved.emit(moved)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.wall_item_at(event.scenePos())
        if item is not None:
            self.editRequested.emit(item)
            event.accept()
        else:
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        item = self.wall_item_at(event.scenePos())
        if item is None:
            return
        if not item.isSelected():
            self.clearSelection()
            item.setSelected(True)
        menu = QMenu(event.widget())
        if self.menu_provider is not None:
            self.menu_provider(item, menu)
        elif isinstance(item, NoteItem):
            label = self.tr("Weer tonen") if item.hidden else self.tr("Verbergen")
            action = QAction(label, menu)
            action.triggered.connect(
                lambda: self.hideRequested.emit(item.note_id, not item.hidden))
            menu.addAction(action)
        if not menu.isEmpty():
            menu.exec(event.screenPos())

    def wall_item_at(self, pos: QPointF,
                     exclude: Iterable[object] = ()) -> NoteItem | ClusterItem | None:
        """The topmost note, else the frame, at a scene point."""
        skip = set(exclude)
        for item in self.items(pos):
            if isinstance(item, NoteItem | ClusterItem) and item not in skip:
                return item
        return None
