"""All groups at a glance for the round shown: phones, notes, votes, last activity, phase.

Why a table of its own: with eight tables writing at once the facilitator must see where
notes are still coming in and which table lags behind, without opening every wall. Rows
whose wall got a note in the last half minute are highlighted. Counts are cheap reads
from WorkshopState, refreshed once per event batch; a one-second QTimer refreshes the
relative times ("2 min geleden") and the live phone counts (ParticipantServer's
connected_count is an in-memory count).

A row's button and its context menu move just that group to another phase; the round
bar's buttons move every group.

Signals:
    groupActivated(int): the group the facilitator clicked (open its wall).
    phaseRequested(int, int, object): round id, group id and the Phase asked for, for
        that one group.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from facilitator.domain.clock import steady_time
from facilitator.domain.model import Phase
from facilitator.engine import Event, NoteAdded
from facilitator.ui.batched import one_data_change
from facilitator.ui.run.groups_panel import phase_label
from facilitator.ui.state import WorkshopState

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

ACTIVE_WINDOW_S = 30.0
REFRESH_GAP_MS = 250  # a table people read: 4 refreshes a second is plenty under load
_ACTIVE = QColor("#d3f9d8")  # soft green: notes still arriving
_PHASES = list(Phase)

COL_GROUP, COL_LIVE, COL_JOINED, COL_NOTES, COL_VOTERS, COL_DOTS, COL_ACTIVITY, COL_PHASE, \
    COL_NEXT = range(9)


def next_phase(phase: Phase) -> Phase | None:
    index = _PHASES.index(phase)
    return _PHASES[index + 1] if index + 1 < len(_PHASES) else None


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour) if QColor.isValidColorName(colour) else QColor("#f6d365"))
    return QIcon(pixmap)


class OverviewTable(QTableWidget):
    """One row per group of the state for the round set with set_round()."""

    groupActivated = Signal(int)
    phaseRequested = Signal(int, int, object)

    def __init__(self, state: WorkshopState, server: ParticipantServer | None = None,
                 clock: Callable[[], float] = steady_time,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._server = server
        self.clock = clock
        self._round_id: int | None = None
        self._last_note: dict[tuple[int, int], float] = {}  # (group, round) -> created_at
        self._scanned: set[int] = set()  # rounds whose walls were scanned for last notes
        self.setColumnCount(9)
        self.setHorizontalHeaderLabels([
            self.tr("Groep"), self.tr("Nu verbonden"), self.tr("Aangemeld"),
            self.tr("Briefjes"), self.tr("Stemmers"), self.tr("Stippen"),
            self.tr("Laatste activiteit"), self.tr("Fase"), self.tr("Alleen deze groep"),
        ])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_GROUP, QHeaderView.ResizeMode.Stretch)
        self.cellClicked.connect(self._on_clicked)
        state.applied.connect(self._on_applied)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        # Under load every committed batch would redraw all rows (300 phones: ~100 a
        # second); the first change shows at once, the rest in one refresh a gap later.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REFRESH_GAP_MS)
        self._soon.timeout.connect(self.refresh)
        self._refreshed_at = 0.0
        self.rebuild()

    # -- public -------------------------------------------------------------------------

    def set_round(self, round_id: int | None) -> None:
        self._round_id = round_id
        self.refresh()

    def round_id(self) -> int | None:
        return self._round_id

    def group_ids(self) -> list[int]:
        return [self._cell(r, COL_GROUP).data(Qt.ItemDataRole.UserRole)
                for r in range(self.rowCount())]

    def _cell(self, row: int, col: int) -> QTableWidgetItem:
        item = self.item(row, col)
        assert item is not None  # every cell gets an item when the row is built
        return item

    def row_of(self, group_id: int) -> int:
        return self.group_ids().index(group_id)

    def is_active(self, group_id: int) -> bool:
        """Did this group's wall get a note in the last ACTIVE_WINDOW_S seconds?"""
        if self._round_id is None:
            return False
        self._scan(self._round_id)
        last = self._last_note.get((group_id, self._round_id))
        return last is not None and self.clock() - last <= ACTIVE_WINDOW_S

    def show_group(self, group_id: int | None) -> None:
        """Select the row of the group shown elsewhere, without re-emitting."""
        if group_id is None or group_id not in self.group_ids():
            return
        self.blockSignals(True)
        self.selectRow(self.row_of(group_id))
        self.blockSignals(False)

    def rebuild(self) -> None:
        self.setRowCount(len(self._state.groups))
        for row, group in enumerate(self._state.groups):
            name = QTableWidgetItem(group.name)  # items show text as plain text
            name.setData(Qt.ItemDataRole.UserRole, group.id)
            name.setIcon(_swatch(group.colour))
            self.setItem(row, COL_GROUP, name)
            for col in range(COL_LIVE, COL_NEXT):
                item = QTableWidgetItem("")
                if col < COL_ACTIVITY:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
            button = QPushButton()
            button.setObjectName(f"next-phase-{group.id}")
            button.clicked.connect(lambda _checked=False, g=group.id: self._advance(g))
            self.setCellWidget(row, COL_NEXT, button)
        self.refresh()

    def refresh(self) -> None:
        """Rewrite every cell from the state (only texts that changed are set)."""
        self._refreshed_at = time.monotonic()
        if self.group_ids() != [g.id for g in self._state.groups]:
            self.rebuild()
            return
        with one_data_change(self):
            self._refresh_rows()

    def _refresh_rows(self) -> None:
        now = self.clock()
        round_id = self._round_id
        bold = QFont(self.font())
        bold.setBold(True)
        for row, group in enumerate(self._state.groups):
            self._set(row, COL_GROUP, group.name)
            live = self._server.connected_count(group.id) if self._server is not None else 0
            self._set(row, COL_LIVE, str(live) if self._server is not None else "–")
            self._set(row, COL_JOINED, str(self._state.participant_count(group.id)))
            self._set(row, COL_ACTIVITY, self.relative_time(self._state.last_activity(group.id),
                                                            now))
            button = self.cellWidget(row, COL_NEXT)
            assert isinstance(button, QPushButton)  # set when the row is built
            if round_id is None:
                for col in (COL_NOTES, COL_VOTERS, COL_DOTS, COL_PHASE):
                    self._set(row, col, "")
                button.setEnabled(False)
                continue
            self._set(row, COL_NOTES, str(self._state.note_count(group.id, round_id)))
            self._set(row, COL_VOTERS, str(self._state.voter_count(group.id, round_id)))
            self._set(row, COL_DOTS, str(self._state.dot_count(group.id, round_id)))
            phase = self._state.phase(round_id, group.id)
            self._set(row, COL_PHASE, phase_label(phase))
            following = next_phase(phase)
            button.setEnabled(following is not None)
            label = (self.tr("Naar {phase}").format(phase=phase_label(following).lower())
                     if following is not None else self.tr("Klaar"))
            if button.text() != label:
                button.setText(label)
            active = self.is_active(group.id)
            for col in range(COL_NEXT):
                item = self._cell(row, col)
                brush = QBrush(_ACTIVE) if active else QBrush()
                if item.background() != brush:
                    item.setBackground(brush)
            notes = self._cell(row, COL_NOTES)
            if notes.font().bold() != active:
                notes.setFont(bold if active else self.font())

    def relative_time(self, when: float | None, now: float) -> str:
        if when is None:
            return "–"
        seconds = max(0.0, now - when)
        if seconds < 60:
            return self.tr("zojuist")
        minutes = int(seconds // 60)
        if minutes < 60:
            return self.tr("{n} min geleden").format(n=minutes)
        return self.tr("{n} uur geleden").format(n=minutes // 60)

    def request_phase(self, group_id: int, phase: Phase) -> None:
        if self._round_id is not None:
            self.phaseRequested.emit(self._round_id, group_id, phase)

    # -- inside -------------------------------------------------------------------------

    def _set(self, row: int, col: int, text: str) -> None:
        item = self.item(row, col)
        if item is not None and item.text() != text:
            item.setText(text)

    def _scan(self, round_id: int) -> None:
        """Once per round: the newest note of each wall, from the state's notes."""
        if round_id in self._scanned:
            return
        self._scanned.add(round_id)
        for group in self._state.groups:
            notes = self._state.notes_of(group.id, round_id)
            if notes:
                key = (group.id, round_id)
                newest = max(n.created_at for n in notes)
                self._last_note[key] = max(newest, self._last_note.get(key, 0.0))

    def _on_applied(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, NoteAdded):
                key = (event.note.group_id, event.note.round_id)
                self._last_note[key] = max(event.note.created_at, self._last_note.get(key, 0.0))
        if self._soon.isActive():
            return
        if time.monotonic() - self._refreshed_at >= REFRESH_GAP_MS / 1000:
            self.refresh()
        else:
            self._soon.start()

    def _on_clicked(self, row: int, _col: int) -> None:
        self.groupActivated.emit(self.group_ids()[row])

    def _advance(self, group_id: int) -> None:
        if self._round_id is None:
            return
        following = next_phase(self._state.phase(self._round_id, group_id))
        if following is not None:
            self.request_phase(group_id, following)

    def _context_menu(self, pos: QPoint) -> None:
        row = self.rowAt(pos.y())
        if row < 0 or self._round_id is None:
            return
        self.phase_menu(self.group_ids()[row]).exec(self.viewport().mapToGlobal(pos))

    def phase_menu(self, group_id: int) -> QMenu:
        """"Alleen deze groep naar…" with every phase; the current one is checked."""
        group = self._state.group(group_id)
        menu = QMenu(self)
        title = menu.addAction(self.tr("Alleen {group} naar:").format(
            group=group.name.replace("&", "&&") if group else ""))
        title.setEnabled(False)
        current = self._state.phase(self._round_id, group_id) if self._round_id else None
        for phase in Phase:
            action = menu.addAction(phase_label(phase))
            action.setCheckable(True)
            action.setChecked(phase is current)
            action.setObjectName(f"phase-{phase.value}")
            action.triggered.connect(lambda _c=False, p=phase: self.request_phase(group_id, p))
        return menu
