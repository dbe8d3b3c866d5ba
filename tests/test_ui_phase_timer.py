"""A timer per phase, driven as a facilitator would: voting's own time is set in the
rounds tab; the phase buttons move the round from collecting to voting, which stops the
collect timer and sets the vote time; closing the round stops its timer. Offscreen, real
engine and participant server, the file read back after each step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import app as app_module
from facilitator.domain.model import Phase
from facilitator.engine import SetActiveRound
from facilitator.store import Store

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)  # offscreen platform
WAIT = 5000


@pytest.fixture
def host(qtbot, workshop_path: Path):
    running = app_module.Host(host="127.0.0.1", port=0)
    running.open(workshop_path)
    window = running.session.window
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    yield running
    running.close()


def _round(path: Path, round_id: int):
    store = Store.open(path, readonly=True)
    try:
        return store.round(round_id)
    finally:
        store.close()


def test_vote_time_is_a_round_setting_and_each_phase_times_its_own(qtbot, host) -> None:
    session = host.session
    window, path = session.window, session.engine.path
    round_id = window.current_round_id()
    session.engine.execute(SetActiveRound(round_id))

    # Prepare: the first round's vote time, typed in the rounds tab (template: 4 min).
    window.preparer.edit_action.trigger()
    editor = window.preparer.editor
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentWidget(editor.rounds_tab)
    rounds = editor.rounds_tab
    rounds.items.list.setCurrentRow(0)
    assert rounds.vote_spin.value() == 4
    rounds.vote_spin.setFocus()
    rounds.vote_spin.selectAll()
    qtbot.keyClicks(rounds.vote_spin, "3")
    qtbot.keyClick(rounds.vote_spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _round(path, round_id).vote_duration_s == 180, timeout=WAIT)
    editor.close()

    bar = window.run_features.timer_bar
    buttons = window.round_bar
    duration = _round(path, round_id).duration_s
    qtbot.mouseClick(buttons.phase_button(Phase.COLLECT), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.phase_label.text() == "Schrijftijd:", timeout=WAIT)
    assert bar.display.text() == f"{duration // 60:02d}:00"
    qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.status.text() == "loopt", timeout=WAIT)
    assert _round(path, round_id).timer_phase is Phase.COLLECT

    # Collect -> vote (through grouping): the collect timer stops, the vote time is set.
    qtbot.mouseClick(buttons.phase_button(Phase.VOTE), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.phase_label.text() == "Stemtijd:", timeout=WAIT)
    stored = _round(path, round_id)
    assert stored.timer_phase is Phase.VOTE
    assert stored.timer_ends_at is None and stored.timer_remaining_s is None
    assert bar.display.text() == "03:00" and bar.status.text() == "nog niet gestart"
    qtbot.mouseClick(bar.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _round(path, round_id).timer_ends_at is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: bar.status.text() == "loopt", timeout=WAIT)
    minutes, seconds = (int(x) for x in bar.display.text().split(":"))
    assert 0 < minutes * 60 + seconds <= 180  # counting down from the vote's time

    # Closing the round stops its timer.
    qtbot.mouseClick(buttons.phase_button(Phase.CLOSED), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _round(path, round_id).timer_ends_at is None, timeout=WAIT)
    stored = _round(path, round_id)
    assert stored.timer_remaining_s is None and stored.timer_phase is None
    qtbot.waitUntil(lambda: bar.status.text() == "nog niet gestart", timeout=WAIT)
    assert bar.phase_label.text() == "Timer:"
