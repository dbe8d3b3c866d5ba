"""The first window on a 1366x768 screen, as a fresh start shows it (no saved layout).

    QT_QPA_PLATFORM="offscreen:configfile=SCREEN.json" [QT_SCALE_FACTOR=1.25] \
        uv run python -m tools.screenshots.small_screen docs/screenshots/main-window-1366.png

SCREEN.json: {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366,
"height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]} (the offscreen
platform's screen). Prints the screen's and the window's size.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from facilitator import app, templates


def main(target: Path) -> None:
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    app.ensure_application()
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        folder = Path(tmp)
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
        path = folder / "dag.workshop"
        templates.create(path)
        session = app.build(path, host="127.0.0.1", port=0)
        try:
            window = session.window
            window.show()
            for _ in range(20):
                QCoreApplication.processEvents()
            screen = window.screen().availableGeometry()
            print(screen.width(), screen.height(), window.width(), window.height())
            window.grab().save(str(target))
        finally:
            session.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
