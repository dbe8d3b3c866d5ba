"""Undo per table, driven by keys as a facilitator does: a note hidden on Tafel 2 stays
hidden when Ctrl+Z is pressed on Tafel 3 (before, one stack for all tables un-hid it and
sent it back to Tafel 2's phones); the Edit menu names the action and the table."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator.engine import AddNote
from facilitator.store import Store

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = 5000


def _hidden(path: Path, note_id: int) -> bool:
    store = Store.open(path, readonly=True)
    try:
        note = store.note(note_id)
        assert note is not None
        return note.hidden
    finally:
        store.close()


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.wall.setFocus()
    qtbot.keyClick(window.wall, key, modifier)


def test_ctrl_z_acts_on_the_table_in_view_and_the_menu_names_it(qtbot, session) -> None:
    window, engine = session.window, session.engine
    tafel2, tafel3 = session.state.groups[1], session.state.groups[2]
    round_id = window.current_round_id()
    on2 = engine.execute(AddNote(tafel2.id, "Ongepast briefje", round_id=round_id)).note.id
    on3 = engine.execute(AddNote(tafel3.id, "Leesbevordering", round_id=round_id)).note.id
    undo = window.undo_stack.undo_action
    assert undo in window.edit_menu.actions()

    window.groups.select_group(tafel2.id)  # the facilitator looks at Tafel 2
    qtbot.waitUntil(lambda: window.wall.item(on2) is not None, timeout=T)
    window.wall.wall_scene.clearSelection()
    window.wall.item(on2).setSelected(True)
    _key(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)  # hide it
    qtbot.waitUntil(lambda: _hidden(engine.path, on2), timeout=T)
    qtbot.waitUntil(lambda: undo.isEnabled(), timeout=T)
    assert undo.text().startswith("Ongedaan maken op Tafel 2: ")

    window.groups.select_group(tafel3.id)  # then moves on to Tafel 3
    qtbot.waitUntil(lambda: window.wall.item(on3) is not None, timeout=T)
    assert not undo.isEnabled() and undo.text() == "Ongedaan maken"
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z here
    # the engine applies commands in order: a wrong Undo sent by the key is applied first
    engine.execute(AddNote(tafel3.id, "na de toets", round_id=round_id))
    assert _hidden(engine.path, on2)  # Tafel 2's note stays hidden from its phones

    window.groups.select_group(tafel2.id)  # back on Tafel 2, its history is there
    qtbot.waitUntil(lambda: undo.isEnabled(), timeout=T)
    assert "Tafel 2" in undo.text()
    _key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not _hidden(engine.path, on2), timeout=T)
    redo = window.undo_stack.redo_action
    assert redo.isEnabled() and redo.text().startswith("Opnieuw op Tafel 2: ")
