"""Action points for the wall shown: what, who, by when, and which cluster or note they
grew out of. Captured on the laptop at the end of a round; they go into the report.

Adding, editing (double-click a cell) and deleting are undoable commands on the
window's stack (wall/commands.py: AddAction / UpdateAction / DeleteAction, undone by
the inverse the engine computes);
the table redraws from the engine's change events.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Action
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.state import WorkshopState
from facilitator.ui.wall import commands as wc
from facilitator.ui.wall.commands import ActionFields
from facilitator.ui.wall.table_undo import TableUndo

Link = tuple[int | None, int | None]  # (note id, cluster id)


class ActionsPanel(QWidget):
    """Table and entry form for one group's round. No signals: edits go on `stack`.

    `selection()` answers what is selected on the wall as (note id, cluster id).
    """

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 selection: Callable[[], Link], stack: TableUndo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.bridge, self._selection = state, bridge, selection
        self.stack = stack
        self.key: tuple[int, int] | None = None
        self._actions: list[Action] = []
        self._link: Link = (None, None)
        self._filling = False

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Wat"), self.tr("Wie"), self.tr("Wanneer"), self.tr("Gekoppeld aan")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip(self.tr("Dubbelklik een cel om haar te wijzigen"))
        self.table.itemChanged.connect(self._cell_edited)

        self.what = QLineEdit()
        self.what.setPlaceholderText(self.tr("Wat gaan we doen?"))
        self.who = QLineEdit()
        self.who.setPlaceholderText(self.tr("Wie"))
        self.due = QLineEdit()
        self.due.setPlaceholderText(self.tr("Wanneer (bijv. 1 juli)"))
        self.link_label = QLabel()
        self.link_label.setTextFormat(Qt.TextFormat.PlainText)
        self.link_label.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Toevoegen"))
        self.link_button = QPushButton(self.tr("Koppel aan selectie"))
        self.link_button.setToolTip(self.tr(
            "Koppelt het gekozen actiepunt (of het nieuwe) aan het cluster of briefje dat op "
            "de muur geselecteerd is"))
        self.delete_button = QPushButton(self.tr("Verwijderen"))
        for field in (self.what, self.who, self.due):
            field.returnPressed.connect(self.add_from_form)
        self.add_button.clicked.connect(self.add_from_form)
        self.link_button.clicked.connect(self.link_to_selection)
        self.delete_button.clicked.connect(self.delete_selected)

        form = QGridLayout()
        form.addWidget(self.what, 0, 0, 1, 2)
        form.addWidget(self.who, 1, 0)
        form.addWidget(self.due, 1, 1)
        form.addWidget(self.link_label, 2, 0, 1, 2)
        # under what it links, not in the row below: three buttons side by side made
        # the right-hand docks too wide for group names at 1366x768 and 125%
        form.addWidget(self.link_button, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self._show_link()

    # -- showing -------------------------------------------------------------------------

    def set_wall(self, group_id: int | None, round_id: int | None) -> None:
        self.key = None if group_id is None or round_id is None else (group_id, round_id)
        self._link = (None, None)
        self._show_link()
        self.refresh()

    def refresh(self) -> None:
        actions = self.state.actions_of(*self.key) if self.key else []
        if actions == self._actions and self.table.rowCount() == len(actions):
            return
        self._actions = actions
        self._filling = True
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            cells = [action.what, action.who, action.due,
                     self._label(action.note_id, action.cluster_id)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)  # plain text
                if col == 3:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, cell)
        self._filling = False

    def action_points(self) -> list[Action]:
        return list(self._actions)

    def _label(self, note_id: int | None, cluster_id: int | None) -> str:
        if cluster_id is not None and (cluster := self.state.cluster(cluster_id)) is not None:
            return self.tr("cluster: {name}").format(name=cluster.name)
        if note_id is not None and (note := self.state.note(note_id)) is not None:
            text = note.text if len(note.text) <= 40 else note.text[:39] + "…"
            return self.tr("briefje: {text}").format(text=text)
        return ""

    def _show_link(self) -> None:
        label = self._label(*self._link)
        self.link_label.setText(self.tr("Nieuw actiepunt gekoppeld aan {what}").format(
            what=label) if label else self.tr("Nieuw actiepunt: nog niet gekoppeld"))

    # -- changing --------------------------------------------------------------------------

    def prefill(self, what: str, note_id: int | None, cluster_id: int | None) -> None:
        """Start an action point about a cluster or note (from the wall's context menu)."""
        self.what.setText(what)
        self._link = (note_id, cluster_id)
        self._show_link()
        self.who.setFocus()

    def add_from_form(self) -> None:
        if self.key is None or not self.what.text().strip():
            self.what.setFocus()
            return
        after = self._fields(self.what.text(), self.who.text(), self.due.text(), *self._link)
        self.stack.push(wc.add_action(self.bridge, *self.key, after))
        for field in (self.what, self.who, self.due):
            field.clear()
        self._link = (None, None)
        self._show_link()
        self.what.setFocus()

    def link_to_selection(self) -> None:
        link = self._selection()
        row = self.table.currentRow()
        if 0 <= row < len(self._actions) and self.table.selectionModel().hasSelection():
            a = self._actions[row]
            self._change(a, self._fields(a.what, a.who, a.due, *link))
        else:
            self._link = link
            self._show_link()

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        gone = [self._actions[r] for r in rows if 0 <= r < len(self._actions)]
        if not gone:
            return
        self.stack.push(wc.delete_actions(self.bridge, [a.id for a in gone]))

    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        if self._filling or not 0 <= cell.row() < len(self._actions) or cell.column() > 2:
            return
        a = self._actions[cell.row()]
        values = [a.what, a.who, a.due]
        values[cell.column()] = cell.text()
        if values != [a.what, a.who, a.due] and values[0].strip():
            self._change(a, self._fields(values[0], values[1], values[2], a.note_id,
                                         a.cluster_id))

    def _fields(self, what: str, who: str, due: str, note_id: int | None,
                cluster_id: int | None) -> ActionFields:
        return (what, who, due, note_id, cluster_id)

    def _change(self, a: Action, after: ActionFields) -> None:
        self.stack.push(wc.update_action(self.bridge, a.id, after))
