"""Screenshots of long notes at 1366x768, offscreen: a table whose notes are the longest
sample notes and one of 280 characters (the phone's maximum) at the default, readable
zoom, the same table with the 280-character note in a cluster (the overview closed for
the wall's height), and that table on the projector (issue 11: a long note
grows by whole grid slots, its text stays as large as the interface font).

    uv run python -m tools.screenshots.tall [docs/screenshots]

Runs the real composition on the demo workshop in a temporary folder (settings kept
out of the user's own, see tools/screenshots/session.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from facilitator import templates  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddNote, CreateCluster, SetActiveRound, SetPhase  # noqa: E402
from tools.screenshots.session import SIZE, _framed, _refitted, _settle, demo_session  # noqa: E402

# 280 characters, as a director might fill the phone's box to the last character.
LONGEST = (
    "Wij willen als netwerk een landelijke aanpak voor laaggeletterdheid en digitale "
    "inclusie, met één loket voor gemeenten, gedeelde cijfers over bereik en effect, "
    "een gezamenlijke boodschap richting Den Haag, en afspraken over wie "
    "wat doet: bibliotheek lokaal, POI regionaal, KB ook."
)


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    texts = sorted(
        (n["text"] for q in templates.demo_notes() for n in q["notes"]), key=len, reverse=True
    )
    # The longest sample notes, the 280-character one second, a few short ones between.
    shown = [texts[0], LONGEST, *texts[1:9], *texts[-4:]]
    with demo_session() as session:
        window, engine = session.window, session.engine
        table = window.state.groups[4]  # a table the demo left empty
        round_id = window.current_round_id()
        assert round_id is not None
        ids = [engine.execute(AddNote(table.id, t, round_id=round_id)).note.id for t in shown]
        window.groups.select_group(table.id)
        _refitted()
        target = out_dir / "wall-long-notes-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)

        wall = window.wall
        long_note = wall.item(ids[1])
        assert long_note is not None
        at = long_note.pos()
        engine.execute(
            CreateCluster(
                table.id, round_id, "Landelijke aanpak", (ids[1], ids[-1], ids[2]), at.x(), at.y()
            )
        )
        # The overview closed (Beeld menu) so the wall has the window's height for it.
        window.overview_dock.close()
        _refitted()
        frame = wall.cluster_items()[0]
        wall.ensureVisible(frame, 8, 8)
        _settle(10)
        target = out_dir / "wall-cluster-tall-note-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)

        # The projector on the same table, grouping: one type size, the long card taller.
        engine.execute(SetActiveRound(round_id))
        engine.execute(SetPhase(round_id, Phase.GROUP))
        projector = window.run_features.open_projector()
        projector.resize(*SIZE)
        projector.set_mode("wall")
        projector.set_table(table.id)
        _settle(30)
        target = out_dir / "projector-wall-long-notes-1366.png"
        projector.grab().save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in make_screenshots(folder):
        print(path)
