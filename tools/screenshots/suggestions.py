"""Regenerates docs/screenshots/wall-suggestions.png (the Voorstellen panel on a table's
wall, with the duplicate marker) and docs/screenshots/projector-themes.png (the room's
theme view on the projector).

    uv run python -m tools.screenshots.suggestions [docs/screenshots]

Real composition on a temporary workshop, notes from bench/data/labelled-notes.json
posted through the engine as phones would; settings in a scratch folder.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, QStandardPaths, Qt  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.app import build, ensure_application  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, CreateCluster, Join, SetActiveRound, SetPhase  # noqa: E402
from facilitator.suggest.proposals import Kind  # noqa: E402

LABELLED = ROOT / "bench" / "data" / "labelled-notes.json"


def _settle(ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("screenshot state not reached")
        QApplication.processEvents()
        time.sleep(0.01)


def main(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)
    app = ensure_application()
    app.setFont(QFont("DejaVu Sans", 10))
    questions = {q["id"]: q["notes"] for q in json.loads(LABELLED.read_text())["questions"]}
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "suggest.workshop"
        templates.create(path)
        session = build(path, host="127.0.0.1", port=0)
        try:
            return [
                _wall(session, questions["basis"], out_dir / "wall-suggestions.png"),
                _projector(session, questions, out_dir / "projector-themes.png"),
            ]
        finally:
            session.close()
            _settle()


def _wall(session, notes, target: Path) -> Path:
    window, engine, state = session.window, session.engine, session.state
    panel = window.suggestions
    window.resize(1800, 1100)
    window.show()
    _settle()
    group, round_ = state.groups[2], state.rounds[0]
    engine.execute(SetActiveRound(round_.id))
    window.groups.select_group(group.id)
    ids = [
        engine.execute(AddNote(group.id, n["text"], round_id=round_.id)).note.id for n in notes[:30]
    ]
    taal = [i for i, n in zip(ids, notes, strict=False) if n["cluster"] == "Taalhuis"][:4]
    engine.execute(CreateCluster(group.id, round_.id, "Taal en lezen", tuple(taal)))
    _wait_for(lambda: len(window.wall.note_items()) >= 26)
    window.suggest_groups()
    while panel.current is not None and panel.current.kind is not Kind.NEW_CLUSTER:
        panel.reject()
    for dock in window.findChildren(QDockWidget):  # room for the panel: the other
        right = window.dockWidgetArea(dock) != Qt.DockWidgetArea.LeftDockWidgetArea
        if dock is not window.suggestions_dock and right:  # panels stay in the menu
            dock.hide()
    window.suggestions_dock.show()
    window.resizeDocks([window.suggestions_dock], [460], Qt.Orientation.Horizontal)
    _settle()
    window.wall.fit_all()
    _settle(300)
    window.grab().save(str(target))
    return target


def _projector(session, questions, target: Path) -> Path:
    window, engine, state = session.window, session.engine, session.state
    features = window.run_features
    round_ = state.rounds[0]  # the round the window shows; table 3 wrote on the wall
    engine.execute(SetPhase(round_.id, Phase.COLLECT))
    texts = questions["basis"][30:] + questions["jeugd"]
    others = [g for g in state.groups if g.id != state.groups[2].id]
    for k, note in enumerate(texts):
        group = others[k % len(others)]
        person = engine.execute(Join(group.id, f"P{k % 37}"))
        engine.execute(AddNote(group.id, note["text"], person.id))
    window.groups.select_group(state.groups[0].id)
    projector = features.projector
    projector.resize(1920, 1080)
    projector.show()
    projector.set_mode("themes")
    total = 30 + len(texts)
    _wait_for(lambda: sum(len(state.notes_of(g.id, round_.id)) for g in state.groups) >= total)
    _settle(300)
    projector.views["themes"].recompute()
    projector.grab().save(str(target))
    return target


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for shot in main(folder):
        print(shot)
