"""Regenerates the documentation screenshots from the demo workshop, offscreen.

    uv run python -m tools.screenshots.main_window [docs/screenshots]

Runs the real composition (engine, participant server on 127.0.0.1, main window) on a
temporary copy of the demo, so what the pictures show is what the app shows.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.app import build, ensure_application  # noqa: E402
from facilitator.engine import AddNote, SetNoteHidden  # noqa: E402

SIZE = (1400, 900)

# A realistic busy table: the demo's notes plus the cases the wall must show well.
_EXTRA = [
    "<b>test</b> (zo komt opmaak binnen: letterlijk, nooit als HTML)",
    "Gezamenlijke campagne 'De bibliotheek is van iedereen' met gemeenten en onderwijs, "
    "landelijk gedragen en lokaal ingekleurd, met dezelfde boodschap op elke plek",
    "Jeugd!",
]


def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _wait_for(predicate, timeout_s: float = 10.0) -> None:
    import time

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not catch up with the engine")
        _settle(1)


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    app = ensure_application()
    app.setFont(QFont("DejaVu Sans", 10))
    written = []
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "demo.workshop"
        templates.create_demo(path)
        session = build(path, host="127.0.0.1", port=0)
        try:
            window = session.window
            window.resize(*SIZE)
            window.show()
            _settle()
            window.wall.fit_all()
            _settle()
            target = out_dir / "main-window.png"
            window.grab().save(str(target))
            written.append(target)

            group = session.state.groups[0]
            round_ = session.state.rounds[0]
            texts = _EXTRA + [n["text"] for q in templates.demo_notes() for n in q["notes"]]
            have = session.state.note_count(group.id, round_.id)
            futures = [
                session.engine.submit(AddNote(group.id, text, round_id=round_.id,
                                              is_paper=(i % 11 == 5)))
                for i, text in enumerate(texts[: max(0, 40 - have)])
            ]
            added = [f.result(10).note for f in futures]
            session.engine.execute(SetNoteHidden(added[9].id, True))
            _wait_for(lambda: len(window.wall.note_items()) >= 40)
            window.wall.resize(*SIZE)
            window.wall.fit_all()
            _settle()
            target = out_dir / "wall-notes.png"
            wall = window.wall
            wall.setParent(None)  # the wall alone, at full size, as on a projector
            wall.resize(*SIZE)
            wall.show()
            _settle()
            wall.fit_all()
            _settle()
            wall.grab().save(str(target))
            written.append(target)
            wall.close()
            wall.deleteLater()
        finally:
            session.close()
            _settle()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for written_path in make_screenshots(folder):
        print(written_path)
