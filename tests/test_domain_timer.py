"""The timer's rules without Qt: what the display says, what the button does, and when
the end is announced (once, and never for a timer that had ended before anyone looked)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.domain.model import Phase, Round
from facilitator.domain.timer import (
    EndWatch,
    Press,
    TimerFields,
    TimerState,
    after_phase_change,
    clock_text,
    format_clock,
    phase_duration,
    press,
    timed_phase,
    timer_duration,
    timer_ended,
    timer_for_phase,
    timer_state,
)

FRESH = Round(1, 0, "Vraag", duration_s=600)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (None, "--:--"),
        (0, "00:00"),
        (0.2, "00:01"),
        (59.01, "01:00"),
        (600, "10:00"),
        (-5, "00:00"),
        (3599.5, "60:00"),
    ],
)
def test_clock_rounds_up_so_zero_means_over(seconds: float | None, shown: str) -> None:
    assert format_clock(seconds) == shown


def test_states_text_and_button_through_a_run() -> None:
    assert timer_state(FRESH, 0) is TimerState.NOT_STARTED
    assert (clock_text(FRESH, 0), press(FRESH, 0)) == ("10:00", Press.START)
    running = replace(FRESH, timer_ends_at=100.0)
    assert timer_state(running, 40) is TimerState.RUNNING
    assert (clock_text(running, 40), press(running, 40)) == ("01:00", Press.PAUSE)
    paused = replace(FRESH, timer_remaining_s=30.0)
    assert timer_state(paused, 999) is TimerState.PAUSED
    assert (clock_text(paused, 999), press(paused, 999)) == ("00:30", Press.START)
    assert timer_state(running, 100) is TimerState.ENDED
    assert (clock_text(running, 250), press(running, 250)) == ("00:00", Press.RESTART)
    at_zero = replace(FRESH, timer_remaining_s=0.0)
    assert timer_ended(at_zero, 0) and press(at_zero, 0) is Press.RESTART
    assert not timer_ended(None, 0)


def test_the_end_is_announced_once_and_only_for_a_run_that_was_seen() -> None:
    running = replace(FRESH, timer_ends_at=100.0)
    watch = EndWatch()
    assert not watch.reached_zero(running, 99)
    assert watch.reached_zero(running, 100)
    assert not watch.reached_zero(running, 101)  # once
    opened_late = EndWatch()
    assert not opened_late.reached_zero(running, 500)  # ended before anyone looked
    other = EndWatch()
    assert not other.reached_zero(running, 50)
    assert not other.reached_zero(replace(running, id=2, timer_ends_at=10.0), 60)
    paused_then_over = EndWatch()
    assert not paused_then_over.reached_zero(running, 50)
    assert not paused_then_over.reached_zero(replace(FRESH, timer_remaining_s=50.0), 51)


# -- a timer per phase ----------------------------------------------------------------

COLLECT, GROUP, VOTE, CLOSED, PREPARE = (
    Phase.COLLECT, Phase.GROUP, Phase.VOTE, Phase.CLOSED, Phase.PREPARE)
TIMED = replace(FRESH, duration_s=600, vote_duration_s=180)


def test_each_phase_has_its_own_time() -> None:
    assert phase_duration(TIMED, COLLECT) == 600
    assert phase_duration(TIMED, VOTE) == 180
    assert clock_text(replace(TIMED, timer_phase=VOTE), 0) == "03:00"
    assert clock_text(replace(TIMED, timer_phase=COLLECT), 0) == "10:00"
    assert timer_duration(TIMED) == 600  # an untied timer counts the round's duration
    assert timed_phase([GROUP, VOTE, COLLECT]) is COLLECT
    assert timed_phase([GROUP, VOTE, CLOSED]) is VOTE
    assert timed_phase([GROUP, PREPARE]) is None


def test_starting_to_collect_sets_the_collect_time_ready_to_start() -> None:
    assert after_phase_change(TIMED, [COLLECT, COLLECT]) == TimerFields(COLLECT, None, None)


def test_moving_collect_to_vote_stops_the_collect_timer_and_sets_the_vote_time() -> None:
    running = replace(TIMED, timer_phase=COLLECT, timer_ends_at=500.0)
    # One table votes early: the others still write against the collect timer.
    assert after_phase_change(running, [VOTE, COLLECT]) is None
    # The last table leaves collecting: the collect timer stops, the vote time is set.
    assert after_phase_change(running, [VOTE, VOTE]) == TimerFields(VOTE, None, None)
    # Through grouping: stopped there, set when voting starts.
    assert after_phase_change(running, [GROUP, GROUP]) == TimerFields(None, None, None)
    assert after_phase_change(TIMED, [VOTE, GROUP]) == TimerFields(VOTE, None, None)


def test_a_closed_round_stops_its_timer() -> None:
    voting = replace(TIMED, timer_phase=VOTE, timer_ends_at=900.0)
    assert after_phase_change(voting, [CLOSED, VOTE]) is None  # one table still votes
    assert after_phase_change(voting, [CLOSED, CLOSED]) == TimerFields(None, None, None)
    paused = replace(TIMED, timer_phase=VOTE, timer_remaining_s=40.0)
    assert after_phase_change(paused, [CLOSED]) == TimerFields(None, None, None)
    untied = replace(TIMED, timer_ends_at=900.0)  # started while preparing
    assert after_phase_change(untied, [CLOSED, CLOSED]) == TimerFields(None, None, None)
    assert after_phase_change(TIMED, [CLOSED]) is None  # nothing to stop


def test_a_timer_started_while_preparing_times_the_phase_that_begins() -> None:
    early = replace(TIMED, timer_ends_at=700.0)
    assert after_phase_change(early, [PREPARE, PREPARE]) is None
    assert after_phase_change(early, [COLLECT, PREPARE]) == TimerFields(COLLECT, 700.0, None)


def test_a_table_sees_only_the_timer_of_its_own_phase() -> None:
    running = replace(TIMED, timer_phase=COLLECT, timer_ends_at=500.0)
    assert timer_for_phase(running, COLLECT) == (500.0, None)
    assert timer_for_phase(running, VOTE) == (None, None)
    assert timer_for_phase(replace(TIMED, timer_ends_at=5.0), VOTE) == (5.0, None)
