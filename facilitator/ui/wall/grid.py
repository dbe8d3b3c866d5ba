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


def folded(text: str) -> str:
    """Text for searching: case and accents ignored ("Één" finds "een")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
