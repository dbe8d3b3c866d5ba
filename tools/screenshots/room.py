"""Screenshots of the projector showing the room (issue 11), at 1366x768, offscreen.

    uv run python -m tools.screenshots.room [docs/screenshots]

Runs the real composition (engine, participant server on 127.0.0.1, main window) on a
temporary demo workshop: the projector is pinned to Tafel 2 while the laptop shows
Tafel 3 (the toolbar says "Projector: Tafel 2", Projector > Tafel op de projector has
it checked); the projector's views are grabbed at 1366x768 (the laptop's own screen,
the worst case for a beamer that mirrors it): the event-wide join screen with every
table's code, Tafel 2's wall while the laptop shows Tafel 3, the vote's own time on the
laptop and on the projector, and the question in the workshop's language (English)
beside a Dutch laptop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QMainWindow, QWidget  # noqa: E402

from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import SetActiveRound, SetPhase, StartTimer, UpdateWorkshop  # noqa: E402
from tools.screenshots.session import SIZE, _settle, demo_session  # noqa: E402


def _with_menus(window: QMainWindow, overlays: list[tuple[QWidget, QPoint]]) -> QPixmap:
    """The window with top-level popups (offscreen, each its own window) drawn on it."""
    out = window.grab()
    painter = QPainter(out)
    for widget, at in overlays:
        painter.drawPixmap(at, widget.grab())
    painter.end()
    return out


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with demo_session() as session:
        window, engine, state = session.window, session.engine, session.state
        _settle()
        features = window.run_features
        projector = features.open_projector()
        projector.resize(*SIZE)
        _settle()
        groups = sorted(state.groups, key=lambda g: g.position)
        two, three = groups[1], groups[2]
        round_id = window.current_round_id()
        assert round_id is not None
        engine.execute(SetActiveRound(round_id))
        _settle()

        # The join screen for the whole room: event QR code, every table's code.
        projector.set_mode("join")
        _settle()
        target = out_dir / "projector-join-room-1366.png"
        projector.grab().save(str(target))
        written.append(target)

        # Tafel 2 on the projector, Tafel 3 on the laptop; the room groups.
        engine.execute(SetPhase(round_id, Phase.GROUP))
        projector.set_mode("auto")
        projector.set_table(two.id)
        window.groups.select_group(three.id)
        _settle(40)
        window.wall.fit_all()
        _settle()
        target = out_dir / "projector-pinned-wall-1366.png"
        projector.grab().save(str(target))
        written.append(target)

        # Voting: the timer bar shows the vote's own time, running.
        engine.execute(SetPhase(round_id, Phase.VOTE))
        engine.execute(StartTimer(round_id))
        _settle(40)
        features.overview.refresh()  # it redraws on its own clock; the picture now
        _settle()
        menu = features.projector_menu
        button = features.projector_button
        menu.popup(window.mapToGlobal(QPoint(0, 0)))
        _settle()
        tables = features.table_menu
        tables.popup(window.mapToGlobal(QPoint(0, 0)))
        _settle()
        # As Qt places them at the window's right edge: the menu under the button,
        # right-aligned, and its submenu opening to the left.
        below = button.mapTo(window, button.rect().bottomRight())
        menu_at = QPoint(below.x() - menu.width(), below.y())
        tables_at = QPoint(
            menu_at.x() - tables.width() + 4,
            menu_at.y() + menu.actionGeometry(tables.menuAction()).top(),
        )
        target = out_dir / "main-window-projector-pinned-1366.png"
        _with_menus(window, [(menu, menu_at), (tables, tables_at)]).save(str(target))
        written.append(target)
        tables.hide()
        menu.hide()
        _settle()
        target = out_dir / "projector-results-vote-time-1366.png"  # Tafel 2 votes
        projector.grab().save(str(target))
        written.append(target)

        # An English workshop on a Dutch laptop: the room reads English.
        w = state.workshop
        engine.execute(UpdateWorkshop(w.title, w.date, w.place, w.organisers, "en"))
        engine.execute(SetPhase(round_id, Phase.COLLECT))
        projector.set_table(None)
        _settle(40)
        target = out_dir / "projector-question-english-1366.png"
        projector.grab().save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in make_screenshots(folder):
        print(path)
