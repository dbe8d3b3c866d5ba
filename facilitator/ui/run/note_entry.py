"""Typing a note in on the laptop: the table host's paper notes, for directors without a
phone. The note goes through the engine like any other, marked as a paper note."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from facilitator.domain.text import NOTE_MAX_CHARS


class NoteEntry(QWidget):
    """One line and a button.

    Signals:
        noteEntered(str): the text as typed (the engine cleans it); the field is cleared.
    """

    noteEntered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setMaxLength(NOTE_MAX_CHARS)
        self.field.setPlaceholderText(self.tr("Briefje van papier overtypen en op Enter drukken"))
        self.field.setClearButtonEnabled(True)
        self.button = QPushButton(self.tr("Toevoegen"))
        self.button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 6)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.button)
        self.field.textChanged.connect(lambda text: self.button.setEnabled(bool(text.strip())))
        self.field.returnPressed.connect(self._enter)
        self.button.clicked.connect(self._enter)

    def _enter(self) -> None:
        text = self.field.text()
        if text.strip():
            self.field.clear()
            self.noteEntered.emit(text)
