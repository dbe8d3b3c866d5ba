"""The round timer's rules, shared by the laptop's timer bar, the projector and tests.

The engine stores only when a running timer ends (`Round.timer_ends_at`) or what was
left when it was paused (`timer_remaining_s`); everything a screen shows is worked out
here from those two fields and a clock. No Qt, no I/O: the GUI calls these four times
a second.

A timer per phase: collecting and voting each have their own time (`Round.duration_s`,
`Round.vote_duration_s`), and the timer says which phase it times (`timer_phase`).
When the last table leaves that phase the timer stops; when tables enter a timed phase
that no timer times yet, the timer is set to that phase's time, ready to start (the
facilitator starts it when the room is ready, as for collecting); a round closed at
every table has no timer. `after_phase_change` is that rule; the engine applies it in
the same transaction as the phase change.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.domain.model import Phase, Round

TIMED_PHASES = (Phase.COLLECT, Phase.VOTE)  # in the order of a round


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


def phase_duration(round_: Round, phase: Phase | None) -> int:
    """The time a phase gets: voting its own, collecting (and an untied timer) the
    round's duration."""
    return round_.vote_duration_s if phase is Phase.VOTE else round_.duration_s


def timer_duration(round_: Round) -> int:
    """What a fresh run of the round's timer lasts: the time of the phase it times."""
    return phase_duration(round_, round_.timer_phase)


def timed_phase(phases: Iterable[Phase]) -> Phase | None:
    """The timed phase of the tables furthest behind (collect before vote); None when
    no table collects or votes."""
    present = set(phases)
    return next((p for p in TIMED_PHASES if p in present), None)


@dataclass(frozen=True, slots=True)
class TimerFields:
    """What the engine stores for a round's timer."""

    phase: Phase | None
    ends_at: float | None
    remaining_s: float | None


def after_phase_change(round_: Round, phases: Iterable[Phase]) -> TimerFields | None:
    """The round's timer once its tables are in `phases` (every table's phase after a
    change); None when the timer stays as it is."""
    present = set(phases)
    current = round_.timer_phase
    if current is not None and current in present:
        return None  # some table still works against it: it keeps running
    wanted = timed_phase(present)
    if wanted is None:
        if current is None:
            closed = bool(present) and present <= {Phase.CLOSED}
            if not (closed and timer_started(round_)):
                return None  # an untied timer (started while preparing) is left alone
        return TimerFields(None, None, None)  # the phase ended, or the round closed
    if current is None and timer_started(round_):
        # Started before the phase began (while preparing): it now times that phase.
        return TimerFields(wanted, round_.timer_ends_at, round_.timer_remaining_s)
    return TimerFields(wanted, None, None)  # the new phase's own time, ready to start


def timer_for_phase(round_: Round, phase: Phase) -> tuple[float | None, float | None]:
    """(ends_at, remaining_s) as a table in `phase` should see them: a timer that times
    another phase is not theirs (a table voting early does not see the others'
    writing time run out)."""
    if round_.timer_phase is not None and round_.timer_phase is not phase:
        return None, None
    return round_.timer_ends_at, round_.timer_remaining_s


def clock_text(round_: Round, now: float) -> str:
    """What the big display says: the phase's time before the start, 00:00 once over."""
    state = timer_state(round_, now)
    if state is TimerState.NOT_STARTED:
        return format_clock(float(timer_duration(round_)))
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
