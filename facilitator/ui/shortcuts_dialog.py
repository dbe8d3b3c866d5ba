"""Help > Sneltoetsen: a table of keys and what they do, filled by the main window."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def shortcut_dialog(parent: QWidget, shortcuts: list[tuple[str, str]]) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Sneltoetsen"))
    table = QTableWidget(len(shortcuts), 2, dialog)
    table.setObjectName("shortcuts")
    table.setHorizontalHeaderLabels([dialog.tr("Toetsen"), dialog.tr("Wat")])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for row, (keys, what) in enumerate(shortcuts):
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(what))
    table.resizeColumnsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(460, 520)
    return dialog
