"""The workshop files this laptop knows: the ones opened lately (newest first) and the
demo. `uv run facilitator` without a file reopens the last one, so a tired facilitator
who restarts the app lands on the day's workshop, not on the demo; File > Recent lists
them. The list lives in QSettings (per user), never in a workshop file.

Signals (RecentMenu): openRequested(str) -- the path of the file chosen from the menu.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QMenu, QWidget

from facilitator import templates

DEMO_FILE = "demo.workshop"
_KEY = "files/recent"
_KEEP = 8


def data_dir() -> Path:
    """FACILITATOR_DATA_DIR if set (tests, portable installs), else Qt's app data folder."""
    configured = os.environ.get("FACILITATOR_DATA_DIR")
    if configured:
        return Path(configured)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def demo_path() -> Path:
    return data_dir() / DEMO_FILE


def demo_workshop() -> Path:
    """The demo workshop, created when first asked for (first start, or File > Demo)."""
    path = demo_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # workshop files hold tokens
    if not path.exists():
        templates.create_demo(path)
    return path


def is_demo(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.resolve() == demo_path().resolve()
    return False


def recent_files() -> list[Path]:
    """Opened lately, newest first; files since deleted or moved are left out."""
    value = QSettings().value(_KEY)
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()]


def remember(path: Path) -> None:
    """`path` was opened: first in the list, once."""
    name = str(Path(path).resolve())
    rest = [str(p) for p in recent_files() if str(p) != name]
    QSettings().setValue(_KEY, [name, *rest][:_KEEP])


def last_workshop() -> Path | None:
    """What to open when no file is named: the last one opened, or None on the first
    start (then the demo)."""
    files = recent_files()
    return files[0] if files else None


class RecentMenu(QMenu):
    """File > Recent: rebuilt each time it opens, so it lists what was opened since."""

    openRequested = Signal(str)

    def __init__(self, title: str, current: Path, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName("menu-recent")
        self._current = current
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        files = [p for p in recent_files() if str(p) != str(self._current.resolve())]
        for number, path in enumerate(files, start=1):
            label = f"&{number} {path.name}" if number < 10 else path.name
            action = self.addAction(label)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(
                lambda _checked=False, name=str(path): self.openRequested.emit(name)
            )
        if not files:
            self.addAction(self.tr("(nog geen andere werkplaatsen)")).setEnabled(False)
