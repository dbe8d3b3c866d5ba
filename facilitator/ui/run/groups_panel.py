"""The list of breakout groups at a glance: name, notes on the selected round, phase.

Counts come from the GUI's WorkshopState and are refreshed once per event batch, so a
busy round costs one pass over eight rows per batch, not one per note.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from facilitator.domain.model import Phase
from facilitator.ui.batched import one_data_change
from facilitator.ui.state import WorkshopState

# Marked for lupdate here, translated where shown (phase_label).
PHASE_LABELS = {
    Phase.PREPARE: QT_TRANSLATE_NOOP("Phase", "Voorbereiden"),
    Phase.COLLECT: QT_TRANSLATE_NOOP("Phase", "Verzamelen"),
    Phase.GROUP: QT_TRANSLATE_NOOP("Phase", "Groeperen"),
    Phase.VOTE: QT_TRANSLATE_NOOP("Phase", "Stemmen"),
    Phase.CLOSED: QT_TRANSLATE_NOOP("Phase", "Gesloten"),
}


def phase_label(phase: Phase) -> str:
    label = PHASE_LABELS[phase]
    assert isinstance(label, str)  # QT_TRANSLATE_NOOP returns its text (stubs say object)
    return QCoreApplication.translate("Phase", label)


def _swatch(colour: str) -> QIcon:
    """The group's colour as a small square, so a table card and its row match."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour) if QColor.isValidColorName(colour) else QColor("#f6d365"))
    return QIcon(pixmap)


class GroupsPanel(QTreeWidget):
    """One row per group; item texts are plain text by nature (no markup parsing).

    Signals:
        groupSelected(int): id of the group the facilitator picked.
    """

    groupSelected = Signal(int)

    def __init__(self, state: WorkshopState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._round_id: int | None = None
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Groep"), self.tr("Briefjes"), self.tr("Fase")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.rebuild()
        self.currentItemChanged.connect(self._on_current)

    def rebuild(self) -> None:
        """One row per group of the state, keeping the selection where it can."""
        keep = self.current_group_id()
        self.blockSignals(True)
        self.clear()
        for group in self._state.groups:
            item = QTreeWidgetItem([group.name, "", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, group.id)
            item.setToolTip(0, group.name)  # a long name ends in "…"; the tooltip has it all
            item.setIcon(0, _swatch(group.colour))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.addTopLevelItem(item)
        self.blockSignals(False)
        self.refresh()
        if keep is not None and keep in self.group_ids():
            self.select_group(keep)
        elif self.topLevelItemCount():
            self.setCurrentItem(self._row(0))

    def name_width(self) -> int:
        """The least the name column needs: a swatch and "Tafel 10" (a short table
        name whole; a longer one ends in "…")."""
        text = self.fontMetrics().horizontalAdvance(self.tr("Tafel 10"))
        return text + self.iconSize().width() + 4 * self.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin) + 12

    def minimumSizeHint(self) -> QSize:
        """Never narrower than names, counts and phases side by side: the dock follows
        this, so at 1366x768 (and 125%) the names are not squeezed to nothing."""
        header = self.header()
        columns = sum(max(header.sectionSizeHint(c), self.sizeHintForColumn(c)) for c in (1, 2))
        width = self.name_width() + columns + 2 * self.frameWidth()
        return QSize(width, super().minimumSizeHint().height())

    def group_ids(self) -> list[int]:
        return [self._row(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.topLevelItemCount())]

    def _row(self, index: int) -> QTreeWidgetItem:
        item = self.topLevelItem(index)
        assert item is not None  # index < topLevelItemCount()
        return item

    def current_group_id(self) -> int | None:
        item = self.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def select_group(self, group_id: int) -> None:
        for i in range(self.topLevelItemCount()):
            item = self._row(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == group_id:
                self.setCurrentItem(item)
                return

    def set_round(self, round_id: int | None) -> None:
        self._round_id = round_id
        self.refresh()

    def refresh(self) -> None:
        with one_data_change(self):
            self._refresh_items()

    def _refresh_items(self) -> None:
        for i in range(self.topLevelItemCount()):
            item = self._row(i)
            group_id = item.data(0, Qt.ItemDataRole.UserRole)
            if self._round_id is None:
                _set_text(item, 1, "")
                _set_text(item, 2, "")
                continue
            _set_text(item, 1, str(self._state.note_count(group_id, self._round_id)))
            phase = self._state.phase(self._round_id, group_id)
            _set_text(item, 2, phase_label(phase))

    def _on_current(self, current: QTreeWidgetItem | None,
                    _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.groupSelected.emit(current.data(0, Qt.ItemDataRole.UserRole))


def _set_text(item: QTreeWidgetItem, column: int, text: str) -> None:
    """Only real changes: under load this panel is refreshed for every committed batch."""
    if item.text(column) != text:
        item.setText(column, text)
