"""The day's "next step" and when a phase change pulls phones away (domain/flow.py),
without a display."""

from __future__ import annotations

from facilitator.domain.flow import Step, next_step, pulls_phones_away
from facilitator.domain.model import Phase, Round

ROUNDS = [Round(id=10 + i, position=i, question=f"vraag {i}") for i in range(3)]


def test_all_tables_move_one_phase_on() -> None:
    phases = {1: Phase.COLLECT, 2: Phase.COLLECT}
    assert next_step(10, ROUNDS, phases, 10) == Step(10, Phase.GROUP, None)


def test_tables_behind_catch_up_and_those_ahead_stay() -> None:
    phases = {1: Phase.COLLECT, 2: Phase.VOTE, 3: Phase.COLLECT}
    assert next_step(10, ROUNDS, phases, 10) == Step(10, Phase.GROUP, (1, 3))


def test_a_closed_round_hands_over_to_the_next_one() -> None:
    phases = {1: Phase.CLOSED, 2: Phase.CLOSED}
    assert next_step(10, ROUNDS, phases, 10) == Step(11, Phase.COLLECT, None, True)


def test_after_the_last_round_there_is_no_step() -> None:
    assert next_step(12, ROUNDS, {1: Phase.CLOSED}, 12) is None


def test_without_an_active_round_the_round_in_view_starts() -> None:
    assert next_step(None, ROUNDS, {}, 11) == Step(11, Phase.COLLECT, None, True)


def test_making_another_round_active_pulls_phones_only_while_the_active_one_works() -> None:
    working = {1: Phase.CLOSED, 2: Phase.VOTE}
    assert pulls_phones_away(10, 11, Phase.COLLECT, working)
    assert not pulls_phones_away(10, 11, Phase.PREPARE, working)  # preparing: not active
    assert not pulls_phones_away(10, 10, Phase.GROUP, working)  # the same round
    assert not pulls_phones_away(10, 11, Phase.COLLECT, {1: Phase.CLOSED, 2: Phase.PREPARE})
    assert not pulls_phones_away(None, 11, Phase.COLLECT, {})
