"""Writing the Word report without freezing the window.

Reading the snapshot and rendering the .docx can take seconds on a full day, so it runs
on the global QThreadPool with its own read-only Store (a Store belongs to one thread).
The result comes back to the GUI thread as a signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from facilitator.store import Store


class ExportJob(QObject):
    """One report export in flight.

    Signals:
        finished(str): the path written.
        failed(str): why nothing (complete) was written, for the status bar.
    """

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, workshop_path: Path, target: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workshop_path = Path(workshop_path)
        self.target = Path(target)

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(_Runner(self))

    def run(self) -> None:
        """Runs on a pool thread; signals cross back to the GUI thread queued."""
        try:
            from facilitator.report import ReportOptions, render

            store = Store.open(self.workshop_path, readonly=True)
            try:
                snapshot = store.snapshot()
            finally:
                store.close()
            data = render(snapshot, "docx", ReportOptions())
            # Write beside the target and rename: an open Word file or a full disk never
            # leaves a half-written report under the real name.
            partial = self.target.with_name(self.target.name + ".part")
            partial.write_bytes(data)
            partial.replace(self.target)
        except Exception as exc:  # shown to the facilitator, not swallowed
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(str(self.target))


class _Runner(QRunnable):
    def __init__(self, job: ExportJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job.run()
