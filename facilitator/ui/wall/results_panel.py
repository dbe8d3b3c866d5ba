"""The dot vote's outcome for the wall shown: place, item, dots, and a visible "gelijk"
where items share a place. Computed by WorkshopState.ranking, which is the same
definition the report uses, so the wall, the projector and the verslag agree."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.ranking import ItemKind, RankedItem

_TIE = QColor("#fff3bf")


class ResultsPanel(QWidget):
    """Ranking table for one group and round. No signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Plaats"), self.tr("Cluster of briefje"), self.tr("Stippen"), ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self._shown: tuple[tuple[RankedItem, ...], int] | None = None

    def show_ranking(self, ranking: Sequence[RankedItem], voters: int) -> None:
        """Only items with dots are listed; an unchanged ranking is not redrawn."""
        rows = [r for r in ranking if r.dots > 0]
        key = (tuple(rows), voters)
        if key == self._shown:
            return
        self._shown = key
        dots = sum(r.dots for r in rows)
        self.summary.setText(
            self.tr("Nog geen stippen.") if not rows else
            self.tr("{dots} stippen van {voters} deelnemers").format(dots=dots, voters=voters))
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            label = item.label if item.kind is ItemKind.NOTE else f"▣ {item.label}"
            cells = [f"{item.rank}.", label, f"● {item.dots}",
                     self.tr("gelijk") if item.tied else ""]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)  # plain text, never markup
                if col in (0, 2):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if item.tied:
                    cell.setBackground(_TIE)
                    if col == 3:
                        cell.setToolTip(self.tr("Evenveel stippen als een ander item"))
                self.table.setItem(row, col, cell)
        self.table.resizeRowsToContents()

    def rows(self) -> list[list[str]]:
        """What the table shows, cell by cell (for tests and the projector)."""
        return [[_text(self.table.item(r, c)) for c in range(4)]
                for r in range(self.table.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()
