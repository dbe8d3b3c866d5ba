"""Preparing and starting workshops, and exporting them: the facilitator's File menu.

`install(window)` adds to the main window's "&Bestand" menu:
    Nieuwe werkplaats… (Ctrl+N), Openen… (Ctrl+O), Opslaan als sjabloon…,
    Werkplaats voorbereiden… (Ctrl+,), and points Verslag exporteren… (Ctrl+E) at
    the export dialog instead of a bare file dialog.
It is idempotent: calling it twice on one window adds nothing twice.

Opening or creating another workshop file replaces the whole session (engine, server,
window). The window knows how through `window.switch_workshop(path)`, which
facilitator.app.Host sets; it is looked up when the facilitator asks, not at install.

Signals: none of its own (see WorkshopEditor, NewWorkshopDialog, ExportDialog).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from facilitator import templates
from facilitator.domain.model import Snapshot
from facilitator.ui.prepare.editor import WorkshopEditor
from facilitator.ui.prepare.export_dialog import ExportDialog
from facilitator.ui.prepare.new_workshop import (
    NewWorkshopDialog,
    default_folder,
    empty_spec,
    remember_folder,
)

__all__ = ["Preparer", "empty_spec", "install"]


def install(window) -> None:
    """Add the preparation and export actions to `window` (a MainWindow)."""
    if getattr(window, "preparer", None) is None:
        window.preparer = Preparer(window)


def _bring_forward(dialog) -> None:
    dialog.show()
    if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and warns
        dialog.raise_()
        dialog.activateWindow()


def _file_menu(window) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None and window.quit_action in menu.actions():
            return menu
    return window.menuBar().addMenu(window.tr("&Bestand"))


class Preparer(QObject):
    """The actions and the dialogs they open, one set per main window."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
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
        menu = _file_menu(window)
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.new_action, self.open_action, self.save_template_action):
            menu.insertAction(first, action)
        menu.insertSeparator(first)
        menu.insertAction(first, self.edit_action)
        menu.insertSeparator(first)
        window.installEventFilter(self)  # a closing window first hands in open edits
        export = getattr(window, "export_action", None)
        if export is not None:
            export.triggered.disconnect()
            export.triggered.connect(self.show_export_dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.editor:
            self.editor.flush()  # the engine still runs: Session.close stops it after
        return False

    def _action(self, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # -- dialogs --------------------------------------------------------------------

    def show_editor(self) -> WorkshopEditor:
        if self.editor is None:
            self.editor = WorkshopEditor(self.window.state, self.window.bridge, self.window)
        _bring_forward(self.editor)
        return self.editor

    def show_export_dialog(self) -> ExportDialog:
        if self.export_dialog is None:
            self.export_dialog = ExportDialog(self.window.state.store.path, self.base_url(),
                                              self.window)
        else:
            self.export_dialog.url_edit.setText(self.base_url())
        _bring_forward(self.export_dialog)
        return self.export_dialog

    def base_url(self) -> str:
        """Where phones reach this laptop, as the join panel shows it."""
        panel = getattr(self.window, "join_panel", None)
        return panel.base_url() if panel is not None else ""

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
        switch = getattr(self.window, "switch_workshop", None)
        if switch is None:
            self._tell(self.tr("Deze werkplaats kan hier niet worden gewisseld; start de app "
                               "met het bestand:\n{path}").format(path=path))
            return False
        if self.editor is not None:
            self.editor.close()
            self.editor.disconnect_from_session()
        try:
            switch(Path(path))
        except Exception as exc:  # a damaged or newer file: the old workshop is back
            restored = getattr(exc, "session", None)  # app.SwitchFailed
            window = restored.window if restored is not None else self.window
            install(window)
            window.preparer._tell(self.tr("De werkplaats kan niet worden geopend:\n{e}")
                                  .format(e=getattr(exc, "error", exc)))
            return False
        return True

    def choose_and_save_template(self) -> None:
        suggested = default_folder() / f"{self.window.state.store.path.stem}-sjabloon.json"
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Opslaan als sjabloon"),
                                              str(suggested), self.tr("Sjabloon (*.json)"))
        if name:
            self.save_template(Path(name))

    def save_template(self, path: Path) -> Path | None:
        """The set-up as it stands (event, groups, rounds; no notes, no people)."""
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        state = self.window.state
        snapshot = Snapshot(workshop=state.workshop, groups=tuple(state.groups),
                            rounds=tuple(state.rounds), participants=(), notes=())
        try:
            templates.save(snapshot, path)
        except OSError as exc:
            self._tell(self.tr("Sjabloon niet opgeslagen: {e}").format(e=exc))
            return None
        remember_folder(path)
        self.window.statusBar().showMessage(
            self.tr("Sjabloon opgeslagen: {path}").format(path=path), 8000)
        return path

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Facilitator"), text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names are not markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_message = box
