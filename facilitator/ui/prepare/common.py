"""Small pieces the preparation dialogs share: plain-text labels and the
list-with-buttons that groups and rounds both use.

Signals (ItemList): see the class.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def swatch_icon(colour: QColor, size: int = 22) -> QIcon:
    """A filled square, the same whether its row is selected or not."""
    pixmap = QPixmap(size, size)
    pixmap.fill(colour)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#888888"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    icon = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pixmap, mode)
    return icon


TYPING_PAUSE_MS = 700


def typing_timer(parent: QWidget, slot: Callable[[], object]) -> QTimer:
    """Commits what is typed after a short pause, so a laptop that dies mid-edit (or a
    window closed without leaving the field) loses at most a few keystrokes."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(TYPING_PAUSE_MS)
    timer.timeout.connect(slot)
    return timer


def plain_label(text: str = "", *, wrap: bool = True) -> QLabel:
    """A label that never interprets what a user typed as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def error_label() -> QLabel:
    """A plain label for refusals, in a colour that stands out; hidden while empty."""
    label = plain_label()
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#b00020"))
    label.setPalette(palette)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class ItemList(QWidget):
    """A list with Toevoegen / Verwijderen / Omhoog / Omlaag, reorderable by drag too.

    The list never changes its own order for good: a drag or a button only asks (via a
    signal) and the list is rebuilt from the engine's answer.

    Signals:
        selected(int): the id of the newly selected item.
        addRequested(): the add button was clicked.
        removeRequested(int): remove the item with this id.
        moveRequested(int, int): put the item with this id at this 0-based position.
    """

    selected = Signal(int)
    addRequested = Signal()
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)

    def __init__(self, add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setMinimumWidth(220)
        # Long questions end in "…" at the list's width instead of scrolling sideways.
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(3)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.model().rowsMoved.connect(self._on_rows_moved)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(self.tr("Verwijderen"))
        self.up_button = QPushButton(self.tr("Omhoog"))
        self.down_button = QPushButton(self.tr("Omlaag"))
        self.add_button.clicked.connect(self.addRequested)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._step(-1))
        self.down_button.clicked.connect(lambda: self._step(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._filling = False

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def ids(self) -> list[int]:
        return [int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())]

    def fill(self, rows: list[tuple[int, str, QColor | None]], keep: int | None = None) -> None:
        """Replace the rows; select `keep` (or the current item, or the first)."""
        keep = keep if keep is not None else self.current_id()
        self._filling = True
        try:
            self.list.clear()
            for item_id, text, colour in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, item_id)
                if colour is not None:
                    item.setIcon(swatch_icon(colour))
                self.list.addItem(item)
            ids = self.ids()
            row = ids.index(keep) if keep in ids else (0 if ids else -1)
            self.list.setCurrentRow(row)
        finally:
            self._filling = False
        self._update_buttons()
        current = self.current_id()
        if current is not None:
            self.selected.emit(current)

    def select(self, item_id: int) -> None:
        ids = self.ids()
        if item_id in ids:
            self.list.setCurrentRow(ids.index(item_id))

    def _on_current(self, current: QListWidgetItem | None,
                    _previous: QListWidgetItem | None) -> None:
        self._update_buttons()
        if current is not None and not self._filling:
            self.selected.emit(int(current.data(Qt.ItemDataRole.UserRole)))

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _remove(self) -> None:
        current = self.current_id()
        if current is not None:
            self.removeRequested.emit(current)

    def _step(self, delta: int) -> None:
        current, row = self.current_id(), self.list.currentRow()
        if current is not None and 0 <= row + delta < self.list.count():
            self.moveRequested.emit(current, row + delta)

    def _on_rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex,
                       row: int) -> None:
        if self._filling:
            return
        # After a drop the item already sits in its new row; ask the engine to agree.
        position = row if row < start else row - 1
        ids = self.ids()
        if 0 <= position < len(ids):
            self.moveRequested.emit(ids[position], position)


def list_beside_details(tab: QWidget, items: QWidget, form: QFormLayout) -> tuple[QWidget, QLabel]:
    """The editor tabs' shape: the list on the left, the chosen item's form on the right
    with a refusal line under it. Returns (details, error) for the tab to keep."""
    details = QWidget()
    details.setLayout(form)
    error = error_label()
    right = QVBoxLayout()
    right.addWidget(details)
    right.addStretch(1)
    right.addWidget(error)
    layout = QHBoxLayout(tab)
    layout.addWidget(items, 2)
    layout.addLayout(right, 3)
    return details, error
