"""The window's memory has a ceiling per wall (issue 17): graphics items exist only for
the table in view and go when the facilitator switches tables; a note item is a plain
QGraphicsItem that shares its font and text bars; a big wall zoomed far out keeps no
bitmap per note. Counted, not timed or measured in bytes (bench/bench_memory.py has the
RSS figures, docs/PERFORMANCE.md the table).
"""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem

from facilitator import app as app_module
from facilitator.domain.model import Note
from facilitator.engine import AddNote, NoteAdded
from facilitator.ui.wall import view as wall_view
from facilitator.ui.wall.note_item import NoteItem
from facilitator.ui.wall.view import WallView

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def _note(note_id: int, group_id: int = 1, text: str = "") -> Note:
    return Note(
        id=note_id,
        group_id=group_id,
        round_id=1,
        text=text or f"Idee {note_id}: een taalhuis in elke bibliotheek",
        participant_id=None,
        client_note_id=None,
        created_at=0.0,
        updated_at=0.0,
    )


def _note_items(view: WallView) -> list[NoteItem]:
    return [i for i in view.wall_scene.items() if isinstance(i, NoteItem)]


@pytest.fixture
def view(qtbot):
    wall = WallView()
    qtbot.addWidget(wall)
    wall.resize(1000, 700)
    wall.show()
    qtbot.waitExposed(wall)
    return wall


def test_switching_tables_keeps_nothing_of_the_table_left(view: WallView) -> None:
    view.show_wall(1, 1, [_note(i, group_id=1) for i in range(1, 301)], [])
    view.viewport().grab()  # painted once: bitmaps and the scene's index exist
    left = [weakref.ref(item) for item in view.note_items()[:50]]
    view.show_wall(2, 1, [_note(i, group_id=2) for i in range(1001, 1006)], [])
    view.viewport().grab()
    assert sorted(i.note_id for i in _note_items(view)) == list(range(1001, 1006))
    assert len(view.wall_scene.items()) == 5
    assert sorted(i.note_id for i in view.note_items()) == list(range(1001, 1006))
    assert all(ref() is None for ref in left), "items of the table left are still held"
    held = {*view._stored, *view._folded, *(h for h in view._grid._covers if h > 0)}
    assert held <= set(range(1001, 1006)), "the wall's maps still hold the table left"


def test_switching_tables_in_the_window_drops_the_other_tables_items(
    qtbot, workshop_path: Path
) -> None:
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    try:
        window, engine = running.window, running.engine
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        first, second = running.state.groups[0], running.state.groups[1]
        window.groups.select_group(first.id)
        round_id = window.current_round_id()
        for n in range(40):
            engine.execute(AddNote(first.id, f"tafel 1, notitie {n}", round_id=round_id))
        engine.execute(AddNote(second.id, "tafel 2, de enige", round_id=round_id))
        qtbot.waitUntil(lambda: len(window.wall.note_items()) == 40, timeout=5000)
        window.groups.select_group(second.id)
        qtbot.waitUntil(lambda: window.wall.key == (second.id, round_id), timeout=5000)
        assert [i.toPlainText() for i in _note_items(window.wall)] == ["tafel 2, de enige"]
        # Notes arriving for the table not in view make no items either.
        engine.execute(AddNote(first.id, "tafel 1, later", round_id=round_id))
        qtbot.waitUntil(lambda: running.state.note_count(first.id, round_id) == 41, timeout=5000)
        assert len(_note_items(window.wall)) == 1
    finally:
        running.close()


def test_leaving_a_big_wall_gives_its_memory_back(
    view: WallView, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = []
    monkeypatch.setattr(wall_view, "RELEASE_AFTER_NOTES", 20)
    monkeypatch.setattr(wall_view, "release_freed_memory", lambda: released.append(1) or True)
    view.show_wall(1, 1, [_note(i) for i in range(1, 11)], [])
    view.show_wall(2, 1, [_note(i, group_id=2) for i in range(11, 41)], [])
    assert released == []  # leaving 10 notes: not worth it
    view.show_wall(1, 1, [_note(i) for i in range(1, 11)], [])
    assert released == [1]  # leaving 30


def test_a_note_item_is_a_plain_graphics_item_sharing_font_and_bars() -> None:
    first, second = (
        NoteItem(_note(1, text="Zelfde lengte A")),
        NoteItem(_note(2, text="Zelfde lengte B")),
    )
    assert not isinstance(first, QObject)  # a QGraphicsObject costs ~3.8 KB more per note
    assert first._font is second._font
    assert first._bars is second._bars and first._bars
    long, longer = NoteItem(_note(3, text="lang " * 28)), NoteItem(_note(4, text="lang " * 30))
    assert long._font is first._font  # a long note is taller, not smaller (issue 11)
    assert long.rows() > 1 and long._shape is not first._shape
    assert long._shape is longer._shape  # its height's rects: one set per height


def test_a_big_wall_far_out_draws_notes_without_a_bitmap_each(
    view: WallView, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wall_view, "CACHED_SMALL_NOTES", 50)
    view.show_wall(1, 1, [_note(i) for i in range(1, 41)], [])
    view.setTransform(QTransform.fromScale(0.05, 0.05))
    view.viewport().grab()
    bitmap = QGraphicsItem.CacheMode.DeviceCoordinateCache
    assert {i.cacheMode() for i in view.note_items()} == {bitmap}  # few notes: bitmaps
    view.apply([NoteAdded(_note(i)) for i in range(41, 61)])
    view.viewport().grab()
    none = QGraphicsItem.CacheMode.NoCache
    assert {i.cacheMode() for i in view.note_items()} == {none}
    view.apply([NoteAdded(_note(61))])
    assert view.item(61).cacheMode() == none  # a live note follows the wall
    view.setTransform(QTransform.fromScale(0.5, 0.5))  # near: each note is big again
    view.viewport().grab()
    assert {i.cacheMode() for i in view.note_items()} == {bitmap}


def test_duplicate_indexes_are_kept_for_the_last_two_walls_only(qtbot, workshop_path: Path) -> None:
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    try:
        window, engine = running.window, running.engine
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        tables = running.state.groups[:3]
        window.groups.select_group(tables[0].id)
        round_id = window.current_round_id()
        pair = [
            engine.execute(AddNote(tables[0].id, text, round_id=round_id)).note.id
            for text in ("Een Taalhuis in elke gemeente", "In iedere gemeente een taalhuis")
        ]
        marks = window.duplicate_marks
        qtbot.waitUntil(lambda: marks.marked == set(pair), timeout=5000)
        for table in tables[1:]:
            window.groups.select_group(table.id)
            qtbot.waitUntil(lambda t=table: marks.key == (t.id, round_id), timeout=5000)
        assert set(marks._walls) == {(t.id, round_id) for t in tables[1:]}
        # Notes for a wall no longer indexed cost nothing there ...
        engine.execute(AddNote(tables[0].id, "Taalhuis in elke gemeente", round_id=round_id))
        qtbot.waitUntil(lambda: running.state.note_count(tables[0].id, round_id) == 3, timeout=5000)
        assert len(marks._walls) == 2
        # ... and the wall shown again is indexed again, marks and all.
        window.groups.select_group(tables[0].id)
        qtbot.waitUntil(lambda: not marks.indexing(), timeout=5000)
        qtbot.waitUntil(lambda: set(pair) <= marks.marked, timeout=5000)
        assert window.wall.item(pair[0]).duplicate_hint()
        assert set(marks._walls) == {(t.id, round_id) for t in (tables[2], tables[0])}
    finally:
        running.close()


def test_a_duplicate_index_holds_at_most_its_cap_of_notes(
    qtbot, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.ui.wall.suggestions_panel import DuplicateMarks

    monkeypatch.setattr(DuplicateMarks, "INDEXED_PER_WALL", 5)
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    try:
        window, engine = running.window, running.engine
        window.show()
        qtbot.waitExposed(window)
        table = running.state.groups[0]
        window.groups.select_group(table.id)
        round_id = window.current_round_id()
        texts = [f"Briefje {i}: idee nummer{i} over iets eigens{i}" for i in range(4)]
        texts += ["Een Taalhuis in elke gemeente", "In iedere gemeente een taalhuis"]
        ids = [engine.execute(AddNote(table.id, text, round_id=round_id)).note.id for text in texts]
        marks = window.duplicate_marks
        qtbot.waitUntil(lambda: running.state.note_count(table.id, round_id) == 6, timeout=5000)
        index = marks._walls[(table.id, round_id)]
        assert len(index) == 5 and ids[-1] not in index  # the sixth is past the cap
        assert marks.marked == set()  # its twin was indexed, it was not: no pair
        edited = running.state.note(ids[0])
        assert edited is not None and edited.id in index  # an indexed note stays indexed
    finally:
        running.close()
