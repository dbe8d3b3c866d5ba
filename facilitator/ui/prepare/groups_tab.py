"""The breakout groups of a workshop: name, colour and table host, added, removed and
put in order. Every change is an engine command; the tab redraws from the engine's
GroupsChanged answer, so what it shows is what is stored.

Signals: none of its own (see ItemList).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from facilitator.domain.model import Group
from facilitator.engine.commands import AddGroup, DeleteGroup, MoveGroup, UpdateGroup
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.prepare.common import (
    ItemList,
    list_beside_details,
    plain_label,
    show_error,
    typing_timer,
)
from facilitator.ui.state import WorkshopState

# The template's table colours: light enough for black text on a sticky note.
SWATCHES = ("#f6d365", "#a8e6cf", "#ffd3b6", "#b5d8ff", "#e2c6ff", "#fff3a0", "#c7f0db",
            "#ffc8dd")


class GroupsTab(QWidget):
    """List of groups on the left, the selected group's details on the right."""

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.bridge = bridge
        self._form_id: int | None = None  # the group whose values the form holds
        self.items = ItemList(self.tr("Groep toevoegen"))
        self.items.selected.connect(self._show)
        self.items.addRequested.connect(self.add_group)
        self.items.removeRequested.connect(lambda gid: self.bridge.submit(DeleteGroup(gid)))
        self.items.moveRequested.connect(lambda gid, pos: self.bridge.submit(MoveGroup(gid, pos)))

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(80)
        self.name_edit.setPlaceholderText(self.tr("bijvoorbeeld Tafel 1"))
        self.name_edit.editingFinished.connect(self.commit)
        self._typing = typing_timer(self, self.commit_if_complete)
        self.name_edit.textEdited.connect(self._typing.start)
        self.host_edit = QLineEdit()
        self.host_edit.setPlaceholderText(self.tr("naam van de tafelvoorzitter (mag leeg)"))
        self.host_edit.editingFinished.connect(self.commit)
        self.host_edit.textEdited.connect(self._typing.start)
        self.swatch_buttons: list[QPushButton] = []
        swatches = QHBoxLayout()
        swatches.setSpacing(4)
        for colour in SWATCHES:
            button = QPushButton()
            button.setFixedSize(28, 28)
            button.setToolTip(colour)
            button.setCheckable(True)
            button.setStyleSheet(f"QPushButton {{ background: {colour}; border: 1px solid #888; }}"
                                 f"QPushButton:checked {{ border: 3px solid #202020; }}")
            button.clicked.connect(lambda _=False, c=colour: self.set_colour(c))
            swatches.addWidget(button)
            self.swatch_buttons.append(button)
        self.other_colour = QPushButton(self.tr("Andere kleur…"))
        self.other_colour.clicked.connect(self._choose_colour)
        swatches.addWidget(self.other_colour)
        swatches.addStretch(1)
        self.colour_label = plain_label(wrap=False)
        self.code_label = plain_label(wrap=False)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("Naam:"), self.name_edit)
        form.addRow(self.tr("Kleur:"), swatches)
        form.addRow("", self.colour_label)
        form.addRow(self.tr("Tafelvoorzitter:"), self.host_edit)
        form.addRow(self.tr("Code voor telefoons:"), self.code_label)
        self.details, self.error = list_beside_details(self, self.items, form)
        self.reload()

    # -- from the engine --------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        added = {g.id for g in self.state.groups} - set(self.items.ids())
        if keep is None and len(added) == 1 and self.items.ids():
            keep = added.pop()  # a group just added: show it to be named
        self.items.fill([(g.id, g.name, QColor(g.colour)) for g in self.state.groups], keep)
        self.details.setEnabled(self.items.current_id() is not None)
        if self.items.current_id() is None:
            self._show(None)

    def current(self) -> Group | None:
        gid = self.items.current_id()
        return None if gid is None else self.state.group(gid)

    def _show(self, _group_id: int | None) -> None:
        group = self.current()
        switching = group is None or group.id != self._form_id
        if switching and self._form_id is not None:
            self.commit_if_complete()  # what was typed belongs to the group shown before
        if switching:
            show_error(self.error, "")  # a refusal goes with the item it was about
        self._form_id = group.id if group is not None else None
        _set_text(self.name_edit, group.name if group else "", force=switching)
        _set_text(self.host_edit, group.host if group else "", force=switching)
        self.colour_label.setText(group.colour if group else "")
        for button, colour in zip(self.swatch_buttons, SWATCHES, strict=True):
            button.setChecked(group is not None and group.colour == colour)
        self.code_label.setText(group.code if group else "")
        self.details.setEnabled(group is not None)

    def refused(self, error_text: str) -> None:
        show_error(self.error, error_text)
        for edit in (self.name_edit, self.host_edit):
            edit.setModified(False)  # back to what is stored, even in the field typed in
        self._show(None)

    # -- to the engine ----------------------------------------------------------------

    def add_group(self) -> None:
        show_error(self.error, "")
        number = len(self.state.groups) + 1
        colour = SWATCHES[(number - 1) % len(SWATCHES)]
        self.bridge.submit(AddGroup(self.tr("Tafel {n}").format(n=number), colour=colour))

    def set_colour(self, colour: str) -> None:
        group = self.current()
        for button, swatch in zip(self.swatch_buttons, SWATCHES, strict=True):
            button.setChecked(swatch == colour)  # until the engine's answer redraws
        if group is not None:
            self.commit(colour=colour)

    def _choose_colour(self) -> None:
        group = self.current()
        if group is None:
            return
        chosen = QColorDialog.getColor(QColor(group.colour), self, self.tr("Kleur van de groep"))
        if chosen.isValid():
            self.set_colour(chosen.name())

    def commit_if_complete(self) -> None:
        if self.name_edit.text().strip():  # half-typed is fine; empty waits for Enter
            self.commit()

    def commit(self, colour: str | None = None) -> None:
        self._typing.stop()
        group = None if self._form_id is None else self.state.group(self._form_id)
        if group is None:
            return
        name, host = self.name_edit.text(), self.host_edit.text()
        colour = colour or group.colour
        if (name, host, colour) == (group.name, group.host, group.colour):
            return
        show_error(self.error, "")
        self.bridge.submit(UpdateGroup(group.id, name, colour=colour, host=host))


def _set_text(edit: QLineEdit, text: str, force: bool = False) -> None:
    """Show the stored text, unless the facilitator is typing in this very field."""
    if force or not (edit.hasFocus() and edit.isModified()):
        edit.setText(text)
