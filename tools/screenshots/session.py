"""Screenshots of the session-safety dialogs at 1366x768, offscreen.

    uv run python -m tools.screenshots.session [docs/screenshots]

Runs the real composition (engine, participant server on 127.0.0.1, main window) on
temporary workshops. Offscreen, a message box or a menu is its own top-level window, so
each picture is the window's grab with the box or menu painted where Qt would put it;
the title bar (which the platform draws, not Qt) is painted as a strip above, so the
"(demo)" title can be seen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QCoreApplication,
    QEventLoop,
    QPoint,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QMainWindow, QWidget  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.app import Host, Session, ensure_application  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.store.lock import take as take_lock  # noqa: E402
from facilitator.ui.main_window import MainWindow  # noqa: E402

SIZE = (1366, 768)
_TITLE_H = 28


def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _shown(session: Session) -> MainWindow:
    """The session's window at 1366x768, shown, all of its wall in view."""
    window = session.window
    window.resize(*SIZE)
    window.show()
    _settle()
    window.wall.fit_all()
    _settle()
    return window


def _refitted() -> None:
    """Events handled until the wall has re-fitted to its size (a 60 ms timer)."""
    _settle(30)
    time.sleep(0.2)
    _settle(10)


def _framed(window: QMainWindow, overlays: list[tuple[QWidget, QPoint]]) -> QPixmap:
    """The window under a painted title bar, with top-level popups drawn on it."""
    inside = window.grab()
    out = QPixmap(inside.width(), inside.height() + _TITLE_H)
    out.fill(QColor("#2b2b2b"))
    painter = QPainter(out)
    painter.setPen(QColor("white"))
    painter.setFont(QFont("DejaVu Sans", 10))
    painter.drawText(
        0, 0, out.width(), _TITLE_H, Qt.AlignmentFlag.AlignCenter, window.windowTitle()
    )
    painter.drawPixmap(0, _TITLE_H, inside)
    for widget, at in overlays:
        painter.drawPixmap(at + QPoint(0, _TITLE_H), widget.grab())
    painter.end()
    return out


@contextmanager
def sandbox() -> Iterator[Path]:
    """A temporary folder holding the demo day as `directeurendag.workshop`, with the
    app's settings and data pointed into it (never the user's own), the screenshots'
    font set; removed on leaving."""
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    ensure_application().setFont(QFont("DejaVu Sans", 10))
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        os.environ["FACILITATOR_DATA_DIR"] = str(Path(tmp) / "data")
        templates.create_demo(Path(tmp) / "directeurendag.workshop")
        yield Path(tmp)


@contextmanager
def demo_session() -> Iterator[Session]:
    """The demo workshop opened in a sandbox(), its window shown at SIZE; closed on
    leaving."""
    with sandbox() as tmp:
        day = tmp / "directeurendag.workshop"
        host = Host(host="127.0.0.1", port=0)
        try:
            session = host.open(day)
            session.window.resize(*SIZE)
            session.window.show()
            _settle()
            time.sleep(0.2)  # the wall re-fits 60 ms after its size settles (a timer)
            _settle()
            yield session
        finally:
            host.close()


def _centred(window: QWidget, box: QWidget) -> QPoint:
    box.adjustSize()
    return QPoint((window.width() - box.width()) // 2, (window.height() - box.height()) // 3)


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sandbox() as tmp:
        day = tmp / "directeurendag.workshop"
        elsewhere = tmp / "middag.workshop"
        templates.create(elsewhere)
        host = Host(host="127.0.0.1", port=0)
        try:
            from facilitator.app import workshop_to_open
            from facilitator.ui.recent import demo_workshop

            host.open(workshop_to_open())  # the very first start: the demo
            host.open(elsewhere)  # then the day's files, through File > Openen…
            host.open(day)
            session = host.open(demo_workshop())  # File > Demo-werkplaats openen
            window = _shown(session)

            # File > Recent geopend, open, on the demo (its title says so)
            menu = window.file_menu
            bar = window.menuBar()
            menu_at = bar.actionGeometry(menu.menuAction()).bottomLeft()
            menu.popup(window.mapToGlobal(menu_at))
            _settle()
            recent = window.recent_menu
            recent.popup(window.mapToGlobal(QPoint(0, 0)))
            _settle()
            recent_at = menu_at + QPoint(
                menu.width() - 4, menu.actionGeometry(recent.menuAction()).top()
            )
            target = out_dir / "session-recent-demo-1366.png"
            _framed(window, [(menu, menu_at), (recent, recent_at)]).save(str(target))
            written.append(target)
            recent.hide()
            menu.hide()
            _settle()

            session = host.open(day)
            window = _shown(session)

            # undo per table: a note hidden on Tafel 2, the Edit menu names action and table
            tafel2 = session.state.groups[1]
            window.groups.select_group(tafel2.id)
            _settle()
            notes = session.state.notes_of(tafel2.id, window.current_round_id())
            window.wall.wall_scene.clearSelection()
            item = window.wall.item(notes[0].id)
            assert item is not None
            item.setSelected(True)
            window.hide_action.trigger()
            for _ in range(100):
                _settle(1)
                if window.undo_stack.undo_action.isEnabled():
                    break
            menu = window.edit_menu
            menu_at = window.menuBar().actionGeometry(menu.menuAction()).bottomLeft()
            menu.popup(window.mapToGlobal(menu_at))
            _settle()
            target = out_dir / "session-undo-per-table-1366.png"
            _framed(window, [(menu, menu_at)]).save(str(target))
            written.append(target)
            menu.hide()
            window.undo_stack.undo()
            _settle()

            # a workshop another window holds: refused in plain words, this one untouched
            holder = take_lock(elsewhere)
            window.preparer.open_workshop(elsewhere)
            _settle()
            box = window.preparer.last_message
            assert box is not None
            target = out_dir / "session-in-use-1366.png"
            _framed(window, [(box, _centred(window, box))]).save(str(target))
            written.append(target)
            box.close()
            holder.unlock()

            # quitting while a round runs (and, on the day, phones are connected)
            window.request_phase(window.current_round_id(), Phase.COLLECT)
            for _ in range(100):
                _settle(1)
                if window.quit_guard.reason():
                    break
            window.close()
            _settle()
            box = window.quit_guard.box
            assert box is not None
            target = out_dir / "session-quit-question-1366.png"
            _framed(window, [(box, _centred(window, box))]).save(str(target))
            written.append(target)
            box.close()

            # a phase button on round 2 while round 1 collects: asked once, plainly
            second = session.state.rounds[1].id
            window.round_bar.select_round(second)
            _settle()
            window.request_phase(second, Phase.COLLECT)
            _settle()
            box = window.day_flow.question
            assert box is not None
            target = out_dir / "session-phase-question-1366.png"
            _framed(window, [(box, _centred(window, box))]).save(str(target))
            written.append(target)
            box.reject()
            _settle()
            window.request_phase(session.state.rounds[0].id, Phase.PREPARE)
            _settle()
        finally:
            host.close()
    return written


if __name__ == "__main__":
    for path in make_screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")):
        print(path)
