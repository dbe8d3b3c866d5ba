"""The timer's rules without Qt: what the display says, what the button does, and when
the end is announced (once, and never for a timer that had ended before anyone looked)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.domain.model import Round
from facilitator.domain.timer import (
    EndWatch,
    Press,
    TimerState,
    clock_text,
    format_clock,
    press,
    timer_ended,
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
