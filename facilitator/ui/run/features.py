"""Running the session: the timer bar, the overview of all groups and the projector, as
one part of the main window.

Why a part of its own: the main window composes the panels that prepare and show a wall;
running rounds (timer, overview, projector) reads the same WorkshopState and submits
through the same bridge. This part builds its widgets, its actions (with their keys) and
its two menus (Timer, Projector); the main window places them (toolbar, dock, menu bar,
Beeld menu), tells it which group and round are shown (show_group, show_round: the
overview and the timer follow them, the projector does not: it shows the table it was set
to, Projector > Tafel op de projector, and the phones' round) and closes the projector
when it closes.

Keys on the main window: Ctrl+P starts or pauses the timer (not Space: Space presses the
focused button, as everywhere), Ctrl+= adds a minute, F5 opens the projector, 0-6 choose
what the projector shows (0: follow the phase). Text fields keep their own keys: Qt gives
a focused line edit the digits first.

Signals (RunFeatures): none of its own; see TimerBar, OverviewTable, ProjectorWindow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from facilitator.engine import Event, GroupsChanged
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.projector import AUTO, ProjectorWindow
from facilitator.ui.run.overview import OverviewTable
from facilitator.ui.run.timer_bar import TimerBar
from facilitator.ui.state import WorkshopState

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

_SCREEN_KEY = "projector/screen"


def screen_label(screen: QScreen) -> str:
    g = screen.geometry()
    return f"{screen.name() or '?'} ({g.width()}×{g.height()} @ {g.x()},{g.y()})"


class RunFeatures(QObject):
    """Owns the timer bar, overview, projector and their actions for one main window.

    `window` is the main window: parent of the projector and the actions, and the screen
    the projector avoids. `server` is None when phones cannot join (no server).
    """

    def __init__(self, state: WorkshopState, bridge: EngineBridge,
                 server: ParticipantServer | None, address: Callable[[], str],
                 current_round_id: Callable[[], int | None],
                 current_group_id: Callable[[], int | None], window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.server = server
        self._current_round_id = current_round_id
        self._current_group_id = current_group_id

        self.timer_bar = TimerBar(state, bridge.submit, current_round_id)
        self.overview = OverviewTable(state, server)
        self.overview_title = self.tr("Overzicht van alle groepen")
        self.projector = ProjectorWindow(state, server, address, parent=window,
                                         laptop_table=current_group_id)
        self._state = state

        self.toolbar = QToolBar(self.tr("Timer en projector"), window)
        self.toolbar.setObjectName("toolbar-run")  # saveState needs a stable name
        self.toolbar.addWidget(self.timer_bar)
        self._build_actions()
        self._build_menus()
        self.projector.modeChanged.connect(self._on_mode)
        self.projector.tableChanged.connect(self._on_table)
        self._on_table(self.projector.table())
        state.applied.connect(self._on_applied)

    # -- building -----------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window_actions.append(action)  # keys work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        self.window_actions: list[QAction] = []
        bar = self.timer_bar
        self.start_pause_action = self._action(self.tr("Timer starten/pauzeren"), "Ctrl+P",
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
            action = self._action(label, str(number), partial(self.projector.set_mode, mode))
            action.setCheckable(True)
            action.setChecked(mode == AUTO)
            self.mode_group.addAction(action)
            self.mode_actions[mode] = action

    def _build_menus(self) -> None:
        self.timer_menu = QMenu(self.tr("&Timer"), self.window)
        for action in (self.start_pause_action, self.add_minute_action, self.reset_action):
            self.timer_menu.addAction(action)

        self.projector_menu = QMenu(self.tr("&Projector"), self.window)
        self.projector_menu.addAction(self.open_projector_action)
        self.projector_menu.addAction(self.close_projector_action)
        self.screen_menu = self.projector_menu.addMenu(self.tr("&Scherm"))
        self.screen_menu.aboutToShow.connect(self.rebuild_screen_menu)
        self.rebuild_screen_menu()
        self.table_menu = self.projector_menu.addMenu(self.tr("&Tafel op de projector"))
        self.table_menu.setObjectName("projector-table-menu")
        self.table_menu.aboutToShow.connect(self.rebuild_table_menu)
        self.rebuild_table_menu()
        self.projector_menu.addSeparator()
        for action in self.mode_actions.values():
            self.projector_menu.addAction(action)

        button = QToolButton()
        button.setObjectName("projector-button")
        self.projector_button = button
        button.setText(self.tr("Projector"))
        button.setMenu(self.projector_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.clicked.connect(self.open_projector)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(button)

    # -- reacting -----------------------------------------------------------------------

    def show_round(self, round_id: int | None) -> None:
        """The round the main window shows (None: there are no rounds)."""
        self.overview.set_round(round_id)
        self.timer_bar.tick()

    def show_group(self, group_id: int | None) -> None:
        """The table the laptop shows; the projector keeps its own (see the docstring)."""
        self.overview.show_group(group_id)

    def rebuild_table_menu(self) -> None:
        """Projector > Tafel op de projector: the whole room, or one table; the checked
        one is shown."""
        self.table_menu.clear()
        group = QActionGroup(self.table_menu)
        pinned = self.projector.table()
        choices: list[tuple[int | None, str]] = [(None, self.tr("Hele zaal"))]
        choices += [(g.id, g.name) for g in sorted(self._state.groups, key=lambda g: g.position)]
        self.table_actions: dict[int | None, QAction] = {}
        for group_id, name in choices:
            action = self.table_menu.addAction(name.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(group_id == pinned)
            action.setData(group_id)
            group.addAction(action)
            action.triggered.connect(
                lambda _c=False, g=group_id: self.projector.set_table(g))
            self.table_actions[group_id] = action

    def _on_applied(self, events: Sequence[Event]) -> None:
        """Tables renamed, added or removed: the menu and the button say it at once."""
        if any(isinstance(event, GroupsChanged) for event in events):
            self.rebuild_table_menu()
        self._on_table(self.projector.table())

    def _on_table(self, group_id: int | None) -> None:
        """The toolbar says what the room sees, so a table picked on the laptop is not
        mistaken for the one on the projector."""
        group = self._state.group(group_id) if group_id is not None else None
        where = group.name if group is not None else self.tr("hele zaal")
        text = self.tr("Projector: {where}").format(where=where)
        if self.projector_button.text() == text:
            return  # called on every batch of changes (a table may be renamed)
        self.projector_button.setText(text)
        self.projector_button.setToolTip(
            self.tr("De projector toont: {where}. Kies een tafel via Projector > Tafel op "
                    "de projector.").format(where=where))

    def _on_mode(self, mode: str) -> None:
        action = self.mode_actions.get(mode)
        if action is not None and not action.isChecked():
            action.setChecked(True)

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
        self.projector.refresh()
        self.projector.open_on(self.chosen_screen())
        return self.projector
