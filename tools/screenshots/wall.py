"""Regenerates docs/screenshots/wall-clusters.png: one table's wall after grouping and
voting (THE-DAY steps 10-11), with the results dock beside it.

    uv run python -m tools.screenshots.wall [docs/screenshots]

Runs the real composition on a temporary workshop and builds the picture through the
engine (notes, clusters, votes) the way the facilitator and the phones would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths, Qt  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.app import build, ensure_application  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import (  # noqa: E402
    AddAction,
    AddNote,
    CastVotes,
    CreateCluster,
    Join,
    SetActiveRound,
    SetPhase,
)
from facilitator.ui.wall.cluster_item import frame_size  # noqa: E402
from facilitator.ui.wall.note_item import note_height, rows_for  # noqa: E402
from tools.screenshots.main_window import _settle, _wait_for  # noqa: E402

SIZE = (1800, 1100)
# The six clusters shown, in reading order, and where their frames go (grid slots).
_CLUSTERS = [
    "Basisvaardigheden",
    "Randvoorwaarden",
    "Organiseren",
    "Boodschap",
    "Jeugd",
    "Wat we brengen",
]
_SPACE = 48.0  # between frames
_NOTES = 40


def make_wall_screenshot(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    app = ensure_application()
    app.setFont(QFont("DejaVu Sans", 10))
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        path = Path(tmp) / "wall.workshop"
        templates.create(path)
        session = build(path, host="127.0.0.1", port=0)
        try:
            return _shoot(session, out_dir / "wall-clusters.png")
        finally:
            session.close()
            _settle()


def _shoot(session, target: Path) -> Path:
    window, engine = session.window, session.engine
    features = window.wall_features
    window.resize(*SIZE)
    window.show()
    _settle()
    group, round_ = session.state.groups[2], session.state.rounds[0]
    window.groups.select_group(group.id)
    notes = [n for q in templates.demo_notes() for n in q["notes"]]
    wanted = set(_CLUSTERS)
    ordered = (
        [n for n in notes if n.get("cluster") in wanted]
        + [n for n in notes if n.get("cluster") not in wanted]
    )[:_NOTES]
    by_cluster: dict[str, list[int]] = defaultdict(list)
    heights: dict[str, list[float]] = defaultdict(list)  # a long note's is taller
    ids = []
    for i, spec in enumerate(ordered):
        note = engine.execute(
            AddNote(group.id, spec["text"], round_id=round_.id, is_paper=(i % 13 == 7))
        ).note
        ids.append(note.id)
        by_cluster[spec.get("cluster")].append(note.id)
        heights[spec.get("cluster")].append(note_height(rows_for(note.text)))
    clusters = {}
    x = y = row_height = 0.0
    for n, name in enumerate(_CLUSTERS):
        if n == 3:  # three frames a row
            x, y, row_height = 0.0, y + row_height + _SPACE, 0.0
        width, height = frame_size(heights[name])
        clusters[name] = engine.execute(
            CreateCluster(group.id, round_.id, name, tuple(by_cluster[name]), x, y)
        ).id
        x += width + _SPACE
        row_height = max(row_height, height)
    engine.execute(SetActiveRound(round_.id))
    engine.execute(SetPhase(round_.id, Phase.VOTE, (group.id,)))
    clustered = {i for name in _CLUSTERS for i in by_cluster[name]}
    loose = [i for i in ids if i not in clustered]
    c = [f"c{clusters[n]}" for n in _CLUSTERS]
    ballots = [
        (c[0], c[4], c[1]),
        (c[0], c[4], c[2]),
        (c[0], c[4], f"n{loose[0]}"),
        (c[0], c[4], c[3]),
        (c[1], c[2], f"n{loose[0]}"),
        (c[1], c[3], c[5]),
        (c[2], f"n{loose[1]}", c[0]),
        (c[4], c[1], f"n{loose[2]}"),
    ]
    for n, ballot in enumerate(ballots):
        person = engine.execute(Join(group.id, f"Directeur {n + 1}"))
        engine.execute(CastVotes(person.id, tuple((key, 1) for key in ballot)))
    engine.execute(
        AddAction(
            group.id,
            round_.id,
            "Gezamenlijk plan basisvaardigheden 2027",
            "KB en SPN",
            "1 oktober",
            cluster_id=clusters[_CLUSTERS[0]],
        )
    )
    _wait_for(
        lambda: len(window.wall.note_items()) >= _NOTES and features.results.table.rowCount() >= 6
    )
    window.results_dock.show()
    window.resizeDocks([window.results_dock], [460], Qt.Orientation.Horizontal)
    window.resizeDocks([window.join_dock, window.results_dock], [380, 620], Qt.Orientation.Vertical)
    _settle()
    window.wall.fit_all()
    _settle()
    window.grab().save(str(target))
    return target


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    print(make_wall_screenshot(folder))
