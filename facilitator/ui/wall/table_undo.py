"""Undo per table: one undo stack per wall (a table's round), the one in view active.

With one stack for the whole workshop, Ctrl+Z on Tafel 3 un-hid a note hidden on
Tafel 2 and sent it back to Tafel 2's phones, out of sight of the facilitator. Here each
wall (group, round) keeps its own history; the window shows a wall, and Ctrl+Z and
Ctrl+Shift+Z act on that wall's history only. The menu entries name the action and the
table ("Ongedaan maken op Tafel 2: Verbergen"), so the facilitator reads what a key
press will do before pressing it.

The entries are the same thin engine steps as before (wall/commands.py); step numbers
are unique in the process, so separate stacks need nothing more.

Signals: those of QUndoGroup (activeStackChanged, undoTextChanged, canUndoChanged, ...).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoGroup, QUndoStack

WallKey = tuple[int, int]  # (group_id, round_id)


class TableUndo(QUndoGroup):
    """The undo stacks of all walls; `push` goes to the wall in view (`show_wall`)."""

    def __init__(self, table_name: Callable[[int], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table_name = table_name
        self._stacks: dict[WallKey, QUndoStack] = {}
        self.key: WallKey | None = None
        self.undo_action = QAction(self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(lambda _checked=False: self.undo())
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(lambda _checked=False: self.redo())
        for signal in (self.activeStackChanged, self.indexChanged, self.cleanChanged):
            signal.connect(lambda *_: self.relabel())
        self.relabel()

    def show_wall(self, group_id: int, round_id: int) -> None:
        """The window shows this wall now: its history is the one Ctrl+Z reaches."""
        key = (group_id, round_id)
        stack = self._stacks.get(key)
        if stack is None:
            stack = self._stacks[key] = QUndoStack(self)
            self.addStack(stack)
        self.key = key
        self.setActiveStack(stack)
        self.relabel()

    def push(self, command: QUndoCommand) -> None:
        """Do `command` on the wall in view and keep it in that wall's history."""
        stack = self.activeStack()
        if stack is None:  # no wall shown yet (an empty workshop): do it, keep nothing
            command.redo()
            return
        stack.push(command)

    def count(self) -> int:
        """Steps in the history of the wall in view."""
        stack = self.activeStack()
        return stack.count() if stack is not None else 0

    def relabel(self) -> None:
        table = self._table_name(self.key[0]) if self.key is not None else ""
        undo_text, redo_text = self.undoText(), self.redoText()
        if undo_text:
            self.undo_action.setText(
                self.tr("Ongedaan maken op {table}: {what}").format(table=table, what=undo_text)
            )
        else:
            self.undo_action.setText(self.tr("Ongedaan maken"))
        if redo_text:
            self.redo_action.setText(
                self.tr("Opnieuw op {table}: {what}").format(table=table, what=redo_text)
            )
        else:
            self.redo_action.setText(self.tr("Opnieuw"))
        self.undo_action.setEnabled(self.canUndo())
        self.redo_action.setEnabled(self.canRedo())
