"""What the person exporting chooses: language, privacy, how complete, house style, and
where the phones connect.

A frozen value so an export started on a worker thread cannot see it change halfway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

# How the Word report treats the full list of notes (ReportOptions.notes).
SHORT: Final = "short"  # per table the clusters with their strongest notes; no appendix
FULL: Final = "full"  # ... and every note in an appendix at the end of the document
SEPARATE: Final = "separate"  # the short report; every note goes in a file of its own
NOTE_MODES: Final = (SHORT, FULL, SEPARATE)


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """Options shared by every export format.

    language: "nl" or "en" for every printed word; unknown values fall back to Dutch.
    include_names: print participants' names next to their notes (anonymous by default,
        because directors speak more freely when the verslag does not quote them).
    include_hidden: list moderated notes in a separate section (never in the main text).
    base_url: where phones reach the laptop, e.g. "http://192.168.1.20:8321"; only the
        table cards need it (their QR code encodes f"{base_url}/j/{code}").
    csv_delimiter: None picks by language: ";" for Dutch (Dutch Excel's list separator),
        "," for English. See docs/EXPORTS.md.
    generated_at: the moment written into the document's properties; None means now.
        Tests pass a fixed time so two renders compare equal.
    room_themes: add "Thema's over alle tafels" to the verslag: per round the themes
        several tables found, from the facilitators' own clusters (report/themes.py).
    notes: SHORT (the default: the verslag people read, under 30 pages for a full day),
        FULL (every note again in an appendix) or SEPARATE (the appendix is made as its
        own file with render(..., "appendix"); the report points to it).
    style: the bytes of the organisation's own .docx whose styles (fonts, colours,
        headings, page size) the report takes; None keeps the built-in reference.
    """

    language: str = "nl"
    include_names: bool = False
    include_hidden: bool = False
    base_url: str = ""
    csv_delimiter: str | None = None
    generated_at: datetime | None = None
    room_themes: bool = False
    notes: str = SHORT
    style: bytes | None = None
