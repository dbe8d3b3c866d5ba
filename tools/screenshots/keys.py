"""Screenshots of the day by keyboard at 1366x768, offscreen: the wall with a focused note
(its focus ring) at the default, readable zoom, and Help > Sneltoetsen (F1).

    uv run python -m tools.screenshots.keys [docs/screenshots]

Runs the real composition on the demo workshop in a temporary folder and drives it with
key events only (F6 to the wall, arrows, Shift+arrow, F1), as a facilitator would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from facilitator.engine import AddNote  # noqa: E402
from tools.screenshots.session import _framed, _settle, demo_session  # noqa: E402

_IDEAS = [
    "Samen inkopen",
    "Eén catalogus",
    "Gedeelde helpdesk",
    "Meer overleg",
    "Stage-uitwisseling",
    "Leesclubs voor jongeren",
    "Data delen",
    "Minder vergaderen",
    "Samen subsidie aanvragen",
    "Vaste contactpersoon",
    "Kennisdeling online",
    "Gezamenlijke campagne",
    "Eén pas voor alle bibliotheken",
]


def _key(key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget() or QApplication.activeWindow()
    assert target is not None
    QTest.keyClick(target, key, mods)
    _settle(5)


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with demo_session() as session:
        window = session.window
        window.activateWindow()
        _settle(40)
        for _ in range(5):  # F6 to the wall: the top-left note takes the focus
            if QApplication.focusWidget() is window.wall:
                break
            _key(Qt.Key.Key_F6)
        _key(Qt.Key.Key_Right)
        _key(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)  # two selected
        _settle(20)
        target = out_dir / "keys-wall-focus-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)

        _key(Qt.Key.Key_F1)
        dialog = window.help_dialog
        assert dialog is not None
        _settle(20)
        target = out_dir / "keys-help-1366.png"
        at = QPoint((window.width() - dialog.width()) // 2, 60)
        _framed(window, [(dialog, at)]).save(str(target))
        written.append(target)
        dialog.close()
        window.activateWindow()
        _settle(10)

        # A fuller table: 26 notes at the default zoom, every column readable
        table = window.state.groups[3]
        round_id = window.current_round_id()
        assert round_id is not None
        for n, text in enumerate(_IDEAS * 2):
            session.engine.execute(AddNote(table.id, f"{text} ({n + 1})", round_id=round_id))
        _settle(10)
        for _ in range(5):  # F6 to the groups, down to Tafel 4
            if QApplication.focusWidget() is window.groups:
                break
            _key(Qt.Key.Key_F6)
        for _ in range(3):
            _key(Qt.Key.Key_Down)
        _settle(30)
        target = out_dir / "keys-wall-readable-1366.png"
        _framed(window, []).save(str(target))
        written.append(target)
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for path in make_screenshots(folder):
        print(path)
