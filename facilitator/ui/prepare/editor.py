"""Preparing a workshop in one window: the event, its breakout groups and its rounds.

A non-modal dialog beside the main window, so the facilitator can keep an eye on the
walls while editing. Every edit is an engine command through the bridge; the dialog
redraws only from WorkshopState.applied (WorkshopChanged, GroupsChanged, RoundsChanged,
and note events for the dot advice), never by polling. Refusals from the engine come
back on bridge.commandFailed and are shown in plain words on the tab concerned
(ui.failures), until another item is chosen there.

Signals: none of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.ports import HIGHEST as PORT_HIGHEST
from facilitator.domain.ports import LOWEST as PORT_LOWEST
from facilitator.domain.ports import PORT_RANGE
from facilitator.engine import NoteAdded, NoteChanged, NoteRemoved
from facilitator.engine import commands as c
from facilitator.engine.events import GroupsChanged, RoundsChanged, WorkshopChanged
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.failures import failure_text
from facilitator.ui.prepare.common import (
    error_label,
    plain_label,
    show_error,
    typing_timer,
)
from facilitator.ui.prepare.groups_tab import GroupsTab
from facilitator.ui.prepare.rounds_tab import RoundsTab
from facilitator.ui.state import WorkshopState

_GROUP_COMMANDS = (c.AddGroup, c.UpdateGroup, c.DeleteGroup, c.MoveGroup)
_ROUND_COMMANDS = (c.AddRound, c.UpdateRound, c.DeleteRound, c.MoveRound)


class EventTab(QWidget):
    """Title, date, place, organisers, the phones' language and their form of address,
    and the port phones use (printed on the table cards, so kept with the workshop)."""

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.bridge = bridge
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(self.tr("bijvoorbeeld 28 mei 2026"))
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("bijvoorbeeld KB, Den Haag"))
        self.organisers_edit = QLineEdit()
        self.organisers_edit.setPlaceholderText(self.tr("bijvoorbeeld KB, SPN en VOB"))
        self.language_combo = QComboBox()
        self.language_combo.addItem(self.tr("Nederlands"), "nl")
        self.language_combo.addItem(self.tr("Engels"), "en")
        # Dutch has a formal and an informal "you"; the phone page uses one throughout.
        self.address_combo = QComboBox()
        self.address_combo.addItem(self.tr("je (informeel)"), "je")
        self.address_combo.addItem(self.tr("u (formeel)"), "u")
        self._typing = typing_timer(self, self.commit_if_complete)
        for edit in self._edits():
            edit.editingFinished.connect(self.commit)
            edit.textEdited.connect(self._typing.start)
        self.language_combo.activated.connect(self.commit)
        self.address_combo.currentIndexChanged.connect(lambda _index: self.commit())
        # The port: part of the address on the printed table cards. Committed on Enter,
        # leaving the field or an arrow step, not per keystroke ("83" is no port yet).
        self.port_spin = QSpinBox()
        self.port_spin.setRange(PORT_LOWEST, PORT_HIGHEST)
        self.port_spin.setKeyboardTracking(False)
        self.port_spin.setAccessibleName(self.tr("Poort voor telefoons"))
        self.port_spin.valueChanged.connect(lambda _value: self.commit_port())
        self.port_hint = plain_label(self.tr(
            "Telefoons bereiken de laptop op http://adres:poort; de gedrukte tafelkaarten "
            "tonen die poort. Een andere poort geldt vanaf de volgende keer dat deze "
            "werkplaats opent: druk de tafelkaarten daarna opnieuw af."))
        self.port_hint.setEnabled(False)  # quieter grey text
        self.port_error = error_label()
        self.error = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Titel:"), self.title_edit)
        form.addRow(self.tr("Datum:"), self.date_edit)
        form.addRow(self.tr("Plaats:"), self.place_edit)
        form.addRow(self.tr("Organisatoren:"), self.organisers_edit)
        form.addRow(self.tr("Taal op telefoons:"), self.language_combo)
        form.addRow(self.tr("Aanspreekvorm op telefoons:"), self.address_combo)
        form.addRow(self.tr("Poort voor telefoons:"), self._port_box())
        form.addRow("", self.error)
        hint = plain_label(self.tr("Deze gegevens komen op de voorpagina van het verslag en op "
                                   "de tafelkaarten. Wijzigingen worden meteen bewaard."))
        hint.setEnabled(False)  # quieter grey text
        form.addRow("", hint)
        self.reload()

    def _port_box(self) -> QWidget:
        """The port field (a port is short), its explanation and its error, together."""
        self.port_spin.setMaximumWidth(self.port_spin.fontMetrics().horizontalAdvance("0") * 12)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.port_spin)
        row.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.port_hint)
        column.addWidget(self.port_error)
        return box

    def _edits(self) -> tuple[QLineEdit, ...]:
        return (self.title_edit, self.date_edit, self.place_edit, self.organisers_edit)

    def reload(self, force: bool = False) -> None:
        w = self.state.workshop
        for edit, text in zip(self._edits(), (w.title, w.date, w.place, w.organisers),
                              strict=True):
            if force or not (edit.hasFocus() and edit.isModified()):
                edit.setText(text)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(w.language)))
        blocked = self.address_combo.blockSignals(True)  # showing the stored value is no edit
        self.address_combo.setCurrentIndex(max(0, self.address_combo.findData(w.address)))
        self.address_combo.blockSignals(blocked)
        if w.port is not None and (force or not self.port_spin.hasFocus()):
            blocked = self.port_spin.blockSignals(True)
            self.port_spin.setValue(w.port)
            self.port_spin.blockSignals(blocked)

    def commit_if_complete(self) -> None:
        if self.title_edit.text().strip():  # half-typed is fine; an empty title waits
            self.commit()

    def commit(self) -> None:
        self._typing.stop()
        w = self.state.workshop
        fields = (self.title_edit.text(), self.date_edit.text(), self.place_edit.text(),
                  self.organisers_edit.text(), self.language_combo.currentData())
        address = self.address_combo.currentData()
        if fields == (w.title, w.date, w.place, w.organisers, w.language) and address == w.address:
            return
        show_error(self.error, "")
        self.bridge.submit(c.UpdateWorkshop(*fields, address=address))

    def commit_port(self) -> None:
        """Keep the port typed; the engine refuses one another program listens on now
        (it would take it from the phones on the day too)."""
        port = self.port_spin.value()
        show_error(self.port_error, "")
        if port != self.state.workshop.port:
            self.bridge.submit(c.SetPort(port))

    def refused_port(self, command: c.SetPort, error: BaseException) -> None:
        if getattr(error, "code", None) == "port_taken":
            text = self.tr(
                "Poort {port} is nu in gebruik door een ander programma; kies een andere "
                "(bijvoorbeeld tussen {low} en {high}).").format(
                port=command.port, low=PORT_RANGE[0], high=PORT_RANGE[-1])
        else:
            text = self.tr("Een poort is een getal van {low} tot {high}.").format(
                low=PORT_LOWEST, high=PORT_HIGHEST)
        show_error(self.port_error, text)
        self.reload(force=True)

    def refused(self, text: str) -> None:
        show_error(self.error, text)
        self.reload(force=True)


class WorkshopEditor(QDialog):
    """Tabs Bijeenkomst / Groepen / Rondes over one workshop's set-up."""

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Werkplaats voorbereiden"))
        self.setModal(False)
        self.state = state
        self.bridge = bridge
        self.event_tab = EventTab(state, bridge)
        self.groups_tab = GroupsTab(state, bridge)
        self.rounds_tab = RoundsTab(state, bridge)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.event_tab, self.tr("Bijeenkomst"))
        self.tabs.addTab(self.groups_tab, self.tr("Groepen"))
        self.tabs.addTab(self.rounds_tab, self.tr("Rondes"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in a field commits it, it adds nothing
        self.resize(900, 560)
        state.applied.connect(self.on_applied)
        bridge.commandFailed.connect(self.on_failed)

    def on_applied(self, events: Sequence[object]) -> None:
        kinds = {type(e) for e in events}
        if WorkshopChanged in kinds:
            self.event_tab.reload()
        if GroupsChanged in kinds:
            self.groups_tab.reload()
        if RoundsChanged in kinds:
            self.rounds_tab.reload()
        elif kinds & {NoteAdded, NoteChanged, NoteRemoved}:
            self.rounds_tab.refresh_advice()

    def shows_failure(self, command: object) -> bool:
        """Whether this open editor says this command's refusal on its own tab (so the
        main window need not say it a second time)."""
        return self.isVisible() and isinstance(
            command, (c.UpdateWorkshop, *_GROUP_COMMANDS, *_ROUND_COMMANDS))

    def on_failed(self, command: object, error: BaseException) -> None:
        text = failure_text(command, error)  # what failed and why, in words
        if isinstance(command, c.UpdateWorkshop):
            self.event_tab.refused(text)
        elif isinstance(command, c.SetPort):
            self.event_tab.refused_port(command, error)
        elif isinstance(command, _GROUP_COMMANDS):
            self.groups_tab.refused(text)
            self.groups_tab.reload()
        elif isinstance(command, _ROUND_COMMANDS):
            self.rounds_tab.refused(text)
            self.rounds_tab.reload()

    def flush(self) -> None:
        """Whatever is still in a field goes to the engine (the window or app closes)."""
        self.event_tab.commit_if_complete()
        self.groups_tab.commit_if_complete()
        self.rounds_tab.commit_if_complete()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        super().closeEvent(event)

    def disconnect_from_session(self) -> None:
        """The session is going: stop listening to a state and bridge about to close."""
        self.state.applied.disconnect(self.on_applied)
        self.bridge.commandFailed.disconnect(self.on_failed)
