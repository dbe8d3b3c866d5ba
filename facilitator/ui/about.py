"""Help > Over Facilitator: which program and version this is, for a facilitator who
has to tell someone (a help desk, an organiser) what they are running.

The name and version come from facilitator.identity (pyproject.toml), like
`facilitator --version`; the Qt and Python versions are there for bug reports; the data
folder says where the demo workshop and new workshops go by default.
"""

from __future__ import annotations

import platform
import sys

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from facilitator import identity, resources

ICON_PX = 64


def _label(text: str, *, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a path or version is not markup
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def versions_line() -> str:
    frozen = " (app)" if getattr(sys, "frozen", False) else ""
    return (
        f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
        f"Python {platform.python_version()}{frozen} · {platform.system()}"
    )


class AboutDialog(QDialog):
    """Name, version, icon and a line on what the program does.

    Signals: none of its own (QDialog's accepted/rejected)."""

    def __init__(self, data_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Over {name}").format(name=identity.NAME))
        icon = QLabel()
        pixmap = QPixmap()
        if pixmap.loadFromData(resources.read_bytes("icons", "png", "facilitator-64.png")):
            icon.setPixmap(pixmap)
        icon.setFixedSize(ICON_PX, ICON_PX)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.title_label = _label(identity.title(), selectable=True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        what = _label(
            self.tr(
                "Werksessies zonder internet: deelnemers sturen briefjes en stippen vanaf hun "
                "telefoon naar deze laptop; na afloop maakt één klik het verslag."
            )
        )
        where = _label(
            self.tr("Werkplaatsen staan standaard in: {folder}").format(folder=data_folder),
            selectable=True,
        )
        self.versions_label = _label(versions_line(), selectable=True)
        self.versions_label.setStyleSheet("color: palette(mid);")

        text = QVBoxLayout()
        shown = [self.title_label, what, where, self.versions_label]
        if not data_folder:  # a window built without the app (tests, screenshots)
            shown.remove(where)
        for widget in shown:
            text.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(12)
        row.addLayout(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


def show_about(parent: QWidget | None = None, data_folder: str = "") -> None:
    """Help > Over Facilitator… (on macOS Qt moves the entry into the application menu)."""
    AboutDialog(data_folder, parent).exec()
