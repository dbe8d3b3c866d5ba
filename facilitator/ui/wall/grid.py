"""The wall's grid of free places: which slots a note or a cluster frame covers, so a
note arriving live takes a place nothing else holds. Pure geometry, no items.

A tall note (note_item: `rows` slots of one column) holds every slot it covers; a free
place for it is the first run of that many free slots, one under the other."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Container

from PySide6.QtCore import QPointF, QRectF

from facilitator.ui.wall.note_item import GAP, NOTE_H, NOTE_W

__all__ = [
    "COLUMNS",
    "GAP",
    "MIN_COLUMNS",
    "SLOT_H",
    "SLOT_W",
    "SlotGrid",
    "first_free_run",
    "folded",
    "slot_pos",
    "slots_under",
]

COLUMNS = 8  # at most; a narrow wall uses fewer (WallView.set_columns)
MIN_COLUMNS = 2
SLOT_W = NOTE_W + GAP
SLOT_H = NOTE_H + GAP


def slot_pos(slot: int, columns: int = COLUMNS) -> QPointF:
    return QPointF((slot % columns) * SLOT_W, (slot // columns) * SLOT_H)


def slots_under(
    pos: QPointF, width: float = NOTE_W, height: float = NOTE_H, columns: int = COLUMNS
) -> set[int]:
    """Grid slots a rectangle at `pos` overlaps; only slots inside the grid's columns
    (fewer than COLUMNS on a narrow wall, so its notes stay readable: wall/view.py)."""
    area = QRectF(pos.x(), pos.y(), width, height)
    first_col = max(0, math.floor(pos.x() / SLOT_W))
    first_row = max(0, math.floor(pos.y() / SLOT_H))
    covered = set()
    for row in range(first_row, math.floor((pos.y() + height) / SLOT_H) + 1):
        for col in range(first_col, min(columns, math.floor((pos.x() + width) / SLOT_W) + 1)):
            slot_rect = QRectF(col * SLOT_W, row * SLOT_H, NOTE_W, NOTE_H)
            if slot_rect.intersects(area):
                covered.add(row * columns + col)
    return covered


def first_free_run(start: int, rows: int, columns: int, held: Container[int]) -> int:
    """The lowest slot from `start` on that is free with the `rows - 1` slots under it
    (same column, the rows below): where a note `rows` slots tall can go. Rows below the
    wall's last note are all free, so there always is one."""
    slot = start
    while any(slot + k * columns in held for k in range(rows)):
        slot += 1
    return slot


class SlotGrid:
    """Which slots are held, and by whom: a note's id, or minus a frame's cluster id.

    A holder covers a set of slots (`book` replaces what it covered before). Every slot
    below the cursor is held, so the next free place is looked for from there, not from
    0: a live note costs the same on a wall of 20 or 2,000 notes."""

    def __init__(self, columns: int = COLUMNS) -> None:
        self.columns = columns
        self._holders: dict[int, set[int]] = {}  # slot -> holders
        self._covers: dict[int, set[int]] = {}  # holder -> slots
        self._cursor = 0

    def reset(self, columns: int) -> None:
        """Nothing held, in `columns` columns (a new wall, or the wall re-flowed)."""
        self.columns = columns
        self._holders.clear()
        self._covers.clear()
        self._cursor = 0

    def under(self, pos: QPointF, width: float = NOTE_W, height: float = NOTE_H) -> set[int]:
        return slots_under(pos, width, height, columns=self.columns)

    def book(self, holder: int, covered: set[int]) -> None:
        self.release(holder)
        self._covers[holder] = covered
        for slot in covered:
            self._holders.setdefault(slot, set()).add(holder)

    def release(self, holder: int) -> None:
        for slot in self._covers.pop(holder, ()):
            holders = self._holders.get(slot)
            if holders is not None:
                holders.discard(holder)
                if not holders:
                    del self._holders[slot]
                    self._cursor = min(self._cursor, slot)

    def holds(self, holder: int) -> bool:
        """`holder` has slots booked (a note the grid or the facilitator placed)."""
        return holder in self._covers

    def holders(self, covered: set[int]) -> set[int]:
        """Everything holding one of these slots."""
        return {h for slot in covered for h in self._holders.get(slot, ())}

    def free_pos(self, rows: int = 1) -> QPointF:
        """The lowest slot nothing holds with `rows - 1` free slots under it."""
        slot = self._cursor
        while slot in self._holders:
            slot += 1
        self._cursor = slot
        if rows > 1:
            slot = first_free_run(slot, rows, self.columns, self._holders)
        return slot_pos(slot, self.columns)


def folded(text: str) -> str:
    """Text for searching: case and accents ignored ("Één" finds "een")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
