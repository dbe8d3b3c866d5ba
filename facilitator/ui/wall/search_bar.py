"""Finding notes on a full wall: type a word, matching notes light up and the rest fade.
Case and accents do not matter ("een" finds "Één"); Esc clears the search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchBar(QLineEdit):
    """A search field for the wall.

    Signals:
        searchChanged(str): the text to look for; "" when the search was cleared.
    """

    searchChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Zoeken op de muur (Ctrl+F)"))
        self.setToolTip(self.tr("Zoekt in briefjes en clusternamen; Esc wist de zoekopdracht"))
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(320)
        self.textChanged.connect(self.searchChanged)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)
