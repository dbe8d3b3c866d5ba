"""Dot voting from phones: what a group votes on, and a participant's allocation.

Kept apart from api.py because it has its own input shape (item key -> dots) and its own
rules (budget, one dot per item unless the round allows more), which the engine checks
again; here only the JSON is made safe to hand over. Vote totals never go to phones, so
nobody is steered by what others chose.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain import ranking
from facilitator.domain.model import Participant, Round
from facilitator.domain.ranking import (
    ItemKind,
    is_item_key,
    item_key,
    parse_item_key,
    vote_key,
)
from facilitator.server.errors import ApiError
from facilitator.store import Reader

MAX_ITEMS = 500
CLUSTER_SAMPLE = 3  # a theme's first notes, shown on the phone on a tap: what it holds


def vote_items_json(store: Reader, group_id: int,
                    round_id: int) -> tuple[tuple[dict[str, Any], ...], bool]:
    """What the group votes on as phones see it, clusters first, at most MAX_ITEMS; and
    whether there were more (a 40,000-note wall once sent 10 MB to every phone)."""
    # One read of the wall for both: the items, and a theme's first notes (its name says
    # little; the phone shows them on a tap).
    notes = store.notes(group_id=group_id, round_id=round_id)
    items = ranking.vote_items(store.clusters(group_id=group_id, round_id=round_id), notes)
    samples: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for note in notes:
        if note.cluster_id is None or note.hidden or note.merged_into is not None:
            continue
        key = item_key(ItemKind.CLUSTER, note.cluster_id)
        counts[key] = counts.get(key, 0) + 1
        if len(samples.setdefault(key, [])) < CLUSTER_SAMPLE:
            samples[key].append(note.text)
    shown = tuple(
        {"key": key, "kind": "cluster", "label": label, "notes": samples.get(key, []),
         "note_count": counts.get(key, 0)}
        if parse_item_key(key)[0] is ItemKind.CLUSTER
        else {"key": key, "kind": "note", "label": label}
        for key, label in list(items.items())[:MAX_ITEMS]
    )
    return shown, len(items) > MAX_ITEMS


def vote_json(store: Reader, round_: Round, participant: Participant,
              shared: tuple[dict[str, Any], ...] | None = None) -> dict[str, Any]:
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
