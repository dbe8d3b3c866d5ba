"""Running rounds from the laptop: the timer bar and the overview of all groups, driven as
a facilitator would (keys, clicks) on the offscreen platform, with the real engine and
participant server underneath and phones joining over HTTP."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import (
    AddNote,
    CastVotes,
    CreateCluster,
    Join,
    SetActiveRound,
    SetPhase,
    StartTimer,
)
from facilitator.store import Store
from facilitator.ui.run.overview import (
    COL_ACTIVITY,
    COL_DOTS,
    COL_JOINED,
    COL_LIVE,
    COL_NOTES,
    COL_PHASE,
    COL_VOTERS,
)
from tests.test_server_support import Sse, join

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                       "does not support raise")  # offscreen platform


@pytest.fixture
def session(qtbot, workshop_path: Path):
    running = app_module.build(workshop_path, host="127.0.0.1", port=0)
    window = running.window
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    yield running
    running.close()


def _stored_round(path: Path, round_id: int):
    store = Store.open(path, readonly=True)
    try:
        return store.round(round_id)
    finally:
        store.close()


def _stored_phase(path: Path, round_id: int, group_id: int) -> Phase:
    store = Store.open(path, readonly=True)
    try:
        return store.phase(round_id, group_id)
    finally:
        store.close()


# -- timer -----------------------------------------------------------------------------


def test_ctrl_p_starts_and_pauses_ctrl_equals_adds_a_minute_reset_clears(qtbot, session):
    window, path = session.window, session.engine.path
    bar = window.run_features.timer_bar
    round_ = session.state.round(window.current_round_id())
    assert bar.display.text() == f"{round_.duration_s // 60:02d}:00"
    assert bar.status.text() == "nog niet gestart"

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _stored_round(path, round_.id).timer_ends_at is not None,
                    timeout=5000)
    qtbot.waitUntil(lambda: bar.status.text() == "loopt", timeout=5000)
    assert bar.start_button.text() == "Pauze"

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _stored_round(path, round_.id).timer_remaining_s is not None,
                    timeout=5000)
    paused = _stored_round(path, round_.id)
    assert paused.timer_ends_at is None
    qtbot.waitUntil(lambda: bar.status.text() == "gepauzeerd", timeout=5000)
    shown = bar.display.text()

    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (_stored_round(path, round_.id).timer_remaining_s or 0)
                    >= paused.timer_remaining_s + 59.9, timeout=5000)
    minutes = int(shown.split(":")[0])
    qtbot.waitUntil(lambda: int(bar.display.text().split(":")[0]) == minutes + 1, timeout=5000)

    qtbot.mouseClick(bar.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored_round(path, round_.id).timer_remaining_s is None,
                    timeout=5000)
    qtbot.waitUntil(lambda: bar.status.text() == "nog niet gestart", timeout=5000)


def test_space_in_the_paper_note_field_types_a_space_not_the_timer(qtbot, session):
    window = session.window
    line = window.note_entry.field
    line.setFocus()
    qtbot.keyClicks(line, "a b 1")
    assert line.text() == "a b 1"
    qtbot.wait(200)
    assert session.state.round(window.current_round_id()).timer_ends_at is None
    assert window.run_features.projector.mode() == "auto"  # "1" was typed, not a view


def test_the_end_is_signalled_gently_once(qtbot, session, monkeypatch):
    beeps = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    window = session.window
    bar = window.run_features.timer_bar
    round_id = window.current_round_id()
    session.engine.execute(StartTimer(round_id, seconds=30))
    qtbot.waitUntil(lambda: bar.status.text() == "loopt", timeout=5000)
    with qtbot.waitSignal(bar.expired, timeout=5000) as expired:
        session.engine.execute(StartTimer(round_id, seconds=0.3))
    assert expired.args == [round_id]
    assert bar.display.text() == "00:00"
    assert bar.status.text() == "Tijd is om"
    colour = bar.display.palette().color(bar.display.backgroundRole())
    assert colour.red() > 240 and colour.blue() < 220  # a soft amber, not grey or red
    qtbot.wait(800)  # a few more ticks: still one beep, and the colour breathes
    assert beeps == [1]
    question = window.run_features.projector.views["question"]
    question.refresh()
    question.tick()
    assert question.timer.text() == "Tijd is om"

    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)  # F gives one more minute
    qtbot.waitUntil(lambda: bar.status.text() == "loopt", timeout=5000)
    assert bar.display.text() in ("01:00", "00:59")


# -- overview ----------------------------------------------------------------------------


def test_overview_counts_phones_notes_votes_and_highlights_where_notes_arrive(qtbot, session):
    window, engine, server = session.window, session.engine, session.server
    overview = window.run_features.overview
    first, second, third = session.state.groups[:3]
    round_id = window.current_round_id()
    engine.execute(SetActiveRound(round_id))
    engine.execute(SetPhase(round_id, Phase.COLLECT))

    tokens = [join(server.port, first.code) for _ in range(2)]
    streams = [Sse(server.port, t) for t in tokens]  # two phones with the page open
    try:
        engine.execute(Join(second.id))
        for text in ("Taalhuis in elke gemeente", "Leesbevordering 0-18"):
            engine.execute(AddNote(first.id, text, round_id=round_id))
        row = overview.row_of(first.id)
        qtbot.waitUntil(lambda: overview.item(row, COL_LIVE).text() == "2", timeout=5000)
        assert overview.item(row, COL_JOINED).text() == "2"
        qtbot.waitUntil(lambda: overview.item(row, COL_NOTES).text() == "2", timeout=5000)
        assert overview.item(row, COL_ACTIVITY).text() == "zojuist"
        assert overview.item(overview.row_of(second.id), COL_JOINED).text() == "1"
        assert overview.item(overview.row_of(third.id), COL_ACTIVITY).text() == "–"

        assert overview.is_active(first.id) and not overview.is_active(second.id)
        assert overview.item(row, COL_NOTES).background().color().name() == "#d3f9d8"
        assert overview.item(overview.row_of(second.id), COL_NOTES).background().style() \
            == Qt.BrushStyle.NoBrush

        cluster = engine.execute(CreateCluster(first.id, round_id, "Basisvaardigheden"))
        engine.execute(SetPhase(round_id, Phase.VOTE, (first.id,)))
        participants = [p for p in session.state.store.participants()
                        if p.group_id == first.id]
        for p in participants:
            engine.execute(CastVotes(p.id, ((f"c{cluster.id}", 1),)))
        qtbot.waitUntil(lambda: overview.item(row, COL_VOTERS).text() == "2", timeout=5000)
        assert overview.item(row, COL_DOTS).text() == "2"
        assert overview.item(row, COL_PHASE).text() == "Stemmen"

        later = time.time() + 125  # two minutes on: no longer "notes coming in"
        overview.clock = lambda: later
        overview.refresh()
        assert overview.item(row, COL_ACTIVITY).text() == "2 min geleden"
        assert not overview.is_active(first.id)
        assert overview.item(row, COL_NOTES).background().style() == Qt.BrushStyle.NoBrush
    finally:
        for stream in streams:
            stream.close()
    qtbot.waitUntil(lambda: server.connected_count(first.id) == 0, timeout=5000)


def test_clicking_a_row_opens_that_groups_wall(qtbot, session):
    window = session.window
    overview = window.run_features.overview
    fourth = session.state.groups[3]
    row = overview.row_of(fourth.id)
    rect = overview.visualItemRect(overview.item(row, 0))
    with qtbot.waitSignal(overview.groupActivated) as activated:
        qtbot.mouseClick(overview.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == [fourth.id]
    assert window.current_group_id() == fourth.id
    assert window.wall.key == (fourth.id, window.current_round_id())
    window.groups.select_group(session.state.groups[1].id)  # and the other way round
    assert overview.selectionModel().isRowSelected(overview.row_of(session.state.groups[1].id))


def test_one_group_moves_on_alone_by_button_and_by_menu(qtbot, session):
    window, path = session.window, session.engine.path
    overview = window.run_features.overview
    round_id = window.current_round_id()
    groups = session.state.groups
    button = overview.findChild(QPushButton, f"next-phase-{groups[1].id}")
    assert button.text() == "Naar verzamelen"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _stored_phase(path, round_id, groups[1].id) is Phase.COLLECT,
                    timeout=5000)
    qtbot.waitUntil(lambda: session.state.workshop.active_round_id == round_id, timeout=5000)
    assert all(_stored_phase(path, round_id, g.id) is Phase.PREPARE
               for g in groups if g.id != groups[1].id)
    qtbot.waitUntil(lambda: button.text() == "Naar groeperen", timeout=5000)

    menu = overview.phase_menu(groups[2].id)
    vote = next(a for a in menu.actions() if a.objectName() == "phase-vote")
    vote.trigger()
    qtbot.waitUntil(lambda: _stored_phase(path, round_id, groups[2].id) is Phase.VOTE,
                    timeout=5000)
    assert _stored_phase(path, round_id, groups[1].id) is Phase.COLLECT
    assert _stored_phase(path, round_id, groups[0].id) is Phase.PREPARE
    qtbot.waitUntil(lambda: overview.item(overview.row_of(groups[2].id), COL_PHASE).text()
                    == "Stemmen", timeout=5000)


def test_install_works_without_a_participant_server(qtbot, session):
    from facilitator.ui.projector import ProjectorWindow
    from facilitator.ui.run.overview import OverviewTable

    overview = OverviewTable(session.state, None)
    overview.set_round(session.window.current_round_id())
    assert overview.item(0, COL_LIVE).text() == "–"
    projector = ProjectorWindow(session.state, None, lambda: "127.0.0.1")
    qtbot.addWidget(projector)
    projector.set_mode("join")
    assert projector.views["join"].url.text() == "De deelnemersserver draait niet."
    assert not projector.views["join"].qr.isVisibleTo(projector)
    overview.deleteLater()


def test_keys_are_unambiguous_next_to_the_other_installed_features(qtbot, session):
    from PySide6.QtGui import QAction

    window = session.window
    ours = {"Ctrl+P", "Ctrl+=", "F5", "0", "1", "2", "3", "4", "5"}
    seen: dict[str, int] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            seen[text] = seen.get(text, 0) + 1
    assert all(seen.get(key) == 1 for key in ours), {k: seen.get(k) for k in ours}
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(window.run_features.projector.isVisible, timeout=5000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.state.round(window.current_round_id()).timer_ends_at
                    is not None, timeout=5000)
