"""Undoable note moves. A drag ends in one MoveNotes command; undoing it sends the old
places as another, so the engine stays the only writer and every wall (and the
projector) follows the undo through the usual change events. The other wall edits
(clusters, merges, hiding, typos, paper notes) live in wall_commands.

No Qt signals: QUndoCommand is no QObject.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QUndoCommand

from facilitator.engine import MoveNotes
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.wall.commands import Refs


class MoveNotesCommand(QUndoCommand):
    """Move one or more notes; the first redo() (on push) stores the new places.

    With `refs` (the window's shared wall Refs) the move still finds a note that an
    undo and redo of its paper-note entry gave a new id.
    """

    def __init__(self, bridge: EngineBridge, moved: Sequence[tuple[int, QPointF, QPointF]],
                 refs: Refs | None = None, parent: QUndoCommand | None = None) -> None:
        count = len(moved)
        text = (QCoreApplication.translate("MoveNotesCommand", "Briefje verplaatsen") if count == 1
                else QCoreApplication.translate("MoveNotesCommand", "{n} briefjes verplaatsen")
                .format(n=count))
        super().__init__(text, parent)
        self._bridge = bridge
        refs = refs or Refs()
        self._moved = [(refs.note(nid), QPointF(old), QPointF(new)) for nid, old, new in moved]

    def redo(self) -> None:
        self._send(new=True)

    def undo(self) -> None:
        self._send(new=False)

    def _send(self, *, new: bool) -> None:
        moves = tuple((ref.id, (b if new else a).x(), (b if new else a).y())
                      for ref, a, b in self._moved if ref.id is not None)
        if moves:
            self._bridge.submit(MoveNotes(moves))
