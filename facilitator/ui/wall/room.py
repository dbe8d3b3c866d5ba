"""Room for a frame that grows or is made: what the facilitator placed on the wall (other
frames, notes put down by hand) and the frame would cover moves aside, each to the nearest
free place to the right or below. The places go into the same undo step as the growth
(wall/commands.py), since the wall itself never writes places; notes the grid placed make
way by themselves (WallView._make_way).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QPointF, QRectF

from facilitator.ui.wall.grid import SLOT_H, SLOT_W

K = TypeVar("K", bound=Hashable)

EDGE = 4.0  # neighbours that only touch do not count as lying over each other
_MAX_HOPS = 400  # right or down the wall is empty at last; this is far past any wall


@dataclass(frozen=True)
class Room:
    """Where what is in a frame's way goes: (cluster id, place) and (note id, place)."""

    frames: tuple[tuple[int, QPointF], ...] = ()
    notes: tuple[tuple[int, QPointF], ...] = ()


NO_ROOM = Room()  # nothing in the way

def lies_over(a: QRectF, b: QRectF) -> bool:
    return a.adjusted(EDGE, EDGE, -EDGE, -EDGE).intersects(b)


def make_room(grown: QRectF, placed: Mapping[K, QRectF]) -> dict[K, QPointF]:
    """New places for the things in `placed` that lie under `grown`, nearest first.

    Each goes on the way it lies from the frame's corner, right or down, a whole number
    of grid slots, to the first place clear of `grown` and of everything else in
    `placed` (at its new place, if it moved too): a row of frames stays a row, a column
    a column. What does not lie under `grown` stays where it is."""
    where = dict(placed)
    in_the_way = sorted(
        (key for key, rect in placed.items() if lies_over(rect, grown)),
        key=lambda key: (placed[key].top(), placed[key].left()),
    )
    moved: dict[K, QPointF] = {}
    for key in in_the_way:
        rect = where[key]
        others = [grown, *(r for k, r in where.items() if k != key)]
        beside = rect.left() - grown.left() >= rect.top() - grown.top()
        place = _first_clear(rect, QPointF(SLOT_W, 0) if beside else QPointF(0, SLOT_H), others)
        moved[key] = place
        where[key] = QRectF(place, rect.size())
    return moved


def _first_clear(rect: QRectF, step: QPointF, others: list[QRectF]) -> QPointF:
    place = rect.topLeft()
    for _hop in range(_MAX_HOPS):
        place = place + step
        moved = QRectF(place, rect.size())
        if not any(lies_over(moved, other) for other in others):
            break
    return place
