"""The wall's grouping, voting and action-point tools as one part: the undoable wall
edits (controller.py), the search field, the vote results and the action points.

The main window places the widgets (docks, toolbar) and builds the Muur menu from the
typed methods here; this part only keeps the panels on the wall shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack

from facilitator.engine import (
    ClusterAdded,
    ClusterChanged,
    ClusterRemoved,
    Event,
    NoteChanged,
    NoteRemoved,
    VotesChanged,
)
from facilitator.engine.events import ActionAdded, ActionChanged, ActionRemoved
from facilitator.ui.bridge import EngineBridge
from facilitator.ui.state import WorkshopState
from facilitator.ui.wall.actions_panel import ActionsPanel
from facilitator.ui.wall.cluster_item import ClusterItem
from facilitator.ui.wall.controller import WallController
from facilitator.ui.wall.note_item import NoteItem
from facilitator.ui.wall.results_panel import ResultsPanel
from facilitator.ui.wall.search_bar import SearchBar
from facilitator.ui.wall.view import WallView

_RANKING_EVENTS = (
    VotesChanged,
    ClusterAdded,
    ClusterChanged,
    ClusterRemoved,
    NoteChanged,
    NoteRemoved,
)
_ACTION_EVENTS = (
    ActionAdded,
    ActionChanged,
    ActionRemoved,
    ClusterChanged,
    ClusterRemoved,
    NoteChanged,
)


class WallFeatures(QObject):
    """Owns the wall's controller, search bar, results and actions panels.

    Signals:
        actionsWanted(): the action points panel should come to the front (an action
            point is being made for the selection).
    """

    actionsWanted = Signal()

    def __init__(
        self,
        wall: WallView,
        state: WorkshopState,
        bridge: EngineBridge,
        undo_stack: QUndoStack,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.wall = wall
        self.state = state
        self.controller = WallController(wall, state, bridge, undo_stack, self)
        self.search = SearchBar()
        self.results = ResultsPanel()
        self.actions = ActionsPanel(state, bridge, self.selection, undo_stack)
        c, scene = self.controller, wall.wall_scene
        wall.cluster_source = state.clusters_of
        scene.notesMoved.connect(c.on_notes_moved)
        scene.hideRequested.connect(c.on_hide_requested)
        scene.clusterMoved.connect(c.on_cluster_moved)
        scene.editRequested.connect(c.edit)
        scene.menu_provider = c.fill_menu
        c.actionRequested.connect(self.prefill_action)
        self.search.searchChanged.connect(wall.set_search)
        wall.wallShown.connect(lambda _g, _r: self.refresh())

    def refresh(self) -> None:
        """Dots, ranking and actions of the wall now shown."""
        if self.wall.key is None:
            return
        group_id, round_id = self.wall.key
        self.controller.refresh_dots()
        self.results.show_ranking(
            self.state.ranking(group_id, round_id), self.state.voter_count(group_id, round_id)
        )
        if self.actions.key != self.wall.key:
            self.actions.set_wall(group_id, round_id)
        else:
            self.actions.refresh()

    def on_applied(self, events: Sequence[Event]) -> None:
        self.controller.on_applied(events)
        kinds = tuple(type(e) for e in events)
        if any(issubclass(k, _RANKING_EVENTS) for k in kinds):
            self.refresh()
        elif any(issubclass(k, _ACTION_EVENTS) for k in kinds):
            self.actions.refresh()

    def selection(self) -> tuple[int | None, int | None]:
        """(note id, None) or (None, cluster id) of the first selected item, else Nones."""
        for item in self.wall.wall_scene.selectedItems():
            if isinstance(item, ClusterItem):
                return None, item.cluster_id
            if isinstance(item, NoteItem):
                return item.note_id, None
        return None, None

    def prefill_action(self, what: str, note_id: int | None, cluster_id: int | None) -> None:
        self.actions.prefill(what, note_id, cluster_id)
        self.actionsWanted.emit()

    def action_for_selection(self) -> None:
        selected = self.wall.wall_scene.selectedItems()
        if selected and isinstance(selected[0], ClusterItem):
            self.actions.prefill(selected[0].name(), None, selected[0].cluster_id)
        elif selected and isinstance(selected[0], NoteItem):
            self.actions.prefill(selected[0].text(), selected[0].note_id, None)
        self.actionsWanted.emit()
        if not selected:
            self.actions.what.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
