"""The facilitator's main window. It builds every panel, dock, toolbar, menu and key
itself, from parts with typed public methods, and connects them; each part keeps its own
logic (run/ for running rounds, wall/ for the wall's tools, prepare/ for files and the
editor). Reading __init__ is reading what the window has: nothing is added after it.

Where things go: a new dock is a widget (or part) built in __init__, placed with
`_dock(...)`, listed in the Beeld menu in `_build_menus`, and told about selection
changes in `_on_group_selected` / `_on_round_selected` if it follows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator import identity
from facilitator.domain.model import Phase
from facilitator.engine import ActiveRoundChanged, Command, Event
from facilitator.engine.events import GroupsChanged, RoundsChanged, TimerChanged, WorkshopChanged
from facilitator.ui.about import show_about
from facilitator.ui.address_banner import AddressBanner
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.failures import FailureNotice
from facilitator.ui.i18n import LanguageMenu
from facilitator.ui.network_check import NetworkCheck
from facilitator.ui.prepare import Preparer, SwitchWorkshop
from facilitator.ui.quit_guard import QuitGuard
from facilitator.ui.recent import RecentMenu, demo_workshop, is_demo
from facilitator.ui.run.day_flow import DayFlow
from facilitator.ui.run.features import RunFeatures
from facilitator.ui.run.groups_panel import GroupsPanel
from facilitator.ui.run.join_panel import JoinPanel
from facilitator.ui.run.note_entry import NoteEntry
from facilitator.ui.run.round_bar import RoundBar
from facilitator.ui.shortcuts_dialog import HELP_TEXT, shortcut_dialog, shortcut_rows
from facilitator.ui.state import WorkshopState
from facilitator.ui.storage_banner import StorageBanner, save_copy_dialog
from facilitator.ui.wall.features import WallFeatures
from facilitator.ui.wall.keyboard import wall_keys
from facilitator.ui.wall.suggestions_panel import DuplicateMarks, SuggestionsPanel
from facilitator.ui.wall.table_undo import TableUndo
from facilitator.ui.wall.view import WallView

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

_STATUS_MS = 8000
_ON_WALL = Qt.ShortcutContext.WidgetWithChildrenShortcut


def _scrolling(widget: QWidget) -> QScrollArea:
    """A tall panel that scrolls rather than pushing the window past a small screen
    (1366x768 at 125% leaves 614 logical pixels)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class MainWindow(QMainWindow):
    """Groups on the left, the selected wall in the middle, the join panel on the right;
    vote results and action points beside it, the overview of all groups below.

    `server` is None when the participant server could not start; `switch_workshop`
    replaces the running session with another file (None: the app cannot switch here);
    `data_folder` is where workshops go by default, said in Help > Over Facilitator;
    `wanted_port` the port the server was asked for (the workshop's own), so the window
    can say when it had to take another.

    Signals: none of its own; see the panels.
    """

    def __init__(
        self,
        state: WorkshopState,
        bridge: EngineBridge,
        server: ParticipantServer | None,
        list_addresses: Callable[[], list[str]],
        switch_workshop: SwitchWorkshop | None = None,
        parent: QWidget | None = None,
        data_folder: str = "",
        wanted_port: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_folder = data_folder  # where workshops go by default (Help > Over …)
        self.state = state
        self.bridge = bridge
        self.server = server
        self.undo_stack = TableUndo(self._table_name, self)  # one history per wall
        self._set_title()

        # -- the centre: round bar, paper-note field, wall
        self.round_bar = RoundBar(state)
        self.note_entry = NoteEntry()
        self.wall = WallView()
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        self.storage_banner = StorageBanner(bridge.engine)
        self.storage_banner.copyRequested.connect(self.save_copy)
        centre_layout.addWidget(self.storage_banner)
        # The workshop's port was taken at start, or the printed cards show another
        # address: said here, in full (the join panel has room for one line).
        self.address_banner = AddressBanner(wanted_port, server.port if server else None)
        centre_layout.addWidget(self.address_banner)
        centre_layout.addWidget(self.round_bar)
        centre_layout.addWidget(self.note_entry)
        centre_layout.addWidget(self.wall, 1)
        self.setCentralWidget(centre)

        # -- the parts
        self.groups = GroupsPanel(state)
        self.join_panel = JoinPanel(server, list_addresses, state=state)
        self.join_panel.cardsWarningChanged.connect(self.address_banner.set_cards_warning)
        self.address_banner.set_cards_warning(self.join_panel.cards_warning())
        self.wall_features = WallFeatures(self.wall, state, bridge, self.undo_stack, self)
        self.run_features = RunFeatures(
            state,
            bridge,
            server,
            self.join_panel.address,
            self.current_round_id,
            self.current_group_id,
            self,
        )
        self.suggestions = SuggestionsPanel(
            state,
            bridge,
            self.undo_stack,
            language=lambda: state.workshop.language,
            item_for=self.wall.item,
            room_for=self.wall.room_for_frame,
        )
        self.duplicate_marks = DuplicateMarks(state, self.wall.item, self)
        self.network_check = NetworkCheck(server, self.join_panel.address())
        self.preparer = Preparer(state, bridge, self.join_panel.base_url, switch_workshop, self)
        self.language_menu = LanguageMenu(self)
        self.quit_guard = QuitGuard(
            state, lambda: server.connected_count() if server is not None else 0, self
        )
        self._quit_confirmed = False
        self.day_flow = DayFlow(state, bridge.submit, self)
        self.recent_menu = RecentMenu(self.tr("&Recent geopend"), state.store.path, self)
        self.help_dialog: QDialog | None = None
        self.failure = FailureNotice(self.statusBar(), self)  # refusals, in words

        # -- docks and toolbars
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.groups_dock = self._dock(self.tr("Groepen"), "groups", self.groups, left)
        screen = self.screen() or QGuiApplication.primaryScreen()
        small = screen is not None and screen.availableGeometry().height() < 740
        # 1366x768 at 100% too: below the QR code, URL, code and network rows do not all
        # fit, and a squeezed layout drew the code over its URL; scroll instead
        short = screen is not None and screen.availableGeometry().height() < 900
        self.join_dock = self._dock(
            self.tr("Meedoen met je telefoon"),
            "join",
            # on a short screen the panel scrolls rather than push the window off-screen
            _scrolling(self.join_panel) if short else self.join_panel,
            right,
        )
        self.resizeDocks([self.groups_dock, self.join_dock], [260, 340], Qt.Orientation.Horizontal)
        self.results_dock = self._dock(
            self.tr("Uitslag stemming"), "results", self.wall_features.results, right
        )
        self.actions_dock = self._dock(
            self.tr("Actiepunten"), "actions", self.wall_features.actions, right
        )
        self.tabifyDockWidget(self.join_dock, self.actions_dock)
        self.overview_dock = self._dock(
            self.run_features.overview_title,
            "overview",
            self.run_features.overview,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.network_dock = self._dock(
            self.tr("Netwerkcontrole"), "network-check", self.network_check, right
        )
        self.tabifyDockWidget(self.join_dock, self.network_dock)
        self.suggestions_dock = self._dock(
            self.tr("Voorstellen"), "suggestions", self.suggestions, right
        )
        self.tabifyDockWidget(self.join_dock, self.suggestions_dock)
        if small:  # the join panel gets the column's height: QR code and URL both in view
            self.tabifyDockWidget(self.join_dock, self.results_dock)
        if short:
            self.join_panel.fit_short_screen()  # the QR code gives way, never covers the URL
        self.join_dock.raise_()
        # the wall gets the height; the overview shows a few rows and scrolls
        self.resizeDocks([self.overview_dock], [150], Qt.Orientation.Vertical)

        search_bar = QToolBar(self.tr("Zoeken"), self)
        search_bar.setObjectName("toolbar-search")  # saveState needs a stable name
        search_bar.addWidget(self.wall_features.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, search_bar)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.run_features.toolbar)

        # (keys, what) for Help > Sneltoetsen beyond the actions, which it lists by itself
        self.shortcuts: list[tuple[str, str]] = []
        self._build_menus()
        self._connect()
        self.groups.set_round(self.round_bar.current_round_id())
        self.run_features.show_round(self.current_round_id())
        first = self.groups.current_group_id()  # the panel starts on the first group
        if first is not None:
            self._on_group_selected(first)
        else:
            self.run_features.show_group(None)
        names = self.groups.minimumSizeHint().width() + 4  # names whole, not squeezed
        for dock, width in ((self.groups_dock, max(170, names)), (self.join_dock, 280)):
            dock.setMinimumWidth(width)  # names and the QR code stay readable at 1366x768
        self._default_layout = self.saveState()  # what View > Reset layout goes back to
        self._restore_settings()
        self.statusBar().showMessage(self.tr("Werkplaats: {path}").format(path=state.store.path))

    # -- building ---------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState needs a stable name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _action(
        self,
        menu: QMenu,
        label: str,
        keys: QKeySequence | str,
        slot: Callable[[], object],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> QAction:
        """A menu entry with its key; the key works on the window (or, for `_ON_WALL`,
        while the wall has focus) even when the menu bar is hidden."""
        action = QAction(label, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu(self.tr("&Bestand"))
        prepare = self.preparer
        for action in (prepare.new_action, prepare.open_action):
            file_menu.addAction(action)
        file_menu.addMenu(self.recent_menu)
        self.demo_action = self._action(
            file_menu,
            self.tr("&Demo-werkplaats openen"),
            "",
            lambda: prepare.open_workshop(demo_workshop()),
        )
        file_menu.addAction(prepare.save_template_action)
        file_menu.addSeparator()
        file_menu.addAction(prepare.edit_action)
        file_menu.addSeparator()
        self.export_action = self._action(
            file_menu, self.tr("Verslag &exporteren…"), "Ctrl+E", prepare.show_export_dialog
        )
        self.save_copy_action = QAction(self.tr("&Kopie opslaan…"), self)
        self.save_copy_action.setStatusTip(
            self.tr(
                "Een volledige kopie, ook van de nieuwste notities. Het open bestand zelf "
                "kopiëren is geen reservekopie."
            )
        )
        self.save_copy_action.triggered.connect(lambda _checked=False: self.save_copy())
        file_menu.addAction(self.save_copy_action)
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu,
            self.tr("&Afsluiten"),
            "Ctrl+Q",  # also where the platform has no standard Quit key (Windows)
            self.close,
        )

        self.edit_menu = edit_menu = bar.addMenu(self.tr("Be&werken"))
        undo, redo = self.undo_stack.undo_action, self.undo_stack.redo_action
        undo.setProperty(HELP_TEXT, self.tr("Ongedaan maken (op de tafel in beeld)"))
        redo.setProperty(HELP_TEXT, self.tr("Opnieuw (op de tafel in beeld)"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        self.view_menu = view = bar.addMenu(self.tr("Bee&ld"))
        self.fit_action = self._action(
            view, self.tr("Alle briefjes tonen"), "Ctrl+0", self.wall.fit_all
        )
        self._action(
            view,
            self.tr("Inzoomen"),
            QKeySequence(QKeySequence.StandardKey.ZoomIn),
            lambda: self.wall.zoom_by(1.25),
        )
        self._action(
            view,
            self.tr("Uitzoomen"),
            QKeySequence(QKeySequence.StandardKey.ZoomOut),
            lambda: self.wall.zoom_by(0.8),
        )
        view.addSeparator()
        view.addAction(self.groups_dock.toggleViewAction())
        view.addAction(self.join_dock.toggleViewAction())
        view.addSeparator()
        self.next_step_action = self._action(
            view, self.tr("&Volgende stap"), "Ctrl+Return", self.next_step
        )
        self.next_step_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("PgDown")])
        self.addAction(self.next_step_action)
        self.next_pane_action = self._action(
            view, self.tr("Volgend &paneel"), "F6", lambda: self.focus_pane(1)
        )
        self.previous_pane_action = self._action(
            view, self.tr("Vorig paneel"), "Shift+F6", lambda: self.focus_pane(-1)
        )
        self.addActions([self.next_pane_action, self.previous_pane_action])
        view.addMenu(self.run_features.projector_menu)
        view.addAction(self.overview_dock.toggleViewAction())
        self.network_check_action = self._action(
            view, self.tr("Netwerk controleren…"), "Ctrl+T", self.show_network_check
        )
        self.addAction(self.network_check_action)
        view.addSeparator()
        self.reset_layout_action = self._action(
            view, self.tr("Indeling &herstellen"), "", self.reset_layout
        )
        view.addMenu(self.language_menu.menu)

        self._build_wall_menu(bar.addMenu(self.tr("&Muur")))
        bar.addMenu(self.run_features.timer_menu)
        for action in self.run_features.window_actions:
            self.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        self.help_action = self._action(help_menu, self.tr("Sneltoetsen"), "F1", self.show_help)
        self.addAction(self.help_action)
        help_menu.addSeparator()
        self.about_action = self._action(
            help_menu, self.tr("&Over {name}…").format(name=identity.NAME), "", self.show_about
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _build_wall_menu(self, menu: QMenu) -> None:
        f, c = self.wall_features, self.wall_features.controller

        def add(
            label: str,
            keys: str,
            slot: Callable[[], object],
            context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
        ) -> QAction:
            action = self._action(menu, label, keys, slot, context)
            action.setToolTip(f"{label} ({keys})")
            (self.wall if context == _ON_WALL else self).addAction(action)
            return action

        self.find_action = add(self.tr("Zoeken"), "Ctrl+F", f.focus_search)
        menu.addSeparator()
        self.cluster_action = add(self.tr("Selectie clusteren"), "Ctrl+G", c.cluster_selection)
        self.merge_action = add(self.tr("Samenvoegen"), "Ctrl+M", c.merge_selection)
        self.rename_action = add(
            self.tr("Naam of tekst wijzigen"), "F2", c.edit_selection, _ON_WALL
        )
        self.hide_action = add(
            self.tr("Verbergen of weer tonen"), "Ctrl+H", c.toggle_hidden_selection
        )
        self.delete_action = add(self.tr("Cluster opheffen"), "Delete", c.delete_clusters, _ON_WALL)
        self.paper_action = add(
            self.tr("Papieren briefje typen"), "Ctrl+Shift+N", self.note_entry.field.setFocus
        )
        self.action_action = add(
            self.tr("Actiepunt maken…"), "Ctrl+Shift+A", f.action_for_selection
        )
        self.suggest_action = add(
            self.tr("Groepen voorstellen…"), "Ctrl+Shift+G", self.suggest_groups
        )
        move_menu = menu.addMenu(self.tr("Selectie &verplaatsen"))
        self.move_actions = [
            self._action(move_menu, label, keys, partial(c.nudge, dx, dy), _ON_WALL)
            for label, keys, (dx, dy) in (
                (self.tr("Naar links"), "Ctrl+Left", (-1, 0)),
                (self.tr("Naar rechts"), "Ctrl+Right", (1, 0)),
                (self.tr("Omhoog"), "Ctrl+Up", (0, -1)),
                (self.tr("Omlaag"), "Ctrl+Down", (0, 1)),
            )
        ]
        self.wall.addActions(self.move_actions)
        menu.addSeparator()
        menu.addAction(self.results_dock.toggleViewAction())
        menu.addAction(self.actions_dock.toggleViewAction())
        menu.addAction(self.suggestions_dock.toggleViewAction())
        self.shortcuts += [
            ("Ctrl+Z", self.tr("Ongedaan maken")),
            ("Ctrl+Shift+Z / Ctrl+Y", self.tr("Opnieuw")),
            ("Ctrl+0", self.tr("Alle briefjes tonen")),
            ("Ctrl++ / Ctrl+-", self.tr("In- en uitzoomen")),
            (self.tr("Ctrl+wiel"), self.tr("Zoomen onder de muis")),
            (self.tr("Middelste knop of Alt+slepen"), self.tr("Muur verschuiven")),
            ("Esc", self.tr("Zoeken wissen")),
            (self.tr("Slepen op briefje"), self.tr("Cluster maken")),
            (self.tr("Slepen op cluster"), self.tr("In cluster leggen")),
            (self.tr("Ctrl+G met een cluster erbij"), self.tr("Losse briefjes in dat cluster")),
            (self.tr("Slepen uit kader"), self.tr("Uit cluster halen")),
            (self.tr("Dubbelklik"), self.tr("Naam of tekst wijzigen")),
            ("Ctrl+E", self.tr("Verslag exporteren")),
        ]

    def _connect(self) -> None:
        self.bridge.changed.connect(self.state.apply)
        self.bridge.changed.connect(self.storage_banner.note_events)
        self.bridge.commandFailed.connect(self._on_command_failed)
        self.state.applied.connect(self._on_applied)
        self.groups.groupSelected.connect(self._on_group_selected)
        self.round_bar.roundSelected.connect(self._on_round_selected)
        self.round_bar.phaseRequested.connect(self.request_phase)
        self.note_entry.noteEntered.connect(self.wall_features.controller.add_paper_note)
        self.quit_guard.quitConfirmed.connect(self._quit_anyway)
        self.day_flow.said.connect(self._on_day_flow_said)
        self.recent_menu.openRequested.connect(lambda name: self.preparer.open_workshop(Path(name)))
        self.wall_features.controller.statusMessage.connect(self.statusBar().showMessage)
        self.wall_features.actionsWanted.connect(lambda: self._bring_forward(self.actions_dock))
        self.wall.wallShown.connect(self.suggestions.set_wall)
        self.wall.wallShown.connect(self.duplicate_marks.set_wall)
        self.suggestions.focusNotes.connect(self._select_notes)
        self.join_panel.addressChanged.connect(self.network_check.set_address)
        self.join_panel.addressChanged.connect(lambda _a: self.run_features.projector.refresh())
        overview = self.run_features.overview
        overview.groupActivated.connect(self.groups.select_group)
        overview.phaseRequested.connect(
            lambda round_id, group_id, phase: self.request_phase(round_id, phase, group_id)
        )

    def _set_title(self) -> None:
        title = self.tr("Facilitator — {title}").format(title=self.state.workshop.title)
        if is_demo(self.state.store.path):
            title = self.tr("{title} (demo)").format(title=title)
        self.setWindowTitle(title)

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
        self.undo_stack.show_wall(group_id, round_id)  # Ctrl+Z acts on this table only

    def _view_key(self) -> tuple[int | None, int | None]:
        return self.current_group_id(), self.current_round_id()

    def _table_name(self, group_id: int) -> str:
        group = self.state.group(group_id)
        return group.name if group is not None else ""

    def _on_group_selected(self, group_id: int) -> None:
        self.failure.view_changed(self._view_key())
        self.join_panel.set_group(self.state.group(group_id))
        self.round_bar.show_group(group_id)
        self._show_wall()
        self.run_features.show_group(group_id)

    def _on_round_selected(self, round_id: int) -> None:
        self.failure.view_changed(self._view_key())
        self.groups.set_round(round_id)
        self._show_wall()
        self.run_features.show_round(round_id)

    def _on_applied(self, events: Sequence[Event]) -> None:
        self.failure.on_events(events)  # a refused change that got through after all
        self.wall.apply(events)
        self.groups.refresh()
        kinds = {type(e) for e in events}
        if GroupsChanged in kinds:
            self.groups.rebuild()
            self.join_panel.set_group(self.state.group(self.current_group_id() or -1))
        if WorkshopChanged in kinds:
            self._set_title()
        if kinds & {ActiveRoundChanged, RoundsChanged, TimerChanged}:
            self.round_bar.reload_rounds()
        else:
            self.round_bar.show_group(self.current_group_id())
        self._show_wall()  # the shown group or round may be gone
        self.wall_features.on_applied(events)
        self.duplicate_marks.on_applied(events)
        self.suggestions.on_applied(events)

    def _on_day_flow_said(self, text: str) -> None:
        self.statusBar().showMessage(text, _STATUS_MS)
        self.round_bar.show_group(self.current_group_id())  # un-light a phase not taken

    def _on_command_failed(self, command: Command, error: BaseException) -> None:
        editor = self.preparer.editor
        if editor is None or not editor.shows_failure(command):  # said there, not twice
            self.failure.show(command, error)  # in words, gone with its subject
        self.round_bar.show_group(self.current_group_id())  # un-light a refused phase

    def request_phase(self, round_id: int, phase: Phase, group_id: int | None = None) -> None:
        """Set the round's phase for every group (or only `group_id`); DayFlow makes the
        round active when needed and asks first when phones would leave a running round."""
        self.day_flow.request_phase(round_id, phase, group_id)

    def next_step(self) -> None:
        """Ctrl+Enter or Page Down: the active round's tables move on (DayFlow)."""
        self.day_flow.next_step(self.current_round_id())

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard jumps between the day's panes (groups, round and
        phases, wall, overview) instead of tabbing through every button between them."""
        panes: list[QWidget] = [
            self.groups,
            self.round_bar.combo,
            self.wall,
            self.run_features.overview,
        ]
        panes = [p for p in panes if p.isVisible()]
        if not panes:
            return
        focus = QApplication.focusWidget()
        here = next(
            (
                i
                for i, p in enumerate(panes)
                if focus is not None and (p is focus or p.isAncestorOf(focus))
            ),
            -1,
        )
        start = here if here >= 0 else (-1 if step > 0 else 0)
        panes[(start + step) % len(panes)].setFocus(Qt.FocusReason.ShortcutFocusReason)

    @staticmethod
    def _bring_forward(dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def suggest_groups(self) -> None:
        """Muur > Groepen voorstellen: the panel in front, proposals for the wall shown."""
        self._bring_forward(self.suggestions_dock)
        self.suggestions.suggest()

    def _select_notes(self, note_ids: tuple[int, ...]) -> None:
        """The shown proposal's notes selected on the wall, so the eye finds them."""
        self.wall.wall_scene.clearSelection()
        items = [i for i in (self.wall.item(n) for n in note_ids) if i is not None]
        for item in items:
            item.setSelected(True)
        if items:
            self.wall.ensureVisible(items[0])

    def show_network_check(self) -> None:
        self._bring_forward(self.network_dock)
        self.network_check.start_test()

    def bring_forward(self) -> None:
        """This workshop was asked for again (File > Openen, Recent): show this window."""
        self.showNormal() if self.isMinimized() else self.show()
        if QGuiApplication.platformName() != "offscreen":  # it cannot raise, and warns
            self.raise_()
            self.activateWindow()
        self.statusBar().showMessage(
            self.tr("Deze werkplaats is al open in dit venster."), _STATUS_MS
        )

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """Help > Sneltoetsen: every action's keys (read from the actions themselves),
        then the keys that are not actions: the wall's arrows, mouse, the projector."""
        listed = {
            k.toString(QKeySequence.SequenceFormat.NativeText)
            for a in self.findChildren(QAction)
            for k in a.shortcuts()
        }
        extra = [
            (keys, what, self.tr("Muur"))
            for keys, what in (*wall_keys(), *self.shortcuts)
            if not {k.strip() for k in keys.split(" / ")} <= listed  # no row twice
        ]
        projector = self.tr("Projectorvenster")
        extra += [
            ("F11", self.tr("Volledig scherm aan of uit"), projector),
            ("Esc", self.tr("Volledig scherm uit, nog eens: sluiten"), projector),
        ]
        return shortcut_rows(self, self.menuBar(), extra)

    def show_help(self) -> None:
        """F1: the list is made afresh, so it shows the keys as they are now."""
        if self.help_dialog is not None and self.help_dialog.isVisible():
            self.help_dialog.activateWindow()
            return
        if self.help_dialog is not None:
            self.help_dialog.deleteLater()
        self.help_dialog = shortcut_dialog(self, self.shortcut_rows())
        self.help_dialog.show()
        self.help_dialog.activateWindow()  # the keys go to the list: Esc closes it

    def show_about(self) -> None:
        show_about(self, self.data_folder)

    # -- settings ---------------------------------------------------------------------

    def _restore_settings(self) -> None:
        """Geometry and the places of docks and toolbars, once, after all exist."""
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(self._default_size())
        state = settings.value("main/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def close_without_asking(self) -> bool:
        """The app switches files or shuts down on purpose (Host, Ctrl+C): no question."""
        self._quit_confirmed = True
        return self.close()

    def _quit_anyway(self) -> None:
        self._quit_confirmed = True
        self.close()

    def _default_size(self) -> QSize:
        """1400x900 where it fits; on a smaller screen (1366x768, or 125% scaling) the
        space the screen leaves, so the first window is never cut off."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1400, 900)
        available = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar, borders
        return QSize(
            min(1400, available.width() - frame.width()),
            min(900, available.height() - frame.height()),
        )

    def reset_layout(self) -> None:
        """View > Reset layout: every dock and toolbar back where it was at first start,
        the window fitted to its screen again."""
        self.restoreState(self._default_layout)
        for dock in (self.groups_dock, self.join_dock, self.results_dock, self.overview_dock):
            dock.show()
        self.join_dock.raise_()
        if self.isMaximized() or self.isFullScreen():
            self.showNormal()
        self.resize(self._default_size())
        screen = self.screen()
        if screen is not None:
            self.move(screen.availableGeometry().topLeft())
        self.resizeDocks([self.groups_dock, self.join_dock], [200, 320], Qt.Orientation.Horizontal)
        self.resizeDocks([self.overview_dock], [150], Qt.Orientation.Vertical)

    def save_copy(self) -> Path | None:
        """File > Save a copy: complete, through SQLite's backup API (storage_banner)."""
        return save_copy_dialog(self, self.state.store)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ctrl+Q and the close button both land here: while phones are connected or a
        round runs, ask first (QuitGuard) and stay unless the facilitator confirms."""
        if not self._quit_confirmed and not self.quit_guard.ask():
            event.ignore()
            return
        self.storage_banner.detach()
        self.preparer.flush()  # open edits in the workshop editor go in first
        self.run_features.projector.close()
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        super().closeEvent(event)
