"""Preparing and starting workshops, and exporting them: the facilitator's File menu.

`Preparer` holds the actions the main window puts at the top of its "&Bestand" menu:
    Nieuwe werkplaats… (Ctrl+N), Openen… (Ctrl+O), Opslaan als sjabloon…,
    Werkplaats voorbereiden… (Ctrl+,)
and the dialogs they open; the window points Verslag exporteren… (Ctrl+E) at
`show_export_dialog`.

Opening or creating another workshop file replaces the whole session (engine, server,
window). The window is given how (`switch_workshop(path)`, from facilitator.app.Host)
and hands it on here; without it (tests, screenshots) the facilitator is told to start
the app with the file.

Signals: none of its own (see WorkshopEditor, NewWorkshopDialog, ExportDialog).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox

from facilitator import templates
from facilitator.domain.model import Snapshot
from facilitator.engine import commands as c
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.failures import reason
from facilitator.ui.prepare.editor import WorkshopEditor
from facilitator.ui.prepare.export_dialog import ExportDialog
from facilitator.ui.prepare.new_workshop import (
    NewWorkshopDialog,
    default_folder,
    empty_spec,
    remember_folder,
)
from facilitator.ui.state import WorkshopState

__all__ = ["Preparer", "SwitchWorkshop", "empty_spec"]

# Replaces the running session with one on the given file; raises when it cannot (the
# exception's `session`, if any, is the old workshop reopened: app.SwitchFailed).
SwitchWorkshop = Callable[[Path], object]


def _bring_forward(dialog: QDialog) -> None:
    dialog.show()
    if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and warns
        dialog.raise_()
        dialog.activateWindow()


class Preparer(QObject):
    """The actions and the dialogs they open, one set per main window."""

    def __init__(self, state: WorkshopState, bridge: EngineBridge, base_url: Callable[[], str],
                 switch_workshop: SwitchWorkshop | None, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.state = state
        self.bridge = bridge
        self._base_url = base_url
        self.switch_workshop = switch_workshop
        self.last_message: QMessageBox | None = None
        self.editor: WorkshopEditor | None = None
        self.export_dialog: ExportDialog | None = None
        self.new_dialog: NewWorkshopDialog | None = None

        self.new_action = self._action(self.tr("&Nieuwe werkplaats…"), QKeySequence.StandardKey.New,
                                       self.show_new_dialog)
        self.open_action = self._action(self.tr("&Openen…"), QKeySequence.StandardKey.Open,
                                        self.choose_and_open)
        self.save_template_action = self._action(self.tr("Opslaan als &sjabloon…"), None,
                                                 self.choose_and_save_template)
        self.edit_action = self._action(self.tr("Werkplaats &voorbereiden…"),
                                        QKeySequence("Ctrl+,"), self.show_editor)

    def flush(self) -> None:
        """The window is closing: the editor hands in open edits (the engine still runs;
        Session.close stops it after)."""
        if self.editor is not None:
            self.editor.flush()

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # -- dialogs --------------------------------------------------------------------

    def show_editor(self) -> WorkshopEditor:
        if self.editor is None:
            self.editor = WorkshopEditor(self.state, self.bridge, self.window)
        _bring_forward(self.editor)
        return self.editor

    def show_export_dialog(self) -> ExportDialog:
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(
                self.state.store.path, self.base_url(), self.window,
                printed_url=lambda: self.state.workshop.cards_url)
            self.export_dialog.cardsPrinted.connect(
                lambda url: self.bridge.submit(c.RecordCards(url)))
        else:
            self.export_dialog.url_edit.setText(self.base_url())
            self.export_dialog.refresh_url_warning()
        _bring_forward(self.export_dialog)
        return self.export_dialog

    def base_url(self) -> str:
        """Where phones reach this laptop, as the join panel shows it."""
        return self._base_url()

    def show_new_dialog(self) -> NewWorkshopDialog:
        self.new_dialog = NewWorkshopDialog(self.window)
        self.new_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.new_dialog.created.connect(lambda path: self.open_workshop(Path(path)))
        self.new_dialog.open()
        return self.new_dialog

    # -- files ----------------------------------------------------------------------

    def choose_and_open(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Werkplaats openen"),
                                              str(default_folder()),
                                              self.tr("Werkplaats (*.workshop)"))
        if name:
            remember_folder(Path(name))
            self.open_workshop(Path(name))

    def open_workshop(self, path: Path) -> bool:
        """Replace the running session with one on `path`; False (and said) if not."""
        switch = self.switch_workshop
        if switch is None:
            self.tell(self.tr("Deze werkplaats kan hier niet worden gewisseld; start de app "
                               "met het bestand:\n{path}").format(path=path))
            return False
        if self.editor is not None:
            self.editor.close()
            self.editor.disconnect_from_session()
        try:
            switch(Path(path))
        except Exception as exc:  # a damaged or newer file: the old workshop is back
            restored = getattr(exc, "session", None)  # app.SwitchFailed
            preparer: Preparer = restored.window.preparer if restored is not None else self
            preparer.tell(self.tr("De werkplaats kan niet worden geopend:\n{e}")
                          .format(e=getattr(exc, "error", exc)))
            return False
        return True

    def choose_and_save_template(self) -> None:
        suggested = default_folder() / f"{self.state.store.path.stem}-sjabloon.json"
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Opslaan als sjabloon"),
                                              str(suggested), self.tr("Sjabloon (*.json)"))
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> Path | None:
        """The set-up as it stands (event, groups, rounds; no notes, no people)."""
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        state = self.state
        snapshot = Snapshot(workshop=state.workshop, groups=tuple(state.groups),
                            rounds=tuple(state.rounds), participants=(), notes=())
        try:
            templates.save(snapshot, path)
        except OSError as exc:
            self.tell(self.tr("Het sjabloon kon niet worden opgeslagen: {e}.")
                      .format(e=reason(self, exc)))
            return None
        remember_folder(path)
        self.window.statusBar().showMessage(
            self.tr("Sjabloon opgeslagen: {path}").format(path=path), 8000)
        return path

    def tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Facilitator"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
