"""The dot-vote result of one round at one table: dots per item, ranked, ties flagged.

One definition shared by the wall, the phones and the report, so all three show the same
order and name the same ties. Items carry the keys the vote rules use ("c3" for a cluster,
"n12" for a note; see rules.check_dots).

What counts as an item: every cluster of the round and group, every note outside a
cluster, and a clustered note that received dots itself. A hidden (moderated) note is no
item and its dots do not count, unless the caller asks for hidden notes. A merged
duplicate is no item either: it lives on as part of the note it was folded into.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from facilitator.domain.model import Cluster, Note, Snapshot, Vote


class ItemKind(StrEnum):
    CLUSTER = "cluster"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class RankedItem:
    """One line of a ranking.

    `rank` is competition ranking (1, 2, 2, 4): items with equal dots share a rank.
    `tied` is True when another item has the same number of dots and that number is
    above zero (a shared zero is no result worth flagging).
    """

    key: str
    kind: ItemKind
    item_id: int
    label: str
    dots: int
    rank: int
    tied: bool


def item_key(kind: ItemKind, item_id: int) -> str:
    """The one spelling of a vote item's key: "c3" for cluster 3, "n12" for note 12."""
    return f"{'c' if kind is ItemKind.CLUSTER else 'n'}{item_id}"


_KEY = re.compile(r"([cn])([0-9]{1,12})")


def parse_item_key(key: str) -> tuple[ItemKind, int]:
    """The kind and id an item key names; ValueError for anything else."""
    match = _KEY.fullmatch(key)
    if match is None:
        raise ValueError(f"not a vote item key: {key!r}")
    kind = ItemKind.CLUSTER if match[1] == "c" else ItemKind.NOTE
    return kind, int(match[2])


def is_item_key(key: str) -> bool:
    return _KEY.fullmatch(key) is not None


def vote_key(vote: Vote) -> str:
    """The item a stored vote is for."""
    if vote.cluster_id is not None:
        return item_key(ItemKind.CLUSTER, vote.cluster_id)
    assert vote.note_id is not None
    return item_key(ItemKind.NOTE, vote.note_id)


def vote_items(clusters: Iterable[Cluster], notes: Iterable[Note]) -> dict[str, str]:
    """What one wall votes on: its clusters, plus the notes in no cluster (key -> label).

    Hidden and merged notes are not items; a merged duplicate counts for its original.
    """
    items = {item_key(ItemKind.CLUSTER, cl.id): cl.name for cl in clusters}
    for note in notes:
        if note.cluster_id is None and not note.hidden and note.merged_into is None:
            items[item_key(ItemKind.NOTE, note.id)] = note.text
    return items


def dots_per_item(votes: Iterable[Vote], round_id: int) -> Counter[str]:
    """Dots per item key for one round, over every group (keys are unique ids anyway)."""
    counts: Counter[str] = Counter()
    for vote in votes:
        if vote.round_id != round_id or vote.dots <= 0:
            continue
        if vote.cluster_id is not None or vote.note_id is not None:
            counts[vote_key(vote)] += vote.dots
    return counts


def rank(
    snapshot: Snapshot,
    round_id: int,
    group_id: int,
    *,
    include_hidden: bool = False,
    dots: Counter[str] | None = None,
) -> list[RankedItem]:
    """The ranking for one round and group, most dots first.

    Equal dots keep a stable order (clusters before loose notes, then by id), so the
    wall and the report never disagree about which tied item is printed first.
    `dots` may be passed in when ranking many groups of one round, to count votes once.
    """
    counts = dots if dots is not None else dots_per_item(snapshot.votes, round_id)
    candidates: list[tuple[ItemKind, int, str]] = [
        (ItemKind.CLUSTER, c.id, c.name)
        for c in snapshot.clusters
        if c.round_id == round_id and c.group_id == group_id
    ]
    cluster_ids = {item_id for _, item_id, _ in candidates}
    for note in snapshot.notes:
        if note.round_id != round_id or note.group_id != group_id:
            continue
        if (note.hidden and not include_hidden) or note.merged_into is not None:
            continue
        in_cluster = note.cluster_id is not None and note.cluster_id in cluster_ids
        if not in_cluster or counts.get(item_key(ItemKind.NOTE, note.id), 0) > 0:
            candidates.append((ItemKind.NOTE, note.id, note.text))
    return ranked(
        [
            (kind, item_id, label, counts.get(item_key(kind, item_id), 0))
            for kind, item_id, label in candidates
        ]
    )


def ranked(items: Sequence[tuple[ItemKind, int, str, int]]) -> list[RankedItem]:
    """Order (kind, id, label, dots) tuples and assign ranks and tie flags."""
    order = sorted(items, key=lambda i: (-i[3], i[0] is not ItemKind.CLUSTER, i[1]))
    per_count = Counter(i[3] for i in order)
    result: list[RankedItem] = []
    for position, (kind, item_id, label, dots) in enumerate(order):
        shared_rank = result[-1].rank if result and result[-1].dots == dots else position + 1
        result.append(
            RankedItem(
                key=item_key(kind, item_id),
                kind=kind,
                item_id=item_id,
                label=label,
                dots=dots,
                rank=shared_rank,
                tied=dots > 0 and per_count[dots] > 1,
            )
        )
    return result


def top(ranking: Sequence[RankedItem], n: int = 3) -> list[RankedItem]:
    """The items ranked n or better that got any dots; a tie at place n keeps all tied."""
    return [item for item in ranking if item.dots > 0 and item.rank <= n]


def ties(ranking: Sequence[RankedItem]) -> list[list[RankedItem]]:
    """Groups of two or more items that share a rank with dots above zero."""
    groups: dict[int, list[RankedItem]] = {}
    for item in ranking:
        if item.tied:
            groups.setdefault(item.rank, []).append(item)
    return list(groups.values())
