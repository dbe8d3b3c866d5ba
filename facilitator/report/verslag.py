"""The Word report (verslag) put together: document properties, cover, contents,
summary, every action point, results per round and table, plenary comparison, and the
appendix of every note when asked for (in the document, or as a file of its own).

Only the order of the parts and the document-wide settings live here; each part is
built by sections.py (per group) or overview.py (across groups).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from facilitator.report import docx_builder as b
from facilitator.report import house_style, overview, sections, summary
from facilitator.report.digest import Digest, xml_safe
from facilitator.report.options import FULL
from facilitator.report.strings import LANG_TAGS, strings

Progress = Callable[[int, int], None]

# Contents go two levels deep: rounds and the big parts. Eight tables times four rounds
# as a third level made the contents two pages long without helping anyone find a page.
TOC_LEVELS = 2
_TOC_STYLES = {"Heading1": 1, "Heading2": 2}


def build(d: Digest, progress: Progress | None = None) -> bytes:
    from facilitator.report import raster  # Qt only once a Word report is really made

    with raster.session():  # one Qt session for all charts, not one per chart
        return _build(d, progress)


def build_appendix(d: Digest, progress: Progress | None = None) -> bytes:
    """The appendix of every note as a file of its own (ReportOptions.notes SEPARATE):
    landscape from the first page, the same table as in the report."""
    t = strings(d.options.language, d.unit)
    tag = LANG_TAGS.get(d.options.language, LANG_TAGS["nl"])
    doc = b.new_document(tag, d.options.style)
    styles = b.StyleCache(doc)
    _properties(doc, d, t, tag)
    section = doc.sections[0]
    if section.page_width < section.page_height:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    b.add_page_footer(doc, styles, d.snapshot.workshop.title or t["report"])
    b.paragraph(doc, styles, d.snapshot.workshop.title, "Title", lang=d.user_lang)
    overview.add_appendix(doc, styles, d, t, new_section=False)
    out = BytesIO()
    doc.save(out)
    del doc, styles
    gc.collect()
    if progress is not None:
        progress(1, 1)
    return out.getvalue()


def _build(d: Digest, progress: Progress | None = None) -> bytes:
    t = strings(d.options.language, d.unit)
    tag = LANG_TAGS.get(d.options.language, LANG_TAGS["nl"])
    doc = b.new_document(tag, d.options.style)
    d.font_family = house_style.body_font(doc)
    styles = b.StyleCache(doc)
    total = len(d.rounds) * len(d.groups) + 4
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    _properties(doc, d, t, tag)
    b.add_page_footer(doc, styles, d.snapshot.workshop.title or t["report"])

    overview.add_cover(doc, styles, d, t)
    contents_heading = b.paragraph(doc, styles, t["toc"], "TOC Heading")
    b.page_break_before(contents_heading)
    summary.add_summary(doc, styles, d, t)
    summary.add_actions(doc, styles, d, t)
    step()
    b.heading(doc, styles, t["results"], 1)
    b.paragraph(doc, styles, t["results_intro"])
    for i, round_ in enumerate(d.rounds):
        sections.add_round(doc, styles, d, t, round_, first=i == 0, after_group=step)
    overview.add_plenary(doc, styles, d, t)
    if d.options.room_themes:
        from facilitator.report.themes import add_room_themes

        add_room_themes(doc, styles, d)
    step()
    if d.options.notes == FULL:
        overview.add_appendix(doc, styles, d, t)
    else:
        overview.add_hidden(doc, styles, d, t)
    step()
    _insert_contents(doc, styles, t, contents_heading)
    out = BytesIO()
    doc.save(out)
    # python-docx's document, parts and package refer to each other, so ~40 MB of XML
    # per 2,000-note report would wait for a full collection; three exports in a row
    # then peaked near 200 MB. Collect now, while we know the tree is garbage.
    del doc, styles, contents_heading
    gc.collect()
    step()
    return out.getvalue()


def _properties(doc: b.DocxDocument, d: Digest, t: dict[str, str], tag: str) -> None:
    w = d.snapshot.workshop
    core = doc.core_properties
    core.title = xml_safe(w.title)
    core.subject = xml_safe(t["doc_subject"])
    core.author = xml_safe(w.organisers or "Facilitator")
    core.last_modified_by = "Facilitator"
    core.language = tag
    core.keywords = xml_safe(", ".join(part for part in (w.date, w.place) if part))
    when = d.options.generated_at or datetime.now(UTC)
    # python-docx writes the clock time followed by "Z" without converting: give it UTC.
    core.created = core.modified = when.astimezone(UTC).replace(microsecond=0)


def _insert_contents(
    doc: b.DocxDocument, styles: b.StyleCache, t: dict[str, str], heading: b.Paragraph
) -> None:
    """The contents are written last, when every heading is known, then moved to
    their place after the cover."""
    body = doc.element.body
    entries: list[tuple[int, str, str]] = []
    for p in body.iterchildren(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        level = _TOC_STYLES.get(style.get(qn("w:val")) if style is not None else "")
        if level:
            name = f"_Toc{len(entries) + 1:06d}"
            b.bookmark(p, name, len(entries) + 1)
            entries.append((level, "".join(x.text or "" for x in p.iter(qn("w:t"))), name))
    before = set(body.iterchildren())
    b.add_toc(doc, styles, entries, TOC_LEVELS)
    anchor = heading._p
    for element in [c for c in body.iterchildren() if c not in before]:
        anchor.addnext(element)
        anchor = element
