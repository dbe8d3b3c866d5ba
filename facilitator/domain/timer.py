"""The round timer's rules, shared by the laptop's timer bar, the projector and tests.

The engine stores only when a running timer ends (`Round.timer_ends_at`) or what was
left when it was paused (`timer_remaining_s`); everything a screen shows is worked out
here from those two fields and a clock. No Qt, no I/O: the GUI calls these four times
a second.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from facilitator.domain.model import Round


class TimerState(enum.StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"  # started, nothing left (running past its end, or paused at zero)


class Press(enum.StrEnum):
    """What the one start/pause button (or the space bar) means right now."""

    PAUSE = "pause"
    START = "start"  # start, or resume what was left
    RESTART = "restart"  # the time is up: a fresh run of the round's duration


def format_clock(seconds: float | None) -> str:
    """mm:ss, rounded up so "00:00" appears only when the time is really up."""
    if seconds is None:
        return "--:--"
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def timer_started(round_: Round | None) -> bool:
    return round_ is not None and (
        round_.timer_ends_at is not None or round_.timer_remaining_s is not None
    )


def timer_running(round_: Round | None) -> bool:
    return round_ is not None and round_.timer_ends_at is not None


def timer_ended(round_: Round | None, now: float) -> bool:
    """A started timer with nothing left (running past its end, or paused at zero)."""
    if round_ is None or not timer_started(round_):
        return False
    left = round_.seconds_left(now)
    return left is not None and left <= 0.0


def timer_state(round_: Round, now: float) -> TimerState:
    if not timer_started(round_):
        return TimerState.NOT_STARTED
    if timer_ended(round_, now):
        return TimerState.ENDED
    return TimerState.RUNNING if timer_running(round_) else TimerState.PAUSED


def clock_text(round_: Round, now: float) -> str:
    """What the big display says: the full duration before the start, 00:00 once over."""
    state = timer_state(round_, now)
    if state is TimerState.NOT_STARTED:
        return format_clock(float(round_.duration_s))
    if state is TimerState.ENDED:
        return "00:00"
    return format_clock(round_.seconds_left(now))


def press(round_: Round, now: float) -> Press:
    state = timer_state(round_, now)
    if state is TimerState.RUNNING:
        return Press.PAUSE
    return Press.RESTART if state is TimerState.ENDED else Press.START


@dataclass(slots=True)
class EndWatch:
    """Says once when a timer seen running with time left reaches zero; a timer that had
    already ended when the watch first looked stays quiet (no beep on opening a file)."""

    _running: tuple[int, float | None] | None = None  # (round id, ends_at) last seen

    def reached_zero(self, round_: Round, now: float) -> bool:
        state = timer_state(round_, now)
        if state is TimerState.RUNNING:
            self._running = (round_.id, round_.timer_ends_at)
            return False
        seen, self._running = self._running, None
        return state is TimerState.ENDED and seen is not None and seen[0] == round_.id
