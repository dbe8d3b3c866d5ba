"""An export running off the GUI thread: render on the global QThreadPool with its own
read-only Reader (a connection belongs to one thread), progress back as a queued signal, and
the file written beside the target then renamed, so an open Word file or a full disk
never leaves half a report under the real name.

Signals:
    ExportTask.progressed(int, int): done, total.
    ExportTask.finished(str): the path written (the report's, when a separate appendix
        was written beside it).
    ExportTask.failed(str): why nothing was written, in the facilitator's words (a full
        disk, a folder that may not be written; never an exception's class name).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from facilitator.report import appendix_path
from facilitator.report.options import SEPARATE, ReportOptions
from facilitator.store import Reader
from facilitator.ui.failures import reason


class ExportTask(QObject):
    """One export in flight; keep a reference until finished or failed arrives."""

    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, workshop_path: Path, target: Path, fmt: str,
                 options: ReportOptions) -> None:
        super().__init__()  # no parent: it may outlive the dialog that started it
        self.workshop_path = Path(workshop_path)
        self.target = Path(target)
        self.fmt = fmt
        self.options = options

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def run(self) -> None:
        """Runs on a pool thread."""
        try:
            from facilitator.report import render

            store = Reader.open(self.workshop_path)
            try:
                snapshot = store.snapshot()
            finally:
                store.close()
            data = render(snapshot, self.fmt, self.options,
                          lambda done, total: self.progressed.emit(done, total))
            files = [(self.target, data)]
            if self.fmt == "docx" and self.options.notes == SEPARATE:
                files.append((appendix_path(self.target),
                              render(snapshot, "appendix", self.options)))
            for target, content in files:
                partial = target.with_name(target.name + ".part")
                partial.write_bytes(content)
                partial.replace(target)
        except Exception as exc:  # shown to the facilitator in words, logged in full
            self.failed.emit(reason(self, exc))
            return
        self.finished.emit(str(self.target))


class _Runner(QRunnable):
    def __init__(self, task: ExportTask) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.run()
