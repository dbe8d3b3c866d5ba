"""Undoable wall edits. A drag ends in a MoveNote command; undoing it sends the old
places as another MoveNote, so the engine stays the only writer and every wall (and
later the projector) follows the undo through the usual change events."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QUndoCommand

from facilitator.engine import MoveNote
from facilitator.ui.bridge import EngineBridge


class MoveNotesCommand(QUndoCommand):
    """Move one or more notes; the first redo() (on push) stores the new places."""

    def __init__(self, bridge: EngineBridge, moved: Sequence[tuple[int, QPointF, QPointF]]) -> None:
        count = len(moved)
        text = (QCoreApplication.translate("MoveNotesCommand", "Briefje verplaatsen") if count == 1
                else QCoreApplication.translate("MoveNotesCommand", "{n} briefjes verplaatsen")
                .format(n=count))
        super().__init__(text)
        self._bridge = bridge
        self._moved = [(nid, QPointF(old), QPointF(new)) for nid, old, new in moved]

    def redo(self) -> None:
        for note_id, _old, new in self._moved:
            self._bridge.submit(MoveNote(note_id, new.x(), new.y()))

    def undo(self) -> None:
        for note_id, old, _new in self._moved:
            self._bridge.submit(MoveNote(note_id, old.x(), old.y()))
