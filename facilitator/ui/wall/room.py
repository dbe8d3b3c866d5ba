"""Room for a frame that grows or is made: what the facilitator placed on the wall (other
frames, notes put down by hand) and the frame would cover moves aside, each to the first
free place on its way, right or down. The places go into the same undo step as the growth
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

# Inside, plain (left, top, right, bottom) tuples: a packed wall of 2,000 notes placed by
# hand is looked through for every thing that moves, and Qt calls cost ~100x a compare.
_Box = tuple[float, float, float, float]


def _box(rect: QRectF) -> _Box:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())


def _over(a: _Box, b: _Box) -> bool:
    """`a`, less its edge, overlaps `b`."""
    return (
        a[0] + EDGE < b[2] and b[0] < a[2] - EDGE and a[1] + EDGE < b[3] and b[1] < a[3] - EDGE
    )


def make_room(grown: QRectF, placed: Mapping[K, QRectF]) -> dict[K, QPointF]:
    """New places for the things in `placed` that lie under `grown`, nearest first.

    Each goes on the way it lies from the frame's corner, right or down, a whole number
    of grid slots, to the first place clear of `grown` and of everything else in
    `placed` (at its new place, if it moved too): a row of frames stays a row, a column
    a column. What does not lie under `grown` stays where it is."""
    frame = _box(grown)
    where = {key: _box(rect) for key, rect in placed.items()}
    in_the_way = sorted(
        (key for key, box in where.items() if _over(box, frame)),
        key=lambda key: (where[key][1], where[key][0]),
    )
    moved: dict[K, QPointF] = {}
    for key in in_the_way:
        box = where[key]
        beside = box[0] - frame[0] >= box[1] - frame[1]
        step = (SLOT_W, 0.0) if beside else (0.0, SLOT_H)
        box = _first_clear(box, step, [frame, *(b for k, b in where.items() if k != key)])
        moved[key] = QPointF(box[0], box[1])
        where[key] = box
    return moved


def _first_clear(box: _Box, step: tuple[float, float], others: list[_Box]) -> _Box:
    dx, dy = step
    # Only what lies along the way can be in it.
    lane = (box[0], box[1], box[2] + _MAX_HOPS * dx, box[3] + _MAX_HOPS * dy)
    others = [other for other in others if _over(lane, other)]
    for _hop in range(_MAX_HOPS):
        box = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
        if not any(_over(box, other) for other in others):
            break
    return box
