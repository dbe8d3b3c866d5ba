"""Dot voting from phones: what a group votes on, and a participant's allocation.

Kept apart from api.py because it has its own input shape (item key -> dots) and its own
rules (budget, one dot per item unless the round allows more), which the engine checks
again; here only the JSON is made safe to hand over. Vote totals never go to phones, so
nobody is steered by what others chose.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain.model import Participant, Round
from facilitator.domain.ranking import (
    ItemKind,
    is_item_key,
    item_key,
    vote_key,
)
from facilitator.server.errors import ApiError
from facilitator.store import Reader

MAX_ITEMS = 500
CLUSTER_SAMPLE = 3  # a theme's first notes, shown on the phone on a tap: what it holds


def vote_items_json(
    store: Reader, group_id: int, round_id: int
) -> tuple[tuple[dict[str, Any], ...], bool]:
    """What the group votes on as phones see it, clusters first, at most MAX_ITEMS; and
    whether there were more (a 40,000-note wall once sent 10 MB to every phone).

    Read without reading the wall (issue 17): the clusters, per shown cluster its count
    and first notes, and the first loose notes, each a bounded range of an index; the
    same items, in the same order, as domain.ranking.vote_items over the whole wall.
    """
    clusters = store.clusters(group_id=group_id, round_id=round_id)[: MAX_ITEMS + 1]
    room = MAX_ITEMS - min(len(clusters), MAX_ITEMS)
    loose = store.loose_notes(group_id, round_id, limit=room + 1)
    shown: list[dict[str, Any]] = []
    for cluster in clusters[:MAX_ITEMS]:
        # A theme's first notes: its name says little; the phone shows them on a tap.
        count, sample = store.cluster_notes(cluster.id, group_id, round_id, CLUSTER_SAMPLE)
        shown.append(
            {
                "key": item_key(ItemKind.CLUSTER, cluster.id),
                "kind": "cluster",
                "label": cluster.name,
                "notes": sample,
                "note_count": count,
            }
        )
    for note in loose[:room]:
        shown.append({"key": item_key(ItemKind.NOTE, note.id), "kind": "note", "label": note.text})
    return tuple(shown), len(clusters) + len(loose) > MAX_ITEMS


def vote_json(
    store: Reader,
    round_: Round,
    participant: Participant,
    shared: tuple[dict[str, Any], ...] | None = None,
) -> dict[str, Any]:
    """The items of this group's wall, the budget, and this participant's dots so far.

    `shared`: the group's items already made (views.WallView, built once per change).
    """
    if shared is None:
        shared, _more = vote_items_json(store, participant.group_id, round_.id)
    mine: dict[str, int] = {}
    for vote in store.votes(round_id=round_.id, participant_id=participant.id):
        if vote.dots > 0:
            mine[vote_key(vote)] = vote.dots
    return {
        "items": list(shared),
        "budget": round_.dot_budget,
        "multi": round_.multi_dots,
        "mine": mine,
    }


def parse_dots(data: dict[str, Any]) -> tuple[tuple[str, int], ...]:
    dots = data.get("dots")
    if dots is None:
        raise ApiError(400, "missing_field", "'dots' is required")
    if not isinstance(dots, dict) or len(dots) > MAX_ITEMS:
        raise ApiError(400, "wrong_type", "'dots' must be an object of item key -> dots")
    pairs: list[tuple[str, int]] = []
    for key, value in dots.items():
        if not is_item_key(key):
            raise ApiError(400, "bad_item_key", "item keys look like 'n12' or 'c3'")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 99:
            raise ApiError(400, "wrong_type", "dots must be whole numbers from 0")
        pairs.append((key, value))
    return tuple(pairs)
