"""The verslag's optional "Thema's over alle tafels", reopened with python-docx."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import docx
import pytest

from facilitator.report import ReportOptions, render
from facilitator.report.sample import sample_snapshot

WHEN = datetime(2026, 5, 28, 16, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> Iterator[None]:
    """Charts are drawn with QtGui: pytest-qt owns the one QApplication."""
    yield


def _open(**options: Any) -> Any:
    data = render(sample_snapshot(), "docx", ReportOptions(generated_at=WHEN, **options))
    return docx.Document(io.BytesIO(data))


def _themes_table(document: Any) -> Any:
    for table in document.tables:
        if [c.text for c in table.rows[0].cells][:2] == ["Thema", "Tafels"]:
            return table
    return None


def test_room_themes_are_off_unless_asked_for() -> None:
    document = _open()
    assert "Thema's over alle tafels" not in [p.text for p in document.paragraphs]
    assert _themes_table(document) is None


def test_room_themes_list_themes_several_tables_found_in_their_clusters() -> None:
    snapshot = sample_snapshot()
    cluster_names = {c.name for c in snapshot.clusters}
    document = _open(room_themes=True)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Thema's over alle tafels" in headings
    table = _themes_table(document)
    assert table is not None
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows
    for theme, tables, _notes, named in rows:
        assert int(tables) >= 2  # a theme is shared by at least two tables
        assert theme in cluster_names  # named as the facilitators named it
        for entry in named.split("; "):
            cluster, _, tables = entry.partition(": ")
            assert cluster in cluster_names
            assert all(t.startswith("Tafel") for t in tables.split(", "))


def test_room_themes_in_english() -> None:
    document = _open(room_themes=True, language="en")
    assert "Themes across tables" in [p.text for p in document.paragraphs]
