"""The wall of one group in one round: sticky notes on a zoomable scene.

Notes without a stored position take the first free slot of a grid, so a note arriving
live never covers another. Those automatic places are not written back: they follow
from arrival order and would double the engine's work at peak load; only a note the
facilitator moves gets a stored position (MoveNote, via the `notesMoved` signal).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsScene,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QMenu,
)

from facilitator.domain.model import Note
from facilitator.engine import Event, NoteAdded, NoteChanged, NoteRemoved
from facilitator.ui.note_item import NOTE_H, NOTE_W, NoteItem

GAP = 18.0
COLUMNS = 8
_SLOT_W = NOTE_W + GAP
_SLOT_H = NOTE_H + GAP
_MIN_SCALE, _MAX_SCALE = 0.08, 4.0
_WALL_COLOUR = QColor("#eceae4")


class WallScene(QGraphicsScene):
    """Turns a finished drag into one report of every note that moved.

    Signals:
        notesMoved(object): list of (note_id, old QPointF, new QPointF) for one drag;
            several selected notes dragged together arrive as one list.
        hideRequested(int, bool): note id, and whether it should now be hidden.
    """

    notesMoved = Signal(object)
    hideRequested = Signal(int, bool)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._drag_start: dict[NoteItem, QPointF] = {}
        self.setBackgroundBrush(_WALL_COLOUR)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._drag_start = {item: item.pos() for item in self._selected_notes()}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        moved = [
            (item.note_id, start, item.pos())
            for item, start in self._drag_start.items()
            if item.scene() is self and item.pos() != start
        ]
        self._drag_start = {}
        if moved:
            self.notesMoved.emit(moved)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        item = next((i for i in self.items(event.scenePos()) if isinstance(i, NoteItem)), None)
        if item is None:
            return
        menu = QMenu(event.widget())
        label = self.tr("Weer tonen") if item.hidden else self.tr("Verbergen")
        action = QAction(label, menu)
        action.triggered.connect(lambda: self.hideRequested.emit(item.note_id, not item.hidden))
        menu.addAction(action)
        menu.exec(event.screenPos())

    def _selected_notes(self) -> list[NoteItem]:
        return [i for i in self.selectedItems() if isinstance(i, NoteItem)]


class WallView(QGraphicsView):
    """Shows one group's notes for one round and keeps them current from engine events.

    Signals: see WallScene (`view.wall_scene.notesMoved`, `hideRequested`).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.wall_scene = WallScene(self)
        self.setScene(self.wall_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.key: tuple[int, int] | None = None  # (group_id, round_id) shown
        self._items: dict[int, NoteItem] = {}
        self._slots: dict[int, set[int]] = {}  # grid slot -> ids of notes covering it
        self._covers: dict[int, set[int]] = {}  # note id -> slots it covers
        self._merged: dict[int, int] = {}  # duplicate id -> the note it is folded into

    # -- what is shown ----------------------------------------------------------------

    def show_wall(self, group_id: int, round_id: int, notes: Iterable[Note]) -> None:
        """Replace the wall's content: notes with a stored place first, then the rest in
        id order, so automatic places come out the same every time."""
        self.wall_scene.clear()
        self._items.clear()
        self._slots.clear()
        self._covers.clear()
        self._merged.clear()
        self.key = (group_id, round_id)
        notes = list(notes)
        ordered = sorted(notes, key=lambda n: (n.x is None, n.id))
        for note in ordered:
            if note.merged_into is None:
                self._add(note)
        for note in notes:
            if note.merged_into is not None:
                self._merged[note.id] = note.merged_into
        for target in set(self._merged.values()):
            self._refresh_badge(target)
        self._update_scene_rect()
        self.fit_all()

    def apply(self, events: Sequence[Event]) -> None:
        """Fold one batch of engine events into the wall; others' walls are ignored."""
        if self.key is None:
            return
        touched = False
        grabbed = self.wall_scene.mouseGrabberItem()
        for event in events:
            if isinstance(event, NoteRemoved):
                touched |= self._remove(event.note_id)
                self._set_merged(event.note_id, None)
            elif isinstance(event, NoteAdded | NoteChanged):
                note = event.note
                mine = (note.group_id, note.round_id) == self.key
                self._set_merged(note.id, note.merged_into if mine else None)
                item = self._items.get(note.id)
                if not mine or note.merged_into is not None:
                    # A merged duplicate shows only as the "+n" on the note it joined.
                    touched |= self._remove(note.id)
                elif item is None:
                    self._add(note)
                    touched = True
                else:
                    item.update_from(note)
                    # The echo of a drag still in progress must not yank the note back.
                    if note.x is not None and item is not grabbed:
                        self._place(item, QPointF(note.x, note.y))
                        touched = True
        if touched:
            self._update_scene_rect()

    def item(self, note_id: int) -> NoteItem | None:
        return self._items.get(note_id)

    def note_items(self) -> list[NoteItem]:
        return list(self._items.values())

    def move_note(self, note_id: int, pos: QPointF) -> None:
        """Move a note as a drag would (keyboard, undo, scripts): reports it as moved."""
        item = self._items[note_id]
        start = item.pos()
        self._place(item, pos)
        if start != pos:
            self.wall_scene.notesMoved.emit([(note_id, start, QPointF(pos))])

    def drag_finished(self, moved: Sequence[tuple[int, QPointF, QPointF]]) -> None:
        """Book the new places of dragged notes in the grid, so new notes avoid them."""
        for note_id, _old, new in moved:
            item = self._items.get(note_id)
            if item is not None:
                self._place(item, new)
        self._update_scene_rect()

    # -- zoom -------------------------------------------------------------------------

    def fit_all(self) -> None:
        """Show every note; never blow a handful of notes up beyond 1.25x."""
        rect = self.wall_scene.itemsBoundingRect()
        if rect.isEmpty():
            rect = QRectF(0, 0, COLUMNS * _SLOT_W, 3 * _SLOT_H)
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
        target = min(max(current * factor, _MIN_SCALE), _MAX_SCALE)
        self.scale(target / current, target / current)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.zoom_by(math.pow(1.15, steps))
            event.accept()
        else:
            super().wheelEvent(event)

    # -- placement --------------------------------------------------------------------

    def _add(self, note: Note) -> None:
        item = NoteItem(note)
        self._items[note.id] = item
        self.wall_scene.addItem(item)
        if note.id in self._merged.values():
            self._refresh_badge(note.id)
        pos = QPointF(note.x, note.y) if note.x is not None else self._free_slot_pos()
        self._place(item, pos)

    def _set_merged(self, note_id: int, target: int | None) -> None:
        before = self._merged.pop(note_id, None)
        if target is not None:
            self._merged[note_id] = target
        for changed in {before, target} - {None}:
            self._refresh_badge(changed)

    def _refresh_badge(self, target: int) -> None:
        item = self._items.get(target)
        if item is not None:
            item.set_merged_count(sum(1 for t in self._merged.values() if t == target))

    def _remove(self, note_id: int) -> bool:
        item = self._items.pop(note_id, None)
        if item is None:
            return False
        self._release(note_id)
        self.wall_scene.removeItem(item)
        return True

    def _place(self, item: NoteItem, pos: QPointF) -> None:
        if item.pos() != pos:
            item.setPos(pos)
        self._release(item.note_id)
        covered = _slots_under(pos)
        self._covers[item.note_id] = covered
        for slot in covered:
            self._slots.setdefault(slot, set()).add(item.note_id)

    def _release(self, note_id: int) -> None:
        for slot in self._covers.pop(note_id, ()):
            holders = self._slots.get(slot)
            if holders is not None:
                holders.discard(note_id)
                if not holders:
                    del self._slots[slot]

    def _free_slot_pos(self) -> QPointF:
        slot = 0
        while slot in self._slots:
            slot += 1
        return _slot_pos(slot)

    def _update_scene_rect(self) -> None:
        rect = self.wall_scene.itemsBoundingRect().united(
            QRectF(0, 0, COLUMNS * _SLOT_W, 3 * _SLOT_H)
        )
        # Little room above and left, so a fitted wall starts at the top left; a slot's
        # worth below and right to drag notes into. The rect grows as notes move out.
        self.wall_scene.setSceneRect(rect.adjusted(-2 * GAP, -2 * GAP, _SLOT_W, _SLOT_H))


def _slot_pos(slot: int) -> QPointF:
    return QPointF((slot % COLUMNS) * _SLOT_W, (slot // COLUMNS) * _SLOT_H)


def _slots_under(pos: QPointF) -> set[int]:
    """Grid slots a note at `pos` overlaps; only slots inside the grid's columns count."""
    note = QRectF(pos.x(), pos.y(), NOTE_W, NOTE_H)
    first_col = max(0, math.floor(pos.x() / _SLOT_W))
    first_row = max(0, math.floor(pos.y() / _SLOT_H))
    covered = set()
    for row in range(first_row, math.floor((pos.y() + NOTE_H) / _SLOT_H) + 1):
        for col in range(first_col, min(COLUMNS, math.floor((pos.x() + NOTE_W) / _SLOT_W) + 1)):
            slot_rect = QRectF(col * _SLOT_W, row * _SLOT_H, NOTE_W, NOTE_H)
            if slot_rect.intersects(note):
                covered.add(row * COLUMNS + col)
    return covered
