"""What may happen in which phase, and the dot-vote rules the server and the engine share."""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.domain.model import Phase, Round


class RuleViolation(ValueError):
    """A command breaks a rule of the workshop; `code` is stable for clients to translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def require_phase(phase: Phase, *allowed: Phase, code: str = "wrong_phase") -> None:
    if phase not in allowed:
        names = ", ".join(p.value for p in allowed)
        raise RuleViolation(code, f"the round is in phase '{phase.value}', not {names}")


# A note written while its round collected may reach the laptop after the group moved on
# (a lift, a weak signal, a phone asleep in a pocket). It is still stored in that round,
# marked late, while the group is grouping and for this long after it left collecting:
# long enough for a phone that lost the Wi-Fi for a while, short enough that the
# facilitator's clustered wall does not keep changing under the vote.
LATE_NOTE_WINDOW_S = 300.0


def late_note_allowed(phase: Phase, left_collecting_at: float | None, now: float) -> bool:
    """May a note written in a collecting round still be stored there, marked late?"""
    return (phase is Phase.GROUP and left_collecting_at is not None
            and now - left_collecting_at <= LATE_NOTE_WINDOW_S)


def check_dots(round_: Round, allocation: Mapping[str, int]) -> None:
    """Validate one participant's whole allocation of dots for a round.

    `allocation` maps an item key ("n12" for a note, "c3" for a cluster) to dots.
    """
    total = 0
    for key, dots in allocation.items():
        if not isinstance(dots, int) or isinstance(dots, bool) or dots < 0:
            raise RuleViolation("bad_dots", f"dots for {key} must be a whole number >= 0")
        if dots > 1 and not round_.multi_dots:
            raise RuleViolation("one_dot_per_item", "this round allows one dot per item")
        total += dots
    if total > round_.dot_budget:
        raise RuleViolation(
            "over_budget", f"{total} dots is more than the budget of {round_.dot_budget}"
        )
