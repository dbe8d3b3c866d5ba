"""Phase changes that say what they affect, and the day's next step, driven by keys and
clicks as a facilitator (or a clicker) does. Real engine and window, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from facilitator.domain.model import Phase

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
T = 5000


def _phases(state, round_id: int) -> set[Phase]:
    return {state.phase(round_id, g.id) for g in state.groups}


def test_page_down_moves_the_day_on(qtbot, session) -> None:
    window, state = session.window, session.state
    first, second = state.rounds[0].id, state.rounds[1].id
    for expected in (Phase.COLLECT, Phase.GROUP, Phase.VOTE, Phase.CLOSED):
        qtbot.keyClick(window.wall, Qt.Key.Key_PageDown)  # the clicker
        qtbot.waitUntil(lambda e=expected: _phases(state, first) == {e}, timeout=T)
        assert state.workshop.active_round_id == first
    assert "Ronde 1: alle tafels naar Gesloten" in window.statusBar().currentMessage()
    qtbot.keyClick(window.wall, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: state.workshop.active_round_id == second, timeout=T)
    qtbot.waitUntil(lambda: _phases(state, second) == {Phase.COLLECT}, timeout=T)


def test_a_phase_button_on_another_round_asks_before_pulling_phones_away(qtbot, session) -> None:
    window, state = session.window, session.state
    first, second = state.rounds[0].id, state.rounds[1].id
    window.request_phase(first, Phase.COLLECT)  # round 1 runs
    qtbot.waitUntil(lambda: _phases(state, first) == {Phase.COLLECT}, timeout=T)

    window.round_bar.select_round(second)  # the facilitator looks ahead at round 2
    collect = window.round_bar.phase_button(Phase.COLLECT)
    qtbot.mouseClick(collect, Qt.MouseButton.LeftButton)  # and clicks a phase button
    box = window.day_flow.question
    assert box is not None and box.isVisible()
    assert "Ronde 1 loopt nog" in box.text() and "naar ronde 2" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # stay
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=T)
    assert "Niets veranderd" in window.statusBar().currentMessage()
    assert state.workshop.active_round_id == first
    assert _phases(state, first) == {Phase.COLLECT}
    assert _phases(state, second) == {Phase.PREPARE}

    qtbot.mouseClick(collect, Qt.MouseButton.LeftButton)
    box = window.day_flow.question
    assert box is not None and box.isVisible()
    qtbot.mouseClick(window.day_flow.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: state.workshop.active_round_id == second, timeout=T)
    qtbot.waitUntil(lambda: _phases(state, second) == {Phase.COLLECT}, timeout=T)


def test_a_closed_active_round_hands_over_without_a_question(qtbot, session) -> None:
    window, state = session.window, session.state
    first, second = state.rounds[0].id, state.rounds[1].id
    window.request_phase(first, Phase.COLLECT)
    qtbot.waitUntil(lambda: _phases(state, first) == {Phase.COLLECT}, timeout=T)
    window.request_phase(first, Phase.CLOSED)
    qtbot.waitUntil(lambda: _phases(state, first) == {Phase.CLOSED}, timeout=T)
    window.request_phase(second, Phase.COLLECT)  # after `first` closed: nobody is pulled
    qtbot.waitUntil(lambda: state.workshop.active_round_id == second, timeout=T)
    assert window.day_flow.question is None


def test_one_tables_phase_button_on_another_round_asks_too(qtbot, session) -> None:
    """Every phone follows the active round, so one table's button moves them all."""
    window, state = session.window, session.state
    first, second = state.rounds[0].id, state.rounds[1].id
    window.request_phase(first, Phase.VOTE)
    qtbot.waitUntil(lambda: _phases(state, first) == {Phase.VOTE}, timeout=T)
    window.round_bar.select_round(second)
    table = state.groups[0].id
    window.run_features.overview.phaseRequested.emit(second, table, Phase.COLLECT)
    box = window.day_flow.question
    assert box is not None and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=T)
    assert state.workshop.active_round_id == first
