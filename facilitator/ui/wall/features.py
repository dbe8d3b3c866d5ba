"""Hooks the wall's grouping, voting and action-point features into the main window:
the undoable wall edits (wall_controller), the search field, the results and actions
docks, the Muur menu with its shortcuts and Help > Sneltoetsen.

One entry point, `install(window)`, so the window itself stays a composer: it needs
`window.wall`, `state`, `bridge`, `undo_stack`, `note_entry`, `current_group_id()`,
`current_round_id()` and `_dock(title, name, widget, area)`. It takes over three of the
window's own connections so that they become undoable: a finished drag (was a plain
MoveNotesCommand), hide from the menu (was a direct SetNoteHidden) and the paper-note
field (was a direct AddNote).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.engine import (
    ClusterAdded,
    ClusterChanged,
    ClusterRemoved,
    NoteChanged,
    NoteRemoved,
    VotesChanged,
)
from facilitator.engine.events import ActionAdded, ActionChanged, ActionRemoved
from facilitator.ui.wall.actions_panel import ActionsPanel
from facilitator.ui.wall.cluster_item import ClusterItem
from facilitator.ui.wall.controller import WallController
from facilitator.ui.wall.note_item import NoteItem
from facilitator.ui.wall.results_panel import ResultsPanel
from facilitator.ui.wall.search_bar import SearchBar

_RANKING_EVENTS = (VotesChanged, ClusterAdded, ClusterChanged, ClusterRemoved, NoteChanged,
                   NoteRemoved)
_ACTION_EVENTS = (ActionAdded, ActionChanged, ActionRemoved, ClusterChanged, ClusterRemoved,
                  NoteChanged)


class WallFeatures(QObject):
    """Owns the added panels and keeps them on the wall shown. No signals."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = WallController(window)
        self.search = SearchBar()
        self.results = ResultsPanel()
        self.actions = ActionsPanel(window.state, window.bridge, self._selection,
                                    window.undo_stack, self.controller.refs)
        self.shortcuts: list[tuple[str, str]] = []  # (keys, what) for the help dialog
        self.help_dialog: QDialog | None = None

    def refresh(self) -> None:
        """Dots, ranking and actions of the wall now shown."""
        wall = self.window.wall
        if wall.key is None:
            return
        group_id, round_id = wall.key
        self.controller.refresh_dots()
        self.results.show_ranking(self.window.state.ranking(group_id, round_id),
                                  self.window.state.voter_count(group_id, round_id))
        if self.actions.key != wall.key:
            self.actions.set_wall(group_id, round_id)
        else:
            self.actions.refresh()

    def on_applied(self, events) -> None:
        self.controller.on_applied(events)
        kinds = tuple(type(e) for e in events)
        if any(issubclass(k, _RANKING_EVENTS) for k in kinds):
            self.refresh()
        elif any(issubclass(k, _ACTION_EVENTS) for k in kinds):
            self.actions.refresh()

    def _selection(self) -> tuple[int | None, int | None]:
        for item in self.window.wall.wall_scene.selectedItems():
            if isinstance(item, ClusterItem):
                return None, item.cluster_id
            if isinstance(item, NoteItem):
                return item.note_id, None
        return None, None

    def action_for_selection(self) -> None:
        selected = self.window.wall.wall_scene.selectedItems()
        if selected and isinstance(selected[0], ClusterItem):
            self.actions.prefill(selected[0].name(), None, selected[0].cluster_id)
        elif selected and isinstance(selected[0], NoteItem):
            self.actions.prefill(selected[0].text(), selected[0].note_id, None)
        self._raise(self.actions_dock)
        if not selected:
            self.actions.what.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_help(self) -> None:
        if self.help_dialog is None:
            self.help_dialog = _shortcut_dialog(self.window, self.shortcuts)
        self.help_dialog.show()

    @staticmethod
    def _raise(dock) -> None:
        dock.show()
        dock.raise_()


def install(window) -> WallFeatures:
    """Add clusters, merges, search, vote results and action points to `window` (once)."""
    existing = getattr(window, "wall_features", None)
    if existing is not None:
        return existing
    f = WallFeatures(window)
    window.wall_features = f
    c, wall, scene = f.controller, window.wall, window.wall.wall_scene
    wall.cluster_source = window.state.clusters_of

    for signal in (scene.notesMoved, scene.hideRequested, window.note_entry.noteEntered):
        signal.disconnect()
    scene.notesMoved.connect(c.on_notes_moved)
    scene.hideRequested.connect(c.on_hide_requested)
    window.note_entry.noteEntered.connect(c.add_paper_note)
    scene.clusterMoved.connect(c.on_cluster_moved)
    scene.editRequested.connect(c.edit)
    scene.menu_provider = c.fill_menu
    c.actionRequested.connect(lambda what, n, cl: (f.actions.prefill(what, n, cl),
                                                   f._raise(f.actions_dock)))
    f.search.searchChanged.connect(wall.set_search)
    window.state.applied.connect(f.on_applied)
    wall.wallShown.connect(lambda _g, _r: f.refresh())

    right = Qt.DockWidgetArea.RightDockWidgetArea
    f.results_dock = window._dock(window.tr("Uitslag stemming"), "results", f.results, right)
    f.actions_dock = window._dock(window.tr("Actiepunten"), "actions", f.actions, right)
    join_dock = getattr(window, "join_dock", None)
    if join_dock is not None:
        window.tabifyDockWidget(join_dock, f.actions_dock)
        join_dock.raise_()

    toolbar = QToolBar(window.tr("Zoeken"), window)
    toolbar.setObjectName("toolbar-search")
    toolbar.addWidget(f.search)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    menu = window.menuBar().addMenu(window.tr("&Muur"))
    on_wall = Qt.ShortcutContext.WidgetWithChildrenShortcut

    def add(label: str, keys: str, slot, *, context=Qt.ShortcutContext.WindowShortcut) -> QAction:
        action = QAction(label, window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        action.setToolTip(f"{label} ({keys})")
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        (wall if context == on_wall else window).addAction(action)
        f.shortcuts.append((keys, label.replace("&", "").rstrip("…")))
        return action

    f.find_action = add(window.tr("Zoeken"), "Ctrl+F", f.focus_search)
    menu.addSeparator()
    f.cluster_action = add(window.tr("Selectie clusteren"), "Ctrl+G", c.cluster_selection)
    f.merge_action = add(window.tr("Samenvoegen"), "Ctrl+M", c.merge_selection)
    f.edit_action = add(window.tr("Naam of tekst wijzigen"), "F2", c.edit_selection,
                        context=on_wall)
    f.hide_action = add(window.tr("Verbergen of weer tonen"), "Ctrl+H",
                        c.toggle_hidden_selection)
    f.delete_action = add(window.tr("Cluster opheffen"), "Delete", c.delete_clusters,
                          context=on_wall)
    f.paper_action = add(window.tr("Papieren briefje typen"), "Ctrl+Shift+N",
                         lambda: window.note_entry.field.setFocus())
    f.action_action = add(window.tr("Actiepunt maken…"), "Ctrl+Shift+A", f.action_for_selection)
    menu.addSeparator()
    menu.addAction(f.results_dock.toggleViewAction())
    menu.addAction(f.actions_dock.toggleViewAction())
    f.shortcuts += [
        ("Ctrl+Z", window.tr("Ongedaan maken")), ("Ctrl+Shift+Z / Ctrl+Y", window.tr("Opnieuw")),
        ("Ctrl+0", window.tr("Alle briefjes tonen")), ("Ctrl++ / Ctrl+-",
                                                       window.tr("In- en uitzoomen")),
        ("Ctrl+wiel", window.tr("Zoomen onder de muis")),
        (window.tr("Middelste knop of Alt+slepen"), window.tr("Muur verschuiven")),
        ("Esc", window.tr("Zoeken wissen")),
        (window.tr("Slepen op briefje"), window.tr("Cluster maken")),
        (window.tr("Slepen op cluster"), window.tr("In cluster leggen")),
        (window.tr("Slepen uit kader"), window.tr("Uit cluster halen")),
        (window.tr("Dubbelklik"), window.tr("Naam of tekst wijzigen")),
        ("Ctrl+E", window.tr("Verslag exporteren")),
    ]
    help_menu = window.menuBar().addMenu(window.tr("&Help"))
    f.help_action = QAction(window.tr("Sneltoetsen"), window)
    f.help_action.setShortcut(QKeySequence("F1"))
    f.help_action.triggered.connect(f.show_help)
    help_menu.addAction(f.help_action)
    window.addAction(f.help_action)

    # The window restored its docks before these existed; give them their saved places.
    saved = QSettings().value("main/state")
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        window.restoreState(saved)
    if window.current_group_id() is not None and window.current_round_id() is not None:
        group_id, round_id = window.current_group_id(), window.current_round_id()
        wall.show_wall(group_id, round_id, window.state.notes_of(group_id, round_id))
    return f


def _shortcut_dialog(parent: QWidget, shortcuts: list[tuple[str, str]]) -> QDialog:
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
