"""Who sees whose notes, and the one spelling of vote item keys: domain rules, no I/O."""

from __future__ import annotations

from dataclasses import replace

import pytest

from facilitator.domain import sharing
from facilitator.domain.model import Cluster, Note, Phase, Round, Visibility, Vote
from facilitator.domain.ranking import (
    ItemKind,
    is_item_key,
    item_key,
    parse_item_key,
    vote_items,
    vote_key,
)

VISIBLE = Round(1, 0, "Vraag", visibility=Visibility.VISIBLE)
SILENT = Round(1, 0, "Vraag", visibility=Visibility.HIDDEN)


def _note(id_: int, author: int | None, **kw: object) -> Note:
    return replace(Note(id_, 1, 1, f"n{id_}", author, None, 0.0, 0.0), **kw)  # type: ignore[arg-type]


NOTES = [
    _note(1, 7),
    _note(2, 8),
    _note(3, 8, hidden=True),
    _note(4, 8, merged_into=2),
    _note(5, 7, hidden=True),
    _note(6, None, is_paper=True),
]


@pytest.mark.parametrize("phase", list(Phase))
def test_a_visible_round_shows_others_at_once(phase: Phase) -> None:
    assert sharing.others_shown(VISIBLE, phase)
    assert [n.id for n in sharing.others(NOTES, 7, VISIBLE, phase)] == [2, 6]


@pytest.mark.parametrize(
    ("phase", "shown"),
    [
        (Phase.PREPARE, False),
        (Phase.COLLECT, False),
        (Phase.GROUP, True),
        (Phase.VOTE, True),
        (Phase.CLOSED, True),
    ],
)
def test_a_silent_round_shows_others_only_after_the_reveal(phase: Phase, shown: bool) -> None:
    assert sharing.others_shown(SILENT, phase) is shown
    assert bool(sharing.others(NOTES, 7, SILENT, phase)) is shown


def test_own_notes_always_moderated_ones_never() -> None:
    assert [n.id for n in sharing.mine(NOTES, 7)] == [1]  # 5 is hidden, even from its author
    assert [n.id for n in sharing.on_phones(NOTES)] == [1, 2, 4, 6]


def test_item_keys_have_one_spelling_both_ways() -> None:
    assert item_key(ItemKind.NOTE, 12) == "n12" and item_key(ItemKind.CLUSTER, 3) == "c3"
    assert parse_item_key("n12") == (ItemKind.NOTE, 12)
    assert parse_item_key("c3") == (ItemKind.CLUSTER, 3)
    for bad in ("", "x1", "n", "c-1", "n1 ", "N1", "n1234567890123"):
        assert not is_item_key(bad)
        with pytest.raises(ValueError):
            parse_item_key(bad)
    assert vote_key(Vote(1, 1, 12, None, 2)) == "n12"
    assert vote_key(Vote(1, 1, None, 3, 1)) == "c3"


def test_vote_items_are_clusters_and_loose_shown_unmerged_notes() -> None:
    clustered = _note(9, 7, cluster_id=4)
    items = vote_items([Cluster(4, 1, 1, "Taal")], [*NOTES, clustered])
    assert items == {"c4": "Taal", "n1": "n1", "n2": "n2", "n6": "n6"}
