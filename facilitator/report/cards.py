"""Printable table cards: one A5 page per group with its name, QR code, short URL and
join code, and a two-line instruction.

The cards are how most directors join their table's group, so the QR code is large and
the URL and code are printed too for phones whose camera will not scan (and for typing
by hand when the QR code fails on the venue's network).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from facilitator.domain.model import Group, Snapshot
from facilitator.report import docx_builder as b
from facilitator.report.digest import xml_safe
from facilitator.report.options import ReportOptions
from facilitator.report.strings import LANG_TAGS, strings

QR_CM = 8.0


def join_url(base_url: str, group: Group) -> str:
    return f"{base_url.rstrip('/')}/j/{group.code}"


def build_cards(
    snapshot: Snapshot, options: ReportOptions, progress: Callable[[int, int], None] | None = None
) -> bytes:
    from facilitator.report import raster  # Qt only for the QR images

    with raster.session():  # one Qt session for every card's QR code
        return _build(snapshot, options, progress)


def _build(
    snapshot: Snapshot, options: ReportOptions, progress: Callable[[int, int], None] | None
) -> bytes:
    from facilitator.report import raster

    if not options.base_url:
        raise ValueError(
            "table cards need ReportOptions.base_url (where phones connect), "
            "e.g. http://192.168.1.20:8321"
        )
    t = strings(options.language)
    doc = b.new_document(LANG_TAGS.get(options.language, LANG_TAGS["nl"]))
    styles = b.StyleCache(doc)
    core = doc.core_properties
    core.title = xml_safe(f"{t['cards_title']}: {snapshot.workshop.title}")
    core.author = xml_safe(snapshot.workshop.organisers or "Facilitator")
    core.language = LANG_TAGS.get(options.language, LANG_TAGS["nl"])
    when = options.generated_at or datetime.now(UTC)
    core.created = core.modified = when.astimezone(UTC).replace(microsecond=0)
    groups = sorted(snapshot.groups, key=lambda g: (g.position, g.id))
    for i, group in enumerate(groups):
        section = doc.sections[0] if i == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        if i == 0:
            section.page_width, section.page_height = Cm(14.8), Cm(21.0)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Cm(1.5))
        url = join_url(options.base_url, group)
        _card(doc, styles, t, snapshot.workshop.title, group, url, raster.qr_png(url))
        if progress is not None:
            progress(i + 1, len(groups))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _centred(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    text: str,
    style: str = "Normal",
    size: float | None = None,
    bold: bool = False,
) -> b.Paragraph:
    p = b.paragraph(doc, styles, style=style)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        run = p.add_run(xml_safe(text))
        run.bold = bold or None
        if size is not None:
            run.font.size = Pt(size)
    return p


def _card(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    t: dict[str, str],
    title: str,
    group: Group,
    url: str,
    qr: bytes,
) -> None:
    _centred(doc, styles, title, "Subtitle", size=11)
    name = _centred(doc, styles, group.name, "Title", size=40)
    name.paragraph_format.space_after = Pt(14)
    picture = b.add_picture(doc, styles, qr, Cm(QR_CM), f"QR-code: {url}", group.name)
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centred(doc, styles, url, size=15, bold=True)
    _centred(doc, styles, f"{t['card_code']}: {group.code}", size=22, bold=True)
    how = _centred(doc, styles, "")
    how.paragraph_format.space_before = Pt(12)
    b.add_text(how, t["card_instruction_1"])
    b.line_break(how)
    b.add_text(how, t["card_instruction_2"].format(url=url, code=group.code))
