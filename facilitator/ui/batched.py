"""Many cell texts changed at once, told to the view once.

A column sized to its contents re-measures every row on each change it hears of: 30
tables' counts set one by one cost ~12 ms, one notice for all of them ~1.5 ms
(measured offscreen). Only for texts, colours and fonts of existing cells: rows added or
removed must be announced as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QAbstractItemView


@contextmanager
def one_data_change(view: QAbstractItemView) -> Iterator[None]:
    model = view.model()
    was_blocked = model.blockSignals(True)
    try:
        yield
    finally:
        model.blockSignals(was_blocked)
        rows, columns = model.rowCount(), model.columnCount()
        if rows and columns and not was_blocked:
            model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
