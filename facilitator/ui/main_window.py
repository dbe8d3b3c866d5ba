"""The facilitator's main window. It composes the panels and connects their signals to
the engine; each panel keeps its own logic (groups_panel, round_bar, wall, join_panel).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import Phase
from facilitator.engine import (
    ActiveRoundChanged,
    AddNote,
    Event,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
)
from facilitator.engine.events import GroupsChanged, RoundsChanged, TimerChanged, WorkshopChanged
from facilitator.report.options import ReportOptions
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.prepare.export_task import ExportTask
from facilitator.ui.run.groups_panel import GroupsPanel
from facilitator.ui.run.join_panel import JoinPanel
from facilitator.ui.run.note_entry import NoteEntry
from facilitator.ui.run.round_bar import RoundBar
from facilitator.ui.state import WorkshopState
from facilitator.ui.wall.undo import MoveNotesCommand
from facilitator.ui.wall.view import WallView

_STATUS_MS = 8000


class MainWindow(QMainWindow):
    """Groups on the left, the selected wall in the middle, the join panel on the right.

    Signals: none of its own; see the panels.
    """

    def __init__(self, state: WorkshopState, bridge: EngineBridge, server,
                 list_addresses: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.bridge = bridge
        self.server = server  # None when the participant server could not start
        self.undo_stack = QUndoStack(self)
        self._exports: list[ExportTask] = []  # keep jobs alive until they report back
        self.setWindowTitle(self.tr("Facilitator — {title}").format(title=state.workshop.title))

        self.round_bar = RoundBar(state)
        self.note_entry = NoteEntry()
        self.wall = WallView()
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.round_bar)
        centre_layout.addWidget(self.note_entry)
        centre_layout.addWidget(self.wall, 1)
        self.setCentralWidget(centre)

        self.groups = GroupsPanel(state)
        self.groups_dock = self._dock(self.tr("Groepen"), "groups", self.groups,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.join_panel = JoinPanel(server, list_addresses)
        self.join_dock = self._dock(self.tr("Meedoen met je telefoon"), "join", self.join_panel,
                                    Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.groups_dock, self.join_dock], [260, 340], Qt.Orientation.Horizontal)

        self._build_menus()
        self._connect()
        self.groups.set_round(self.round_bar.current_round_id())
        first = self.groups.current_group_id()  # the panel starts on the first group
        if first is not None:
            self._on_group_selected(first)
        self._restore_settings()
        self.statusBar().showMessage(self.tr("Werkplaats: {path}").format(path=state.store.path))

    # -- building ---------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState needs a stable name
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        self.export_action = QAction(self.tr("Verslag &exporteren…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_report)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Afsluiten"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        self.edit_menu = edit_menu = self.menuBar().addMenu(self.tr("Be&werken"))
        undo = self.undo_stack.createUndoAction(self, self.tr("Ongedaan maken"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("Opnieuw"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        self.view_menu = view_menu = self.menuBar().addMenu(self.tr("Bee&ld"))
        self.fit_action = QAction(self.tr("Alle briefjes tonen"), self)
        self.fit_action.setShortcut(QKeySequence("Ctrl+0"))
        self.fit_action.triggered.connect(self.wall.fit_all)
        zoom_in = QAction(self.tr("Inzoomen"), self)
        zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
        zoom_in.triggered.connect(lambda: self.wall.zoom_by(1.25))
        zoom_out = QAction(self.tr("Uitzoomen"), self)
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self.wall.zoom_by(0.8))
        for action in (self.fit_action, zoom_in, zoom_out):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.groups_dock.toggleViewAction())
        view_menu.addAction(self.join_dock.toggleViewAction())

    def _connect(self) -> None:
        self.bridge.changed.connect(self.state.apply)
        self.bridge.commandFailed.connect(self._on_command_failed)
        self.state.applied.connect(self._on_applied)
        self.groups.groupSelected.connect(self._on_group_selected)
        self.round_bar.roundSelected.connect(self._on_round_selected)
        self.round_bar.phaseRequested.connect(self.request_phase)
        self.note_entry.noteEntered.connect(self.add_paper_note)
        self.wall.wall_scene.notesMoved.connect(self._on_notes_moved)
        self.wall.wall_scene.hideRequested.connect(
            lambda note_id, hidden: self.bridge.submit(SetNoteHidden(note_id, hidden))
        )

    # -- reacting ---------------------------------------------------------------------

    def current_group_id(self) -> int | None:
        return self.groups.current_group_id()

    def current_round_id(self) -> int | None:
        return self.round_bar.current_round_id()

    def _show_wall(self) -> None:
        group_id, round_id = self.current_group_id(), self.current_round_id()
        if group_id is None or round_id is None:
            return
        if self.wall.key != (group_id, round_id):
            self.wall.show_wall(group_id, round_id, self.state.notes_of(group_id, round_id))

    def _on_group_selected(self, group_id: int) -> None:
        self.join_panel.set_group(self.state.group(group_id))
        self.round_bar.show_group(group_id)
        self._show_wall()

    def _on_round_selected(self, round_id: int) -> None:
        self.groups.set_round(round_id)
        self._show_wall()

    def _on_applied(self, events: Sequence[Event]) -> None:
        self.wall.apply(events)
        self.groups.refresh()
        kinds = {type(e) for e in events}
        if GroupsChanged in kinds:
            self.groups.rebuild()
            self.join_panel.set_group(self.state.group(self.current_group_id() or -1))
        if WorkshopChanged in kinds:
            self.setWindowTitle(self.tr("Facilitator — {title}").format(
                title=self.state.workshop.title))
        if kinds & {ActiveRoundChanged, RoundsChanged, TimerChanged}:
            self.round_bar.reload_rounds()
        else:
            self.round_bar.show_group(self.current_group_id())
        self._show_wall()  # the shown group or round may be gone

    def _on_notes_moved(self, moved) -> None:
        self.wall.drag_finished(moved)
        self.undo_stack.push(MoveNotesCommand(self.bridge, moved))

    def _on_command_failed(self, command, error: BaseException) -> None:
        self.statusBar().showMessage(
            self.tr("Niet gelukt ({what}): {why}").format(what=type(command).__name__, why=error),
            _STATUS_MS,
        )
        self.round_bar.show_group(self.current_group_id())  # un-light a refused phase

    def add_paper_note(self, text: str) -> None:
        """A note from paper lands on the wall shown, whatever phase phones are in."""
        group_id, round_id = self.current_group_id(), self.current_round_id()
        if group_id is not None and round_id is not None:
            self.bridge.submit(AddNote(group_id, text, round_id=round_id, is_paper=True))

    def request_phase(self, round_id: int, phase: Phase) -> None:
        """Set the round's phase for every group. Phones only ever see the workshop's
        active round, so starting a round (any phase past prepare) also makes it active."""
        if phase is not Phase.PREPARE and self.state.workshop.active_round_id != round_id:
            self.bridge.submit(SetActiveRound(round_id))
        self.bridge.submit(SetPhase(round_id, phase))

    # -- report -----------------------------------------------------------------------

    def export_report(self) -> None:
        settings = QSettings()
        folder = str(settings.value("export/folder", "") or Path.home())
        suggested = str(Path(folder) / f"{self.state.store.path.stem}-verslag.docx")
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Verslag exporteren"), suggested, self.tr("Word-document (*.docx)")
        )
        if target:
            settings.setValue("export/folder", str(Path(target).parent))
            self.start_export(Path(target))

    def start_export(self, target: Path) -> ExportTask:
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        # No Qt parent: the job must outlive a window closed while it runs.
        job = ExportTask(self.state.store.path, target, "docx", ReportOptions())
        job.finished.connect(lambda path, j=job: self._export_done(j, path))
        job.failed.connect(lambda why, j=job: self._export_failed(j, why))
        self._exports.append(job)
        self.statusBar().showMessage(self.tr("Verslag wordt gemaakt…"))
        job.start()
        return job

    def _export_done(self, job: ExportTask, path: str) -> None:
        self._exports.remove(job)
        self.statusBar().showMessage(self.tr("Verslag opgeslagen: {path}").format(path=path),
                                     _STATUS_MS)

    def _export_failed(self, job: ExportTask, why: str) -> None:
        self._exports.remove(job)
        self.statusBar().showMessage(self.tr("Verslag niet gemaakt: {why}").format(why=why),
                                     _STATUS_MS)

    # -- settings ---------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        state = settings.value("main/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        super().closeEvent(event)
