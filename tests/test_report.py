"""The Word report, reopened with python-docx and read as an organiser would."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from facilitator import templates
from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Method,
    Note,
    Participant,
    Round,
    Snapshot,
    Vote,
    Workshop,
)
from facilitator.report import FORMATS, ReportOptions, render
from facilitator.report.sample import sample_snapshot
from facilitator.report.strings import EN, NL, strings
from facilitator.store import Store

WHEN = datetime(2026, 5, 28, 16, 0, tzinfo=UTC)
HIDDEN_TEXT = "Ongepast: dit hoort niet in het verslag"
SCRIPT_TEXT = "<script>alert('x')</script> & <b>vet</b>"
BUILT_IN = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "Caption",
    "Quote",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "Footer",
}


@pytest.fixture(autouse=True)
def _qt(qapp: Any) -> Iterator[None]:
    """Charts are drawn with QtGui: let pytest-qt own the one QApplication, so the report
    never makes a bare QGuiApplication that later widget tests would trip over."""
    yield


def _note(
    note_id: int,
    group: int,
    round_: int,
    text: str,
    *,
    cluster: int | None = None,
    participant: int | None = 1,
    paper: bool = False,
    hidden: bool = False,
) -> Note:
    when = datetime(2026, 5, 28, 10, note_id % 60).timestamp()
    return Note(
        note_id,
        group,
        round_,
        text,
        participant,
        f"c{note_id}",
        when,
        when,
        is_paper=paper,
        hidden=hidden,
        cluster_id=cluster,
    )


def small_snapshot() -> Snapshot:
    groups = (Group(1, "Tafel 1", "AAAAAA", 0), Group(2, "Tafel 2", "BBBBBB", 1))
    rounds = (
        Round(1, 0, "Welke doelen haalt alleen het netwerk?", Method.ONE_TWO_FOUR_ALL),
        Round(2, 1, "Welke eerste stap zetten we?", Method.FIFTEEN_PERCENT),
    )
    participants = (
        Participant(1, 1, "tok-1", "Anouk de Vries"),
        Participant(2, 1, "tok-2", "Bram Jansen"),
        Participant(3, 2, "tok-3", "Carla Bakker"),
    )
    clusters = (
        Cluster(10, 1, 1, "Basisvaardigheden"),
        Cluster(11, 1, 1, "Jeugd"),
        Cluster(12, 1, 1, "Collectie"),
        Cluster(20, 2, 1, "Toegankelijkheid"),
    )
    notes = (
        _note(1, 1, 1, "Taalhuizen in elke gemeente", cluster=10),
        _note(2, 1, 1, "Digitale inclusie samen met gemeenten", cluster=10, participant=2),
        _note(3, 1, 1, "Leesbevordering 0-18 zonder gaten", cluster=11),
        _note(4, 1, 1, "Eén landelijke collectie", cluster=12, paper=True, participant=None),
        _note(5, 1, 1, SCRIPT_TEXT),
        _note(6, 1, 1, HIDDEN_TEXT, hidden=True),
        _note(7, 2, 1, "Spreiding van vestigingen", cluster=20, participant=3),
        _note(8, 2, 2, "Pilot in drie provincies", participant=3),
    )
    votes = (
        Vote(1, 1, None, 10, 1),
        Vote(2, 1, None, 10, 1),
        Vote(1, 1, None, 11, 1),
        Vote(2, 1, None, 12, 1),
        Vote(1, 1, 6, None, 5),  # dots on the hidden note
        Vote(3, 1, None, 20, 2),
    )
    actions = (Action(1, 1, 1, "Verkenning laaggeletterdheid", "Werkgroep", "1 september"),)
    return Snapshot(
        Workshop("Directeurendag", "28 mei 2026", "Den Haag", "KB, SPN en VOB"),
        groups,
        rounds,
        participants,
        notes,
        clusters,
        votes,
        actions,
    )


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def _render(snapshot: Snapshot | None = None, **options: Any) -> Any:
    opts = ReportOptions(generated_at=WHEN, **options)
    return _open(render(snapshot or small_snapshot(), "docx", opts))


def _headings(doc: Any, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def _all_text(doc: Any) -> str:
    return "\n".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))


def _table(doc: Any, first_header: str) -> Any:
    return [t for t in doc.tables if t.rows[0].cells[0].text == first_header]


def _rows(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def test_headings_per_round_and_group() -> None:
    doc = _render()
    assert _headings(doc, 1) == [
        "Samenvatting",
        "Actiepunten",
        "Resultaten per ronde",
        "Plenaire vergelijking",
    ]
    assert _headings(_render(notes="full"), 1)[-1] == "Bijlage: alle notities"
    rounds = [h for h in _headings(doc, 2) if h.startswith("Ronde")]
    # Without a title a round is headed by the start of its question, not its method.
    assert rounds[:2] == [
        "Ronde 1: Welke doelen haalt alleen het netwerk",
        "Ronde 2: Welke eerste stap zetten we",
    ]
    assert _headings(doc, 3) == ["Tafel 1", "Tafel 2", "Tafel 1", "Tafel 2"]
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == "Directeurendag"


def test_ranking_order_ties_and_actions() -> None:
    doc = _render()
    lines = [p.text for p in doc.paragraphs]
    clusters = [line.split("  ·  ")[0] for line in lines if "  ·  " in line]
    assert clusters[:3] == ["Basisvaardigheden", "Jeugd", "Collectie"]  # most dots first
    assert "Basisvaardigheden  ·  2 notities  ·  2 stippen" in lines
    assert "Jeugd  ·  1 notitie  ·  1 stip" in lines
    text = _all_text(doc)
    assert "Gelijke stand (1 stip): Jeugd en Collectie." in text
    actions = _table(doc, "Wat")[-1]  # the table's own; the overview comes first
    assert _rows(actions) == [["Verkenning laaggeletterdheid", "Werkgroep", "1 september"]]
    summary = _table(doc, "Tafel")[0]
    assert summary._tbl.find(f"{qn('w:tr')}/{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert summary.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_appendix_lists_every_visible_note_and_hidden_ones_only_on_request() -> None:
    snapshot = small_snapshot()
    visible = [n for n in snapshot.notes if not n.hidden]
    doc = _render(snapshot, notes="full")
    appendix = _table(doc, "#")
    assert len(appendix) == 1
    rows = _rows(appendix[0])
    assert len(rows) == len(visible)
    assert rows[3][5] == "Eén landelijke collectie" and rows[3][8] == "P"
    assert HIDDEN_TEXT not in _all_text(doc)
    assert "5 stippen" not in _all_text(doc)  # the hidden note's dots are not counted

    shown = _render(snapshot, include_hidden=True, notes="full")
    assert "Verborgen notities" in _headings(shown, 1)
    hidden_rows = _rows(_table(shown, "#")[1])
    assert [r[5] for r in hidden_rows] == [HIDDEN_TEXT]
    assert _all_text(shown).count(HIDDEN_TEXT) == 1  # only in its own section


def test_names_only_when_asked() -> None:
    assert "Bram Jansen" not in _all_text(_render())
    named = _render(include_names=True, notes="full")
    assert "Bram Jansen" in _all_text(named)
    assert _table(named, "#")[0].rows[0].cells[-1].text == "Auteur"


def test_language_styles_and_fields() -> None:
    doc = _render()
    lang = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "nl-NL"
    used = {p.style.name for p in doc.paragraphs}
    used |= {
        p.style.name for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    }
    assert used <= BUILT_IN, used - BUILT_IN
    assert {t.style.name for t in doc.tables} == {"Light List Accent 1"}
    instructions = [i.text for i in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-2"') for i in instructions)
    # No update-on-open: Word would ask every reader about "fields that may refer to
    # other files" (see docs/EXPORTS.md); the contents are written out instead.
    assert doc.settings.element.find(qn("w:updateFields")) is None
    footer = doc.sections[0].footer._element
    assert any(i.text.strip() == "PAGE" for i in footer.iter(qn("w:instrText")))
    props = doc.core_properties
    assert (props.title, props.author, props.language) == (
        "Directeurendag",
        "KB, SPN en VOB",
        "nl-NL",
    )
    assert props.subject == strings("nl")["doc_subject"] and props.created == WHEN

    english = _render(language="en")
    rpr = english.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert rpr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert "Summary" in _headings(english, 1)


def test_no_empty_paragraphs_for_spacing() -> None:
    doc = _render()
    for p in doc.element.body.iterchildren(qn("w:p")):
        has_text = any((t.text or "").strip() for t in p.iter(qn("w:t")))
        has_other = (
            p.find(f".//{qn('w:drawing')}") is not None
            or p.find(f".//{qn('w:sectPr')}") is not None
            or p.find(f".//{qn('w:fldChar')}") is not None
        )
        assert has_text or has_other


def test_user_text_comes_out_literally() -> None:
    weird = "🙂 Ééntje\x01\x0b met een heel" + "lang" * 40 + "woord\u0000"
    snapshot = small_snapshot()
    notes = (*snapshot.notes, _note(40, 2, 2, weird))
    doc = _render(
        Snapshot(
            snapshot.workshop,
            snapshot.groups,
            snapshot.rounds,
            snapshot.participants,
            notes,
            snapshot.clusters,
            snapshot.votes,
        )
    )
    text = _all_text(doc)
    assert SCRIPT_TEXT in text
    assert "🙂 Ééntje met een heel" + "lang" * 40 + "woord" in text


def test_chart_with_alt_text() -> None:
    doc = _render()
    descriptions = [d.get("descr") for d in doc.element.body.iter(qn("wp:docPr"))]
    assert len(descriptions) == 2  # one chart per group that voted
    assert descriptions[0].startswith("Staafdiagram van de stippen voor Tafel 1, Ronde 1:")
    assert "Jeugd: 1 stip (gedeeld)" in descriptions[0]
    blip = next(doc.element.body.iter(qn("a:blip")))
    image = doc.part.related_parts[blip.get(qn("r:embed"))]
    assert image.blob.startswith(b"\x89PNG") and image.content_type == "image/png"
    assert doc.inline_shapes[0].width > docx.shared.Cm(15)


def test_progress_reaches_the_total() -> None:
    calls: list[tuple[int, int]] = []
    render(small_snapshot(), "docx", ReportOptions(), progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] == len(calls)


def test_from_a_real_store(tmp_path: Path) -> None:
    path = tmp_path / "demo.workshop"
    templates.create_demo(path)
    store = Store.open(path, readonly=True)
    try:
        snapshot = store.snapshot()
    finally:
        store.close()
    doc = _open(render(snapshot, "docx", ReportOptions(notes="full")))
    assert len(_rows(_table(doc, "#")[0])) == len(snapshot.notes)
    assert len(_headings(doc, 3)) == len(snapshot.rounds) * len(snapshot.groups)
    for fmt in FORMATS:
        assert render(snapshot, fmt, ReportOptions(base_url="http://10.0.0.2:8321"))


def test_sample_workshop_renders_as_a_whole() -> None:
    doc = _render(sample_snapshot())
    assert "Jeugd" in _all_text(doc)
    overview, own = _table(doc, "Wat")  # every action up front, then table 3's own
    assert len(_rows(overview)) == len(_rows(own)) == 2


def test_both_languages_have_the_same_words() -> None:
    assert NL.keys() == EN.keys()


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(small_snapshot(), "pdf")


def test_an_empty_workshop_still_exports() -> None:
    empty = Snapshot(Workshop("Leeg\x07"), (), (), (), ())
    doc = _open(render(empty, "docx", ReportOptions()))
    assert doc.paragraphs[0].text == "Leeg"
    assert render(empty, "csv", ReportOptions()).count(b"\n") == 1
    assert render(empty, "cards", ReportOptions(base_url="http://h:1"))
