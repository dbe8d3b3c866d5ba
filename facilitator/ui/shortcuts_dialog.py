"""Help > Sneltoetsen (F1): every key of the window in one table.

Generated from the real actions (the menu bar walked in order, then the window's other
actions and shortcuts), so a key added, changed or removed anywhere shows up here by
itself and the list cannot drift from what the keys do. Only keys that are not actions
(the wall's arrows, mouse gestures, the projector's own keys) come as extra rows from
the code that handles them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

HELP_TEXT = "helpText"  # an action's fixed description when its text changes (Undo)
Row = tuple[str, str, str]  # keys, what, where
_KEYS_WIDTH = 200


def keys_text(keys: Sequence[QKeySequence]) -> str:
    """How the list writes an action's keys: "Ctrl+Return / PgDown"."""
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _what(action: QAction) -> str:
    fixed = action.property(HELP_TEXT)
    text = fixed if isinstance(fixed, str) and fixed else action.text()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _menu_actions(menu: QMenu | QMenuBar, where: str) -> Iterable[tuple[QAction, str]]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            title = _what(action)
            yield from _menu_actions(sub, f"{where} › {title}" if where else title)
        elif not action.isSeparator():
            yield action, where


def shortcut_rows(
    window: QWidget, menu_bar: QMenuBar | None, extra: Iterable[tuple[str, str, str]] = ()
) -> list[Row]:
    """(keys, what, where) for every action with a key: the menu bar's first, in menu
    order, then the window's other actions; then `extra` (keys that are not actions)."""
    rows: list[Row] = []
    seen: set[int] = set()
    found = list(_menu_actions(menu_bar, "")) if menu_bar is not None else []
    found += [(a, "") for a in window.findChildren(QAction)]
    for action, where in found:
        if id(action) in seen or not action.shortcuts():
            continue
        seen.add(id(action))
        rows.append((keys_text(action.shortcuts()), _what(action), where))
    rows += list(extra)
    return rows


def unlisted_keys(window: QWidget, rows: Sequence[Row]) -> list[str]:
    """Keys of the window's actions and shortcuts that no row names (for the test that
    keeps the list complete)."""
    listed = " / ".join(r[0] for r in rows).split(" / ")
    missing = []
    for action in window.findChildren(QAction):
        missing += [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.keys()  # noqa: SIM118  (QShortcut.keys(), not a dict)
        missing += [k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys]
    return sorted({k for k in missing if k and k not in listed})


def shortcut_dialog(parent: QWidget, rows: Sequence[Row]) -> QDialog:
    """A table of the rows; Esc or Enter closes it, the arrows scroll it."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(dialog.tr("Sneltoetsen"))
    table = QTableWidget(len(rows), 3, dialog)
    table.setObjectName("shortcuts")
    table.setHorizontalHeaderLabels([dialog.tr("Toetsen"), dialog.tr("Wat"), dialog.tr("Waar")])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)  # Tab goes on to the Close button
    for row, texts in enumerate(rows):
        for column, text in enumerate(texts):
            table.setItem(row, column, QTableWidgetItem(text))
    header = table.horizontalHeader()
    table.resizeColumnsToContents()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    if table.columnWidth(0) > _KEYS_WIDTH:  # Undo's four keys wrap rather than widen
        table.setColumnWidth(0, _KEYS_WIDTH)
    table.resizeRowsToContents()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setText(dialog.tr("Sluiten"))
    close.setDefault(True)  # Enter closes, as Esc does
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(720, 560)
    table.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog
