"""Screenshots for issue 11's words, export and English items, at 1366x768, offscreen.

    uv run python -m tools.screenshots.words [docs/screenshots] [--english]

Without --english (Dutch, the default interface):
    words-refusal-1366.png      a refused phase said in words in the status bar
    words-new-round-1366.png    the editor on a new round: empty question, the hint
    words-export-done-1366.png  the export dialog after a report was written
With --english (a separate run: the language is fixed when the first window is built):
    words-english-editor-1366.png  the editor's rounds tab, methods in English
    words-english-keys-1366.png    the keys list (F1), Ctrl+wheel

Runs the real composition on a temporary workshop; QDesktopServices is not called.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtGui import QFont  # noqa: E402

from facilitator import app as app_module  # noqa: E402
from facilitator import templates  # noqa: E402
from facilitator.domain.model import Phase  # noqa: E402
from facilitator.engine import AddRound  # noqa: E402
from facilitator.store import RoundSpec  # noqa: E402
from facilitator.ui import i18n  # noqa: E402

SIZE = (1366, 768)


def _settle(rounds: int = 30) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _until(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        _settle(1)
        time.sleep(0.01)
    raise RuntimeError("the screen never got there")


def make_screenshots(out_dir: Path, english: bool) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    QStandardPaths.setTestModeEnabled(True)  # never read or write the real settings
    qapp = app_module.ensure_application()
    qapp.setFont(QFont("DejaVu Sans", 10))
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="facilitator-shots-") as tmp:
        QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, tmp)
        i18n.install_translator(qapp, "en" if english else "nl")
        path = Path(tmp) / "dag.workshop"
        templates.create(path)
        session = app_module.build(path, host="127.0.0.1", port=0)
        window = session.window
        window.resize(*SIZE)
        window.show()
        _settle()

        def save(widget: object, name: str) -> None:
            target = out_dir / name
            widget.grab().save(str(target))  # type: ignore[attr-defined]
            written.append(target)

        try:
            if english:
                editor = window.preparer.show_editor()
                editor.resize(900, 560)
                editor.tabs.setCurrentWidget(editor.rounds_tab)
                editor.rounds_tab.items.list.setCurrentRow(0)
                _settle()
                save(editor, "words-english-editor-1366.png")
                window.show_help()
                dialog = window.help_dialog
                dialog.resize(560, 640)
                _settle()
                save(dialog, "words-english-keys-1366.png")
                return written
            added = session.engine.execute(AddRound(RoundSpec("", duration_s=600)))
            _until(lambda: window.round_bar.combo.findData(added.id) >= 0)
            window.round_bar.select_round(added.id)
            window.request_phase(added.id, Phase.COLLECT)
            _until(lambda: "vraag" in window.statusBar().currentMessage())
            save(window, "words-refusal-1366.png")

            editor = window.preparer.show_editor()
            editor.resize(900, 560)
            rounds = editor.rounds_tab
            editor.tabs.setCurrentWidget(rounds)
            rounds.add_round()
            _until(lambda: rounds.question_hint.isVisible())
            _settle()
            save(editor, "words-new-round-1366.png")
            editor.close()

            dialog = window.preparer.show_export_dialog()
            dialog.path_edit.setText(str(Path(tmp) / "directeurendag-verslag.docx"))
            dialog.start()
            _until(lambda: dialog.open_file_button.isVisible())
            _settle()
            save(dialog, "words-export-done-1366.png")
        finally:
            session.close()
    return written


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    for shot in make_screenshots(
        Path(args[0] if args else "docs/screenshots"), "--english" in sys.argv
    ):
        print(shot)
