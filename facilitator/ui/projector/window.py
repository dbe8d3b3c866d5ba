"""The projector window: one top-level window for the second screen, full screen on the
screen the facilitator picks, showing one of six views.

Why it follows the phase: during a session the facilitator's hands are on the wall, not on
the projector; so by default the projector shows what the selected table's phase calls
for (prepare: join, collect: question, group: wall, vote and closed: results). A manual
choice (menu, or keys 1-6; 0 for automatic) overrides that until set back.

Keys on the projector window: 1-6 choose a view, 0 automatic, F11 full screen on/off,
Esc leaves full screen, or closes the window when it is not full screen.

Signals:
    viewChanged(str): the name of the view now shown ("join", "question", "wall",
        "results", "plenary", "themes").
    modeChanged(str): "auto" or the name of the view chosen by hand.
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
WINDOWED_SIZE = (1280, 720)


# What the stack shows: each view re-reads the context in refresh() and lists what the
# audience can read in shown_texts().
ProjectorView = JoinView | QuestionView | WallView | ResultsView | PlenaryView | ThemeView


class ProjectorWindow(QWidget):
    """Top-level window with a stack of views; see the module docstring."""

    viewChanged = Signal(str)
    modeChanged = Signal(str)

    def __init__(self, state: WorkshopState, server: ParticipantServer | None,
                 address: Callable[[], str],
                 clock: Callable[[], float] = steady_time, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Facilitator — projector"))
        self.setObjectName("projector")
        white_palette(self)
        self.context = Context(state, server, address)
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
        if mode != AUTO and mode not in self.views:
            raise ValueError(mode)
        if mode != self._mode:
            self._mode = mode
            self.modeChanged.emit(mode)
        self.refresh()

    def set_group(self, group_id: int | None) -> None:
        self.context.group_id = group_id
        self.refresh()

    def set_round(self, round_id: int | None) -> None:
        self.context.round_id = round_id
        self.refresh()

    def followed_view(self) -> str:
        """The view the selected table's phase calls for."""
        ctx = self.context
        if ctx.round_id is None or ctx.group_id is None:
            return "join"
        return FOLLOWS[ctx.state.phase(ctx.round_id, ctx.group_id)]

    def current_view_name(self) -> str:
        return self._shown

    def current_view(self) -> ProjectorView:
        return self.views[self._shown]

    def refresh(self, _events: Sequence[Event] | None = None) -> None:
        """Pick the view (mode or phase) and let it re-read; one cheap pass per batch."""
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
