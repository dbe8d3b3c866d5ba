"""Exports of a workshop: the Word report, CSV, JSON and printable table cards.

`render(snapshot, fmt, options)` is the whole interface: a pure function of a Snapshot
to bytes, so the desktop app, the command line and tests all produce identical files
and an export can run on a worker thread while the session goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

from facilitator.domain.model import Snapshot
from facilitator.report.options import ReportOptions

# "appendix": every note as a Word file of its own, beside a short report.
FORMATS: Final = ("docx", "csv", "json", "cards", "appendix")

__all__ = ["FORMATS", "ReportOptions", "appendix_path", "render"]


def appendix_path(report: Path) -> Path:
    """Where a separate appendix goes: beside the report, "-bijlage" added to its name
    ("dag-verslag.docx" -> "dag-verslag-bijlage.docx"), so the two files sort together."""
    return report.with_name(f"{report.stem}-bijlage{report.suffix or '.docx'}")


def render(
    snapshot: Snapshot,
    fmt: str,
    options: ReportOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The export `fmt` (one of FORMATS) of `snapshot` as file contents.

    progress, when given, is called as progress(done, total) while a long export runs
    (the Word report calls it once per group and round).
    """
    options = options or ReportOptions()
    if fmt == "json":
        from facilitator.report.tabular import to_json

        data = to_json(snapshot, options)
    elif fmt == "csv":
        from facilitator.report.digest import digest
        from facilitator.report.tabular import to_csv

        data = to_csv(digest(snapshot, options))
    elif fmt == "docx":
        from facilitator.report.digest import digest
        from facilitator.report.verslag import build

        return build(digest(snapshot, options), progress)
    elif fmt == "appendix":
        from facilitator.report.digest import digest
        from facilitator.report.verslag import build_appendix

        return build_appendix(digest(snapshot, options), progress)
    elif fmt == "cards":
        from facilitator.report.cards import build_cards

        return build_cards(snapshot, options, progress)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if progress is not None:
        progress(1, 1)
    return data
