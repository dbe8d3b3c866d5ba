"""The dot-vote ranking shared by wall, phones and report: order, ranks, ties."""

from __future__ import annotations

from facilitator.domain.model import (
    Cluster,
    Group,
    Note,
    Round,
    Snapshot,
    Vote,
    Workshop,
)
from facilitator.domain.ranking import ItemKind, dots_per_item, rank, ranked, ties, top


def _note(
    note_id: int,
    *,
    group: int = 1,
    round_: int = 1,
    cluster: int | None = None,
    hidden: bool = False,
) -> Note:
    return Note(
        note_id,
        group,
        round_,
        f"note {note_id}",
        None,
        None,
        0.0,
        0.0,
        hidden=hidden,
        cluster_id=cluster,
    )


def _snapshot(votes: list[Vote], notes: list[Note], clusters: list[Cluster]) -> Snapshot:
    return Snapshot(
        workshop=Workshop("w"),
        groups=(Group(1, "A", "AAAAAA", 0), Group(2, "B", "BBBBBB", 1)),
        rounds=(Round(1, 0, "q1"), Round(2, 1, "q2")),
        participants=(),
        notes=tuple(notes),
        clusters=tuple(clusters),
        votes=tuple(votes),
    )


def test_order_by_dots_with_competition_ranks_and_ties() -> None:
    clusters = [
        Cluster(10, 1, 1, "Jeugd"),
        Cluster(11, 1, 1, "Collectie"),
        Cluster(12, 1, 1, "Data"),
        Cluster(13, 1, 1, "Leeg"),
    ]
    notes = [_note(1, cluster=10), _note(2, cluster=11), _note(3), _note(4, cluster=12)]
    votes = [
        Vote(1, 1, None, 10, 2),
        Vote(2, 1, None, 10, 1),
        Vote(1, 1, None, 11, 1),
        Vote(3, 1, 3, None, 1),
        Vote(3, 1, None, 12, 2),
    ]
    result = rank(_snapshot(votes, notes, clusters), 1, 1)
    assert [(i.key, i.dots, i.rank, i.tied) for i in result] == [
        ("c10", 3, 1, False),
        ("c12", 2, 2, False),
        ("c11", 1, 3, True),  # cluster before the note it ties with
        ("n3", 1, 3, True),
        ("c13", 0, 5, False),  # a shared zero is not flagged as a tie
    ]
    assert result[0].label == "Jeugd" and result[0].kind is ItemKind.CLUSTER
    assert [[i.key for i in group] for group in ties(result)] == [["c11", "n3"]]


def test_top_keeps_every_item_tied_at_the_last_place() -> None:
    items = [
        (ItemKind.CLUSTER, 1, "a", 5),
        (ItemKind.CLUSTER, 2, "b", 4),
        (ItemKind.CLUSTER, 3, "c", 3),
        (ItemKind.NOTE, 4, "d", 3),
        (ItemKind.NOTE, 5, "e", 1),
    ]
    assert [i.label for i in top(ranked(items), 3)] == ["a", "b", "c", "d"]
    assert top(ranked([(ItemKind.NOTE, 1, "x", 0)]), 3) == []


def test_votes_of_other_rounds_and_groups_do_not_count() -> None:
    clusters = [Cluster(10, 1, 1, "mine"), Cluster(20, 2, 1, "theirs"), Cluster(30, 1, 2, "later")]
    votes = [Vote(1, 1, None, 10, 1), Vote(2, 1, None, 20, 3), Vote(1, 2, None, 30, 2)]
    result = rank(_snapshot(votes, [], clusters), 1, 1)
    assert [(i.key, i.dots) for i in result] == [("c10", 1)]
    assert dots_per_item(votes, 2) == {"c30": 2}


def test_hidden_notes_are_no_items_unless_asked() -> None:
    notes = [_note(1), _note(2, hidden=True)]
    votes = [Vote(1, 1, 2, None, 3), Vote(1, 1, 1, None, 1)]
    snapshot = _snapshot(votes, notes, [])
    assert [i.key for i in rank(snapshot, 1, 1)] == ["n1"]
    assert [i.key for i in rank(snapshot, 1, 1, include_hidden=True)] == ["n2", "n1"]


def test_clustered_note_is_an_item_only_when_it_got_dots_itself() -> None:
    clusters = [Cluster(10, 1, 1, "Jeugd")]
    notes = [_note(1, cluster=10), _note(2, cluster=10)]
    votes = [Vote(1, 1, 2, None, 1)]
    keys = [i.key for i in rank(_snapshot(votes, notes, clusters), 1, 1)]
    assert keys == ["n2", "c10"]
