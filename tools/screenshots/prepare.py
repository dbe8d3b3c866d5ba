"""Regenerates the screenshots of the workshop editor and the export dialog, offscreen.

    uv run python -m tools.screenshots.prepare [docs/screenshots]

Runs the real composition (engine, participant server on 127.0.0.1, main window) on a
temporary copy of the demo workshop, so the dot advice shows real wall sizes.

Signals: none.
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
from facilitator.app import Host, ensure_application  # noqa: E402


def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def make_screenshots(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    app = ensure_application()
    app.setFont(QFont("DejaVu Sans", 10))
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        QSettings().setValue("export/folder", "/home/facilitator/Documenten")
        path = Path(tmp) / "directeurendag.workshop"
        templates.create_demo(path)
        host = Host(host="127.0.0.1", port=0)
        session = host.open(path)
        try:
            window = session.window
            window.resize(1400, 900)
            window.show()
            _settle()
            editor = window.preparer.show_editor()
            for name, tab, row in (("editor-event.png", editor.event_tab, None),
                                   ("editor-groups.png", editor.groups_tab, 2),
                                   ("editor-rounds.png", editor.rounds_tab, 0)):
                editor.tabs.setCurrentWidget(tab)
                if row is not None:
                    tab.items.list.setCurrentRow(row)
                _settle()
                target = out_dir / name
                editor.grab().save(str(target))
                written.append(target)
            editor.close()
            dialog = window.preparer.show_export_dialog()
            _settle()
            target = out_dir / "export-dialog.png"
            dialog.grab().save(str(target))
            written.append(target)
            dialog.close()
        finally:
            host.close()
            _settle()
    return written


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    for written_path in make_screenshots(folder):
        print(written_path)
