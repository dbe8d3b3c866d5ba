"""Running the session: the timer bar, the overview of all groups and the projector,
added to a main window by `install(window)` so the window module stays small.

Why a separate installer: the main window composes the panels that prepare and show a
wall; running rounds (timer, overview, projector) is a layer on top that reads the same
WorkshopState and submits through the same bridge, and only needs the window's public
parts: state, bridge, current_group_id(), current_round_id(), groups (select_group,
groupSelected), round_bar (roundSelected), join_panel (address, addressChanged), the
"Beeld" menu (found through fit_action) and _dock().

Keys on the main window: Space starts or pauses the timer, Ctrl+= adds a minute, F5 opens
the projector, 0-5 choose what the projector shows (0: follow the phase). Text fields
keep their own keys: Qt gives a focused line edit the space and the digits first.

Signals (RunFeatures): none of its own; see TimerBar, OverviewTable, ProjectorWindow.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from facilitator.domain.model import Phase
from facilitator.engine import SetActiveRound, SetPhase
from facilitator.ui.projector import AUTO, ProjectorWindow
from facilitator.ui.run.overview import OverviewTable
from facilitator.ui.run.timer_bar import TimerBar

_SCREEN_KEY = "projector/screen"


def screen_label(screen: QScreen) -> str:
    g = screen.geometry()
    return f"{screen.name() or '?'} ({g.width()}×{g.height()} @ {g.x()},{g.y()})"


class RunFeatures(QObject):
    """Owns the timer bar, overview dock and projector of one main window."""

    def __init__(self, window, server=None) -> None:
        super().__init__(window)
        self.window = window
        if server is None:
            server = getattr(window, "server", None)
        if server is None:  # MainWindow hands the server only to its join panel
            server = getattr(window.join_panel, "_server", None)
        self.server = server
        state, bridge = window.state, window.bridge

        self.timer_bar = TimerBar(state, bridge.submit, window.current_round_id)
        self.overview = OverviewTable(state, server)
        self.overview.set_round(window.current_round_id())
        self.overview.show_group(window.current_group_id())
        self.projector = ProjectorWindow(state, server, window.join_panel.address, parent=window)
        self.projector.set_round(window.current_round_id())
        self.projector.set_group(window.current_group_id())

        self.toolbar = QToolBar(self.tr("Timer en projector"), window)
        self.toolbar.setObjectName("toolbar-run")  # saveState needs a stable name
        self.toolbar.addWidget(self.timer_bar)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.overview_dock = window._dock(self.tr("Overzicht van alle groepen"), "overview",
                                          self.overview, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._build_actions()
        self._build_menus()
        self._connect()
        self._restore_layout()
        window.installEventFilter(self)

    # -- building -----------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | None, slot) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)  # keys work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        bar = self.timer_bar
        self.start_pause_action = self._action(self.tr("Timer starten/pauzeren"), "Space",
                                               bar.toggle)
        self.add_minute_action = self._action(self.tr("Eén minuut erbij"), "Ctrl+=",
                                              bar.add_minute)
        self.reset_action = self._action(self.tr("Timer opnieuw"), None, bar.reset)
        self.open_projector_action = self._action(self.tr("Projector &openen"), "F5",
                                                  self.open_projector)
        self.close_projector_action = self._action(self.tr("Projector sluiten"), None,
                                                   self.projector.close)
        self.mode_group = QActionGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_actions: dict[str, QAction] = {}
        for number, (mode, label) in enumerate(self.projector.mode_labels()):
            action = self._action(label, str(number), lambda _c=False, m=mode:
                                  self.projector.set_mode(m))
            action.setCheckable(True)
            action.setChecked(mode == AUTO)
            self.mode_group.addAction(action)
            self.mode_actions[mode] = action

    def _build_menus(self) -> None:
        window = self.window
        timer_menu = window.menuBar().addMenu(self.tr("&Timer"))
        for action in (self.start_pause_action, self.add_minute_action, self.reset_action):
            timer_menu.addAction(action)

        self.projector_menu = QMenu(self.tr("&Projector"), window)
        self.projector_menu.addAction(self.open_projector_action)
        self.projector_menu.addAction(self.close_projector_action)
        self.screen_menu = self.projector_menu.addMenu(self.tr("&Scherm"))
        self.screen_menu.aboutToShow.connect(self.rebuild_screen_menu)
        self.rebuild_screen_menu()
        self.projector_menu.addSeparator()
        for action in self.mode_actions.values():
            self.projector_menu.addAction(action)

        view_menu = next((o for o in window.fit_action.associatedObjects()
                          if isinstance(o, QMenu)), None)
        if view_menu is None:
            view_menu = window.menuBar().addMenu(self.tr("Bee&ld"))
        view_menu.addSeparator()
        view_menu.addMenu(self.projector_menu)
        view_menu.addAction(self.overview_dock.toggleViewAction())

        button = QToolButton()
        button.setText(self.tr("Projector"))
        button.setMenu(self.projector_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.clicked.connect(self.open_projector)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(button)

    def _connect(self) -> None:
        window = self.window
        window.round_bar.roundSelected.connect(self._on_round)
        window.groups.groupSelected.connect(self._on_group)
        window.join_panel.addressChanged.connect(lambda _a: self.projector.refresh())
        self.overview.groupActivated.connect(window.groups.select_group)
        self.overview.phaseRequested.connect(self.request_group_phase)
        self.projector.modeChanged.connect(self._on_mode)

    def _restore_layout(self) -> None:
        """The window restored its layout before these docks existed; once more now."""
        saved = QSettings().value("main/state")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.window.restoreState(saved)

    # -- reacting -----------------------------------------------------------------------

    def _on_round(self, round_id: int) -> None:
        self.overview.set_round(round_id)
        self.projector.set_round(round_id)
        self.timer_bar.tick()

    def _on_group(self, group_id: int) -> None:
        self.overview.show_group(group_id)
        self.projector.set_group(group_id)

    def _on_mode(self, mode: str) -> None:
        action = self.mode_actions.get(mode)
        if action is not None and not action.isChecked():
            action.setChecked(True)

    def request_group_phase(self, round_id: int, group_id: int, phase: Phase) -> None:
        """One group to another phase; as for all groups, a started round becomes the
        round phones see."""
        state = self.window.state
        if phase is not Phase.PREPARE and state.workshop.active_round_id != round_id:
            self.window.bridge.submit(SetActiveRound(round_id))
        self.window.bridge.submit(SetPhase(round_id, phase, (group_id,)))

    # -- projector ----------------------------------------------------------------------

    def chosen_screen(self) -> QScreen | None:
        """The screen picked before, else one that is not the laptop's, else the primary."""
        screens = QGuiApplication.screens()
        wanted = QSettings().value(_SCREEN_KEY, "")
        for screen in screens:
            if screen.name() == wanted:
                return screen
        own = self.window.screen()
        return next((s for s in screens if s is not own), QGuiApplication.primaryScreen())

    def choose_screen(self, name: str) -> None:
        QSettings().setValue(_SCREEN_KEY, name)
        if self.projector.isVisible():
            self.open_projector()

    def rebuild_screen_menu(self) -> None:
        """One checkable entry per connected screen (a beamer may be plugged in late)."""
        self.screen_menu.clear()
        chosen = self.chosen_screen()
        group = QActionGroup(self.screen_menu)
        for screen in QGuiApplication.screens():
            action = self.screen_menu.addAction(screen_label(screen).replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(screen is chosen)
            name = screen.name()
            action.setData(name)
            group.addAction(action)
            action.triggered.connect(lambda _c=False, n=name: self.choose_screen(n))

    def open_projector(self) -> ProjectorWindow:
        self.projector.set_round(self.window.current_round_id())
        self.projector.set_group(self.window.current_group_id())
        self.projector.open_on(self.chosen_screen())
        return self.projector

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.projector.close()
        return False


def install(window, server=None) -> None:
    """Add timer bar, overview dock, projector menu and keys to `window` (a MainWindow).
    `server` defaults to the window's participant server; None is fine (no phones)."""
    if getattr(window, "run_features", None) is None:  # once per window
        window.run_features = RunFeatures(window, server)
