"""CSV, JSON and table-card exports, read back with the csv module, json and zbarimg."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from facilitator.domain.model import Note, Phase, Snapshot
from facilitator.report import ReportOptions, render
from facilitator.report.sample import sample_snapshot
from facilitator.report.tabular import from_json

BASE = "http://192.168.1.20:8321"


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> Iterator[None]:
    """QR images are drawn with QtGui; pytest-qt owns the one QApplication."""
    yield


@pytest.fixture(scope="module")
def snapshot() -> Snapshot:
    base = sample_snapshot()
    formula = Note(9001, 2, 1, '=HYPERLINK("http://x")', None, None, 1.0, 1.0)
    return dataclasses.replace(base, notes=(*base.notes, formula))


def _csv_rows(data: bytes, delimiter: str = ";") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_one_row_per_cluster_and_visible_note(snapshot: Snapshot) -> None:
    all_rows = _csv_rows(render(snapshot, "csv", ReportOptions()))
    assert all_rows[0] == [
        "tafel", "ronde", "vraag", "soort", "cluster", "tekst", "stippen", "ook_genoemd",
        "tijd", "papier",
    ]
    rows = [r for r in all_rows[1:] if r[3] == "notitie"]
    visible = [n for n in snapshot.notes if not n.hidden]
    assert len(rows) == len(visible)
    assert len(all_rows) - 1 - len(rows) == len(snapshot.clusters)
    texts = [r[5] for r in rows]
    assert "<script>alert('hoi')</script> & <b>test</b>" in texts
    assert '\'=HYPERLINK("http://x")' in texts  # no live formula in Excel
    assert all(not t.startswith("Dit is een ongepaste") for t in texts)
    first = rows[0]
    assert first[0] == "Tafel 1" and first[1] == "1" and first[9] in {"ja", "nee"}
    assert first[2] == snapshot.rounds[0].question


def test_csv_hidden_and_author_columns_only_when_asked(snapshot: Snapshot) -> None:
    options = ReportOptions(include_hidden=True, include_names=True, language="en")
    all_rows = _csv_rows(render(snapshot, "csv", options), delimiter=",")
    assert all_rows[0][-3:] == ["hidden", "author", "organisation"]
    rows = [r for r in all_rows[1:] if r[3] == "note"]
    assert len(rows) == len(snapshot.notes)
    hidden = [r for r in rows if r[-3] == "yes"]
    assert [r[5] for r in hidden] == ["Dit is een ongepaste opmerking die de begeleider verborg"]
    assert any(r[-2] for r in rows)
    plain = _csv_rows(render(snapshot, "csv", ReportOptions()))
    assert "verborgen" not in plain[0] and "auteur" not in plain[0]


def test_json_round_trips(snapshot: Snapshot) -> None:
    options = ReportOptions(include_hidden=True, include_names=True)
    data = render(snapshot, "json", options)
    assert b"token-" not in data  # join tokens are credentials, never exported
    tokenless = dataclasses.replace(
        snapshot,
        participants=tuple(dataclasses.replace(p, token="") for p in snapshot.participants),
    )
    assert from_json(data) == tokenless
    timed = dataclasses.replace(  # a timer per phase comes back as the phase it times
        tokenless, rounds=(dataclasses.replace(tokenless.rounds[0], timer_phase=Phase.VOTE,
                                               vote_duration_s=240), *tokenless.rounds[1:]))
    back = from_json(render(timed, "json", options))
    assert back == timed and back.rounds[0].timer_phase is Phase.VOTE  # the enum, not "vote"

    default = json.loads(render(snapshot, "json", ReportOptions()))
    assert default["format"] == "facilitator.snapshot" and default["version"] == 3
    assert not any(n["hidden"] for n in default["notes"])
    assert all(p["name"] == "" for p in default["participants"])
    hidden_ids = {n.id for n in snapshot.notes if n.hidden}
    assert not any(v["note_id"] in hidden_ids for v in default["votes"])


def _decode(png: bytes, tmp_path: Path) -> str:
    image = tmp_path / "qr.png"
    image.write_bytes(png)
    out = subprocess.run(
        [shutil.which("zbarimg") or "/usr/bin/zbarimg", "-q", "--raw", str(image)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_cards_one_a5_section_per_group_with_a_working_qr(
    snapshot: Snapshot, tmp_path: Path
) -> None:
    doc = docx.Document(io.BytesIO(render(snapshot, "cards", ReportOptions(base_url=BASE + "/"))))
    assert len(doc.sections) == len(snapshot.groups)
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 14.8 and round(section.page_height.cm, 1) == 21.0
    blips = list(doc.element.body.iter(qn("a:blip")))
    assert len(blips) == len(snapshot.groups)
    text = "\n".join(p.text for p in doc.paragraphs)
    for group, blip in zip(snapshot.groups, blips, strict=True):
        url = f"{BASE}/j/{group.code}"
        png = doc.part.related_parts[blip.get(qn("r:embed"))].blob
        assert _decode(png, tmp_path) == url
        assert url in text and f"Code: {group.code}" in text and group.name in text
    assert "Scan de QR-code met de camera van uw telefoon." in text


def test_cards_need_the_address_phones_use(snapshot: Snapshot) -> None:
    with pytest.raises(ValueError, match="base_url"):
        render(snapshot, "cards", ReportOptions())


def test_an_export_without_a_running_app_leaves_no_qt_app_behind(tmp_path: Path) -> None:
    """The command line exports in-process: a leftover QGuiApplication would stop the
    window (or a widget test) from creating its QApplication later."""
    code = (
        "from facilitator.report import render, ReportOptions\n"
        "from facilitator.report.sample import sample_snapshot\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "render(sample_snapshot(), 'cards', ReportOptions(base_url='http://h:1'))\n"
        "render(sample_snapshot(), 'docx', ReportOptions())\n"
        "assert QGuiApplication.instance() is None\n"
        "from PySide6.QtWidgets import QApplication\n"
        "print(type(QApplication([])).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip() == "QApplication"
