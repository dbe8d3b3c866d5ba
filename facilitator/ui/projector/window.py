"""The projector window: one top-level window for the second screen, full screen on the
screen the facilitator picks, showing one of six views.

Why it shows the room, not the laptop's selection: while the facilitator clicks through
the tables on the laptop (to hide a note on table 3, to check table 5), the room keeps
looking at what it was shown. So the projector's table is its own choice (`set_table`,
Projector > Tafel op de projector; None is the whole room) and its round is the round
the phones are in (the workshop's active round). Choosing a table's view (wall,
results) by hand pins the table the laptop shows at that moment; after that, only that
menu (or another table's view chosen by hand) changes it.

Why it follows the phase: during a session the facilitator's hands are on the wall, not on
the projector; so by default the projector shows what the phase calls for: for a pinned
table its phase (prepare: join, collect: question, group: wall, vote and closed:
results), for the whole room the phase of the tables furthest behind (prepare: join,
collect: question, group: themes, vote and closed: plenary). A manual choice (menu, or
keys 1-6; 0 for automatic) overrides that until set back.

The texts the room reads are in the workshop's language (Workshop.language), whatever
the laptop's interface language is (common.Context.speak); the window's own title and
menu labels are the facilitator's, in the interface language.

Keys on the projector window: 1-6 choose a view, 0 automatic, F11 full screen on/off,
Esc leaves full screen, or closes the window when it is not full screen.

Signals:
    viewChanged(str): the name of the view now shown ("join", "question", "wall",
        "results", "plenary", "themes").
    modeChanged(str): "auto" or the name of the view chosen by hand.
    tableChanged(object): the pinned table's group id, or None for the whole room.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from facilitator.domain.clock import steady_time
from facilitator.domain.model import Phase
from facilitator.engine import Event
from facilitator.ui.projector.board import PlenaryView, ResultsView, WallView
from facilitator.ui.projector.common import Context, white_palette
from facilitator.ui.projector.themes import ThemeView
from facilitator.ui.projector.views import JoinView, QuestionView
from facilitator.ui.state import WorkshopState

if TYPE_CHECKING:
    from facilitator.server import ParticipantServer

AUTO = "auto"
VIEW_NAMES = ("join", "question", "wall", "results", "plenary", "themes")
FOLLOWS = {
    Phase.PREPARE: "join",
    Phase.COLLECT: "question",
    Phase.GROUP: "wall",
    Phase.VOTE: "results",
    Phase.CLOSED: "results",
}
ROOM_FOLLOWS = {
    Phase.PREPARE: "join",
    Phase.COLLECT: "question",
    Phase.GROUP: "themes",
    Phase.VOTE: "plenary",
    Phase.CLOSED: "plenary",
}
TABLE_VIEWS = ("wall", "results")  # choosing one by hand pins the laptop's table
WINDOWED_SIZE = (1280, 720)


# What the stack shows: each view re-reads the context in refresh() and lists what the
# audience can read in shown_texts().
ProjectorView = JoinView | QuestionView | WallView | ResultsView | PlenaryView | ThemeView


class ProjectorWindow(QWidget):
    """Top-level window with a stack of views; see the module docstring."""

    viewChanged = Signal(str)
    modeChanged = Signal(str)
    tableChanged = Signal(object)

    def __init__(
        self,
        state: WorkshopState,
        server: ParticipantServer | None,
        address: Callable[[], str],
        clock: Callable[[], float] = steady_time,
        parent: QWidget | None = None,
        laptop_table: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Facilitator — projector"))
        self.setObjectName("projector")
        white_palette(self)
        self.context = Context(state, server, address)
        self._laptop_table = laptop_table  # the table the laptop shows, read when pinning
        self.views: dict[str, ProjectorView] = {
            "join": JoinView(self.context),
            "question": QuestionView(self.context, clock),
            "wall": WallView(self.context),
            "results": ResultsView(self.context),
            "plenary": PlenaryView(self.context),
            "themes": ThemeView(self.context),  # the room's words and themes (issue 14)
        }
        self.stack = QStackedWidget()
        for view in self.views.values():
            self.stack.addWidget(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._mode = AUTO
        self._shown = ""

        for number, name in enumerate(VIEW_NAMES, start=1):
            shortcut = QShortcut(QKeySequence(str(number)), self)
            shortcut.activated.connect(lambda n=name: self.set_mode(n))
        QShortcut(QKeySequence("0"), self).activated.connect(lambda: self.set_mode(AUTO))
        QShortcut(QKeySequence("F11"), self).activated.connect(self.toggle_full_screen)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.escape)

        state.applied.connect(self.refresh)
        self.resize(*WINDOWED_SIZE)
        self.refresh()

    # -- what to show -----------------------------------------------------------------

    def mode_labels(self) -> list[tuple[str, str]]:
        """(mode, Dutch label) in menu order; the keys 0-6 follow this order."""
        return [
            (AUTO, self.tr("Automatisch (volgt de fase)")),
            ("join", self.tr("Meedoen")),
            ("question", self.tr("Vraag")),
            ("wall", self.tr("Wand")),
            ("results", self.tr("Resultaten")),
            ("plenary", self.tr("Plenair")),
            ("themes", self.tr("Thema's van de zaal")),
        ]

    def mode(self) -> str:
        return self._mode

    def set_mode(self, mode: str) -> None:
        """Show `mode` (a view's name, or AUTO). A table's view chosen by hand pins the
        table the laptop shows now, so "show this wall" shows this wall, and keeps it."""
        if mode != AUTO and mode not in self.views:
            raise ValueError(mode)
        if mode in TABLE_VIEWS:
            laptop = self._laptop_table()
            if laptop is not None:
                self.set_table(laptop)
        if mode != self._mode:
            self._mode = mode
            self.modeChanged.emit(mode)
        self.refresh()

    def table(self) -> int | None:
        """The pinned table's group id; None: the whole room."""
        return self.context.group_id

    def set_table(self, group_id: int | None) -> None:
        """Pin the projector to a table (None: the whole room), whatever the laptop
        selects afterwards."""
        if group_id is not None and self.context.state.group(group_id) is None:
            group_id = None
        if group_id != self.context.group_id:
            self.context.group_id = group_id
            self.tableChanged.emit(group_id)
        self.refresh()

    def followed_view(self) -> str:
        """The view the pinned table's phase (or the room's) calls for."""
        ctx = self.context
        if ctx.round_id is None:
            return "join"
        if ctx.group_id is not None:
            return FOLLOWS[ctx.state.phase(ctx.round_id, ctx.group_id)]
        phases = [ctx.state.phase(ctx.round_id, g.id) for g in ctx.state.groups]
        if not phases:
            return "join"
        order = list(Phase)
        return ROOM_FOLLOWS[min(phases, key=order.index)]  # the tables furthest behind

    def _follow_the_room(self) -> None:
        """The round is the one the phones are in; a pinned table that was deleted falls
        back to the whole room."""
        ctx = self.context
        state = ctx.state
        active = state.workshop.active_round_id
        if active is None or state.round(active) is None:
            rounds = sorted(state.rounds, key=lambda r: r.position)
            active = rounds[0].id if rounds else None
        ctx.round_id = active
        if ctx.group_id is not None and state.group(ctx.group_id) is None:
            ctx.group_id = None
            self.tableChanged.emit(None)

    def current_view_name(self) -> str:
        return self._shown

    def current_view(self) -> ProjectorView:
        return self.views[self._shown]

    def refresh(self, _events: Sequence[Event] | None = None) -> None:
        """Pick the view (mode or phase) and let it re-read; one cheap pass per batch."""
        self._follow_the_room()
        name = self.followed_view() if self._mode == AUTO else self._mode
        view = self.views[name]
        view.refresh()
        if name != self._shown:
            self._shown = name
            self.stack.setCurrentWidget(view)
            self.viewChanged.emit(name)

    # -- where to show it -------------------------------------------------------------

    def open_on(self, screen: QScreen | None) -> None:
        """Full screen on `screen` when there is a second screen; else a normal window
        on the one screen there is, so the facilitator's own screen stays usable."""
        screens = QGuiApplication.screens()
        if screen is not None and len(screens) > 1:
            if self.isVisible() and self.screen() is not screen:
                self.showNormal()  # leave full screen on the old screen first; some
                self.hide()  # platforms move a window between screens only hidden
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.show()  # mapped on the new screen first: a hidden window asked for full
            self.showFullScreen()  # screen there may come up normal (seen offscreen)
        else:
            if self.isFullScreen():
                self.showNormal()
            self.show()
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def escape(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.close()
