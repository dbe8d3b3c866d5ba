"""How the day moves on: the "next step" a facilitator (or a clicker's Page Down) takes,
and when a phase change would pull phones away from what they are doing.

Kept here, Qt-free, so the rule is one and tested without a display; the window asks it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from facilitator.domain.model import Phase, Round

ORDER: tuple[Phase, ...] = tuple(Phase)  # prepare, collect, group, vote, closed
WORKING = (Phase.COLLECT, Phase.GROUP, Phase.VOTE)  # phones are busy in these


@dataclass(frozen=True, slots=True)
class Step:
    """Set `phase` on `round_id` for `groups` (None: every table); `new_round` when the
    step makes another round the active one."""

    round_id: int
    phase: Phase
    groups: tuple[int, ...] | None
    new_round: bool = False


def next_step(
    active_round_id: int | None,
    rounds: Sequence[Round],
    phases: Mapping[int, Phase],
    round_in_view: int | None,
) -> Step | None:
    """The active round's tables move one phase on, counted from the table furthest
    behind (tables already past it stay where they are); when every table has closed the
    round, the next round starts collecting. Without an active round, the round in view
    starts. None when the last round is closed (nothing left to do)."""
    if active_round_id is None:
        return None if round_in_view is None else Step(round_in_view, Phase.COLLECT, None, True)
    if not phases:
        return None
    lowest = min(phases.values(), key=ORDER.index)
    if lowest is not Phase.CLOSED:
        target = ORDER[ORDER.index(lowest) + 1]
        behind = tuple(g for g, p in phases.items() if ORDER.index(p) < ORDER.index(target))
        return Step(active_round_id, target, None if len(behind) == len(phases) else behind)
    ordered = sorted(rounds, key=lambda r: r.position)
    later = [r for r in ordered if r.position > _position(ordered, active_round_id)]
    return Step(later[0].id, Phase.COLLECT, None, True) if later else None


def _position(rounds: Sequence[Round], round_id: int) -> int:
    return next((r.position for r in rounds if r.id == round_id), -1)


def pulls_phones_away(
    active_round_id: int | None,
    requested_round_id: int,
    phase: Phase,
    active_phases: Mapping[int, Phase],
) -> bool:
    """True when asking `phase` for `requested_round_id` (any table) would take phones
    out of work in the active round: it makes another round active (phones only ever
    see the active round) while a table of the active round is still collecting,
    grouping or voting."""
    if phase is Phase.PREPARE or active_round_id in (None, requested_round_id):
        return False
    return any(p in WORKING for p in active_phases.values())
