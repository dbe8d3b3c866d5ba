"""Screenshots of a frame that grows beside another, at 1366x768, offscreen (issue 11,
readable wall): two clusters side by side, then three loose notes put into the left one
with Ctrl+G (frame and notes selected), so it lays out three wide: the right-hand
frame has moved one slot on, nothing lies over anything.

    uv run python -m tools.screenshots.frames [docs/screenshots]

Runs the real composition on the demo workshop in a temporary folder (settings kept
out of the user's own, see tools/screenshots/session.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402

from facilitator import templates  # noqa: E402
from facilitator.engine import AddNote, CreateCluster  # noqa: E402
from facilitator.ui.wall.grid import SLOT_W  # noqa: E402
from tools.screenshots.session import _framed, _refitted, _settle, demo_session  # noqa: E402


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    texts = sorted((n["text"] for q in templates.demo_notes() for n in q["notes"]), key=len)
    with demo_session() as session:
        window, engine = session.window, session.engine
        table = window.state.groups[4]  # a table the demo left empty
        round_id = window.current_round_id()
        assert round_id is not None
        ids = [engine.execute(AddNote(table.id, t, round_id=round_id)).note.id
               for t in texts[:11]]
        engine.execute(CreateCluster(table.id, round_id, "Leesbevordering", tuple(ids[:2])))
        engine.execute(
            CreateCluster(table.id, round_id, "Samenwerking", tuple(ids[2:4]), 2 * SLOT_W, 0.0)
        )
        window.groups.select_group(table.id)
        window.overview_dock.close()  # the wall gets the window's height
        _refitted()
        target = out_dir / "wall-frames-side-by-side-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)

        wall = window.wall
        left = next(f for f in wall.cluster_items() if f.name() == "Leesbevordering")
        wall.wall_scene.clearSelection()
        left.setSelected(True)
        for note_id in ids[4:7]:
            item = wall.item(note_id)
            assert item is not None
            item.setSelected(True)
        wall.setFocus(Qt.FocusReason.OtherFocusReason)
        window.wall_features.controller.cluster_selection()  # what Ctrl+G does
        for _ in range(50):
            _settle(5)
            if left.member_count() == 5:
                break
        wall.wall_scene.clearSelection()
        _settle(30)
        target = out_dir / "wall-frame-grew-neighbour-moved-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in make_screenshots(folder):
        print(path)
