"""The facilitator's window driven as a user would: on the offscreen platform, with the
real engine and participant server underneath, settings kept inside tmp_path."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import AddNote, DeleteNote, MoveNote
from facilitator.store import Store
from facilitator.ui.wall.note_item import NoteItem

# The offscreen platform cannot pass size hints to a window manager; it says so once.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def session(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    yield running
    running.close()


def _stored_note(path: Path, note_id: int):
    store = Store.open(path, readonly=True)
    try:
        return store.note(note_id)
    finally:
        store.close()


def _stored_phase(path: Path, round_id: int, group_id: int) -> Phase:
    store = Store.open(path, readonly=True)
    try:
        return store.phase(round_id, group_id)
    finally:
        store.close()


def test_window_lists_the_eight_groups_of_the_template(session) -> None:
    groups = session.window.groups
    assert groups.topLevelItemCount() == 8
    assert [groups.topLevelItem(i).text(0) for i in range(8)] == [f"Tafel {i}" for i in
                                                                   range(1, 9)]
    first = session.state.groups[0]
    assert groups.current_group_id() == first.id
    # Opened on the first table: its wall and its way in, before any change arrives.
    round_id = session.window.current_round_id()
    assert session.window.wall.key == (first.id, round_id)
    assert len(session.window.wall.note_items()) == session.state.note_count(first.id, round_id)
    assert session.window.join_panel.code_label.text() == first.code


def test_note_committed_through_the_engine_appears_on_its_wall_as_plain_text(
    qtbot, session
) -> None:
    window = session.window
    group, other = session.state.groups[0], session.state.groups[1]
    round_id = window.current_round_id()
    result = session.engine.execute(AddNote(group.id, "<b>x</b>", round_id=round_id))
    session.engine.execute(AddNote(other.id, "elders", round_id=round_id))
    qtbot.waitUntil(lambda: window.wall.item(result.note.id) is not None, timeout=5000)
    item = window.wall.item(result.note.id)
    assert isinstance(item, NoteItem)
    assert item.toPlainText() == "<b>x</b>"
    assert len(window.wall.note_items()) == 1  # the other group's note is not here
    assert window.groups.topLevelItem(0).text(1) == "1"
    qtbot.waitUntil(lambda: window.groups.topLevelItem(1).text(1) == "1", timeout=5000)


def test_dragging_a_note_stores_its_place_and_undo_puts_it_back(qtbot, session) -> None:
    window, path = session.window, session.engine.path
    group = session.state.groups[0]
    note = session.engine.execute(
        AddNote(group.id, "sleep mij", round_id=window.current_round_id())
    ).note
    qtbot.waitUntil(lambda: window.wall.item(note.id) is not None, timeout=5000)
    item = window.wall.item(note.id)
    start = item.pos()
    view = window.wall
    grab_at = view.mapFromScene(item.sceneBoundingRect().center())
    drop_at = grab_at + QPoint(150, 120)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=grab_at)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), grab_at + (drop_at - grab_at) * (step / 5))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=drop_at)
    moved_to = item.pos()
    assert moved_to != start

    def stored_at(pos: QPointF) -> bool:
        stored = _stored_note(path, note.id)
        return stored.x is not None and abs(stored.x - pos.x()) < 0.01 and abs(
            stored.y - pos.y()) < 0.01

    qtbot.waitUntil(lambda: stored_at(moved_to), timeout=5000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: stored_at(start), timeout=5000)
    qtbot.waitUntil(lambda: item.pos() == start, timeout=5000)


def test_move_note_call_goes_through_the_engine(qtbot, session) -> None:
    window, path = session.window, session.engine.path
    note = session.engine.execute(
        AddNote(session.state.groups[0].id, "hier", round_id=window.current_round_id())
    ).note
    qtbot.waitUntil(lambda: window.wall.item(note.id) is not None, timeout=5000)
    window.wall.move_note(note.id, QPointF(900.0, 40.0))
    qtbot.waitUntil(lambda: (_stored_note(path, note.id).x, _stored_note(path, note.id).y)
                    == (900.0, 40.0), timeout=5000)


def test_notes_moved_elsewhere_by_the_engine_follow(qtbot, session) -> None:
    window = session.window
    note = session.engine.execute(
        AddNote(session.state.groups[0].id, "volg", round_id=window.current_round_id())
    ).note
    session.engine.execute(MoveNote(note.id, 640.0, 320.0))
    qtbot.waitUntil(lambda: window.wall.item(note.id) is not None
                    and window.wall.item(note.id).pos() == QPointF(640.0, 320.0), timeout=5000)


def test_phase_button_sets_the_phase_of_every_group(qtbot, session) -> None:
    window, path = session.window, session.engine.path
    round_id = window.current_round_id()
    qtbot.mouseClick(window.round_bar.phase_button(Phase.VOTE), Qt.MouseButton.LeftButton)
    for group in session.state.groups:
        qtbot.waitUntil(lambda g=group: _stored_phase(path, round_id, g.id) is Phase.VOTE,
                        timeout=5000)
    qtbot.waitUntil(lambda: window.groups.topLevelItem(7).text(2) == "Stemmen", timeout=5000)
    assert window.round_bar.phase_button(Phase.VOTE).isChecked()


def test_starting_another_round_makes_it_the_one_phones_see(qtbot, session) -> None:
    window, path = session.window, session.engine.path
    second = session.state.rounds[1]
    window.round_bar.select_round(second.id)
    assert window.wall.key == (session.state.groups[0].id, second.id)
    qtbot.mouseClick(window.round_bar.phase_button(Phase.COLLECT), Qt.MouseButton.LeftButton)

    def active() -> int | None:
        store = Store.open(path, readonly=True)
        try:
            return store.workshop().active_round_id
        finally:
            store.close()

    qtbot.waitUntil(lambda: active() == second.id, timeout=5000)
    qtbot.waitUntil(lambda: session.state.workshop.active_round_id == second.id, timeout=5000)
    assert window.round_bar.current_round_id() == second.id


def test_five_hundred_live_notes_land_without_overlap_and_quickly(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[3]  # an empty table
    window.groups.select_group(group.id)
    round_id = window.current_round_id()
    started = time.perf_counter()
    futures = [session.engine.submit(AddNote(group.id, f"Idee nummer {i}: " + "woord " * (i % 30),
                                             round_id=round_id)) for i in range(500)]
    for future in futures:
        future.result(30)
    qtbot.waitUntil(lambda: len(window.wall.note_items()) == 500, timeout=20_000)
    arrived = time.perf_counter() - started
    window.wall.fit_all()
    started = time.perf_counter()
    window.wall.viewport().grab()
    painted = time.perf_counter() - started
    rects = sorted((i.sceneBoundingRect().adjusted(0, 0, -5, -5) for i in window.wall.note_items()),
                   key=lambda r: (r.y(), r.x()))
    positions = {(r.x(), r.y()) for r in rects}
    assert len(positions) == 500
    for a, b in zip(rects, rects[1:], strict=False):
        assert not a.intersects(b)
    assert arrived < 10.0
    assert painted < 2.0


def test_new_notes_avoid_a_note_dragged_into_their_way(qtbot, session) -> None:
    window = session.window
    group = session.state.groups[4]
    window.groups.select_group(group.id)
    round_id = window.current_round_id()
    first = session.engine.execute(AddNote(group.id, "eerste", round_id=round_id)).note
    qtbot.waitUntil(lambda: window.wall.item(first.id) is not None, timeout=5000)
    window.wall.move_note(first.id, QPointF(230.0, 20.0))  # over the second slot, off-grid
    later = [session.engine.execute(AddNote(group.id, f"n{i}", round_id=round_id)).note
             for i in range(4)]
    qtbot.waitUntil(lambda: len(window.wall.note_items()) == 5, timeout=5000)
    moved = window.wall.item(first.id).sceneBoundingRect().adjusted(0, 0, -5, -5)
    for note in later:
        assert not window.wall.item(note.id).sceneBoundingRect().intersects(moved)


def test_app_composition_starts_and_stops_without_leaking_threads(qtbot, workshop_path) -> None:
    before = {t.ident for t in threading.enumerate()}
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    running.window.show()
    qtbot.waitExposed(running.window)
    assert len(threading.enumerate()) > len(before)  # engine and server threads run
    running.close()
    deadline = time.monotonic() + 5
    while {t.ident for t in threading.enumerate() if t.is_alive()} - before:
        assert time.monotonic() < deadline, [t.name for t in threading.enumerate()]
        time.sleep(0.02)


def test_main_opens_the_demo_workshop_in_the_data_folder_and_quits_cleanly(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(tmp_path / "data"))
    before = {t.ident for t in threading.enumerate()}
    shown = []

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets()
                   if w.isVisible() and hasattr(w, "quit_action")]
        shown.extend(w.windowTitle() for w in windows)
        # File > Quit, as the facilitator would. (QApplication.quit() with a window still
        # open leaves Qt's timers dead for the rest of the test process.)
        for window in windows:
            window.quit_action.trigger()
            # The demo's first round is collecting: the window asks before it closes.
            assert window.quit_guard.box is not None and window.quit_guard.box.isVisible()
            window.quit_guard.quit_button.click()

    QTimer.singleShot(300, look_and_quit)
    assert app_module.main(["--port", "0"]) == 0
    assert (tmp_path / "data" / "demo.workshop").is_file()
    assert any("organisatienetwerk" in title for title in shown)
    qtbot.waitUntil(lambda: not ({t.ident for t in threading.enumerate()} - before), timeout=5000)


def test_export_report_writes_a_docx_off_the_gui_thread(qtbot, session,
                                                        tmp_path: Path) -> None:
    import docx

    window = session.window
    session.engine.execute(AddNote(session.state.groups[0].id, "<b>in het verslag</b>",
                                   round_id=window.current_round_id()))
    target = tmp_path / "uit" / "verslag"  # no suffix: the dialog adds .docx
    target.parent.mkdir()
    window.export_action.trigger()  # File > Verslag exporteren… (Ctrl+E)
    dialog = window.preparer.export_dialog
    assert dialog is not None
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".docx")
    qtbot.waitUntil(lambda: "Opgeslagen" in window.statusBar().currentMessage(), timeout=30_000)
    assert written.is_file()
    assert not list(target.parent.glob("*.part"))
    document = docx.Document(str(written))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "<b>in het verslag</b>" in body


def test_table_host_types_a_paper_note_onto_the_wall(qtbot, session) -> None:
    window = session.window
    qtbot.keyClicks(window.note_entry.field, "<i>van papier</i>")
    qtbot.keyClick(window.note_entry.field, Qt.Key.Key_Return)
    assert window.note_entry.field.text() == ""
    qtbot.waitUntil(lambda: len(window.wall.note_items()) == 1, timeout=5000)
    item = window.wall.note_items()[0]
    assert item.toPlainText() == "<i>van papier</i>"
    assert session.state.note(item.note_id).is_paper


def test_ctrl_wheel_zooms_and_fit_shows_every_note(qtbot, session) -> None:
    from PySide6.QtCore import QPointF as P
    from PySide6.QtGui import QWheelEvent

    window = session.window
    group = session.state.groups[0]
    for i in range(30):
        session.engine.submit(AddNote(group.id, f"notitie {i}", round_id=window.current_round_id()))
    qtbot.waitUntil(lambda: len(window.wall.note_items()) == 30, timeout=5000)
    view = window.wall
    before = view.transform().m11()
    centre = P(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.transform().m11() == pytest.approx(before * 1.15 ** 2)
    window.fit_action.trigger()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.note_items():
        assert visible.contains(item.sceneBoundingRect())


def test_hiding_a_note_marks_it_and_a_refused_command_is_reported(qtbot, session) -> None:
    window = session.window
    note = session.engine.execute(
        AddNote(session.state.groups[0].id, "weg ermee", round_id=window.current_round_id())
    ).note
    qtbot.waitUntil(lambda: window.wall.item(note.id) is not None, timeout=5000)
    window.wall.wall_scene.hideRequested.emit(note.id, True)
    qtbot.waitUntil(lambda: window.wall.item(note.id).hidden, timeout=5000)
    assert session.state.note(note.id).hidden
    session.engine.execute(DeleteNote(note.id))
    qtbot.waitUntil(lambda: window.wall.item(note.id) is None, timeout=5000)
    window.request_phase(999_999, Phase.VOTE)  # a round that does not exist
    qtbot.waitUntil(lambda: "bestaat niet meer" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert "SetPhase" not in window.statusBar().currentMessage()  # words, not names


def test_a_merged_duplicate_shows_only_as_a_count_on_its_note(qtbot, session) -> None:
    from facilitator.engine import MergeNote, UnmergeNote

    window = session.window
    group_id, round_id = session.state.groups[0].id, window.current_round_id()
    keep = session.engine.execute(AddNote(group_id, "jeugd", round_id=round_id)).note
    twin = session.engine.execute(AddNote(group_id, "Jeugd!", round_id=round_id)).note
    qtbot.waitUntil(lambda: len(window.wall.note_items()) == 2, timeout=5000)
    session.engine.execute(MergeNote(twin.id, keep.id))
    qtbot.waitUntil(lambda: window.wall.item(twin.id) is None, timeout=5000)
    assert window.wall.item(keep.id).merged_count() == 1
    session.engine.execute(UnmergeNote(twin.id))
    qtbot.waitUntil(lambda: window.wall.item(twin.id) is not None, timeout=5000)
    assert window.wall.item(keep.id).merged_count() == 0


def test_a_file_that_cannot_be_opened_is_reported_not_crashed_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    damaged = tmp_path / "kapot.workshop"
    damaged.write_bytes(b"<b>dit is geen SQLite</b>" * 100)
    shown: list[tuple[str, object]] = []
    monkeypatch.setattr(QMessageBox, "exec",
                        lambda box: shown.append((box.text(), box.textFormat())) or 0)
    before = {t.ident for t in threading.enumerate()}
    assert app_module.main([str(damaged), "--port", "0"]) == 1
    assert len(shown) == 1 and "kapot.workshop" in shown[0][0]
    assert shown[0][1] == Qt.TextFormat.PlainText
    assert not ({t.ident for t in threading.enumerate() if t.is_alive()} - before)


def test_window_geometry_is_remembered_in_the_sandboxed_settings(qtbot, workshop_path: Path,
                                                                 tmp_path: Path) -> None:
    first = app_module.build(workshop_path, host="127.0.0.1", port=0)
    first.window.show()
    qtbot.waitExposed(first.window)
    # Just above the minimum: the offscreen screen is only 800 px high.
    wanted = first.window.minimumSizeHint().height() + 9
    first.window.resize(first.window.minimumSizeHint().width(), wanted)
    first.close()
    assert list((tmp_path / "settings").rglob("*.conf")), "settings were written elsewhere"
    second = app_module.build(workshop_path, host="127.0.0.1", port=0)
    try:
        second.window.show()
        qtbot.waitExposed(second.window)
        # Height only: the offscreen screen is 800 px wide, narrower than the window's
        # minimum, so Qt fits the width to the screen on restore.
        assert second.window.height() == wanted
    finally:
        second.close()
