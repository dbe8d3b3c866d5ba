"""Build reference.docx, the style sheet every Word export starts from.

Run `uv run python resources/report/make_reference.py` after changing it, and commit both
files. The report only ever applies Word's built-in style names (Title, Subtitle,
Heading 1-4, List Bullet, Caption, toc 1-3, Light List Accent 1, Footer), so an organiser
restyles the whole verslag by editing those styles, in Word or in this file.

Starts from python-docx's own default template (which already defines the built-in
styles) and changes: A4 with 2.5 cm margins, Arial via the theme fonts (Word's Design >
Fonts still works), a petrol accent colour via the theme, Dutch as the proofing language,
calm spacing so the builder never needs empty paragraphs, and Heading 1 starting a page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

OUT = Path(__file__).with_name("reference.docx")
ACCENT = "1F5F7A"
FONT = "Arial"  # Liberation Sans stands in on Linux: same metrics, same page breaks
OLD_ACCENTS = {"4F81BD", "365F91", "17365D", "243F60", "1F497D"}


def _theme(doc: Document) -> None:
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            xml = re.sub(
                r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\2", xml
            )
            xml = re.sub(r'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', rf"\g<1>{ACCENT}", xml)
            part._blob = xml.encode("utf-8")  # python-docx keeps unknown parts as bytes


def _recolour(doc: Document) -> None:
    """Literal colours that shadow the theme accent (LibreOffice reads these, not the
    theme reference)."""
    for el in doc.styles.element.iter():
        for attr in (qn("w:color"), qn("w:fill"), qn("w:val")):
            value = el.get(attr)
            if value in OLD_ACCENTS and el.tag in (
                qn("w:color"),
                qn("w:shd"),
                qn("w:top"),
                qn("w:bottom"),
                qn("w:left"),
                qn("w:right"),
                qn("w:insideH"),
                qn("w:insideV"),
            ):
                el.set(attr, ACCENT)
        if el.tag == qn("w:color"):
            el.attrib.pop(qn("w:themeShade"), None)
            el.attrib.pop(qn("w:themeTint"), None)


def _defaults(doc: Document) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rpr.find(qn("w:sz")).set(qn("w:val"), "21")
    rpr.find(qn("w:szCs")).set(qn("w:val"), "21")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "nl-NL")
    lang.set(qn("w:eastAsia"), "nl-NL")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")


def _paragraph(
    doc: Document,
    name: str,
    *,
    size: float | None = None,
    bold: bool | None = None,
    colour: str | None = None,
    before: float | None = None,
    after: float | None = None,
    italic: bool | None = None,
) -> None:
    style = doc.styles[name]
    font = style.font
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if colour is not None:
        font.color.rgb = RGBColor.from_string(colour)
        colour_el = style.element.rPr.find(qn("w:color"))
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour_el.attrib.pop(qn(attr), None)
    fmt = style.paragraph_format
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)


def _toc_styles(doc: Document) -> None:
    """Word makes toc 1-3 on the first update; defining them here lets the pre-filled
    contents look right before that and lets organisers style them."""
    for level in (1, 2, 3):
        style = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), f"TOC{level}")
        style.base_style = doc.styles["Normal"]
        style.next_paragraph_style = doc.styles["Normal"]
        fmt = style.paragraph_format
        fmt.left_indent = Cm(0.6 * (level - 1))
        fmt.space_before = Pt(6 if level == 1 else 0)
        fmt.space_after = Pt(2)
        style.font.bold = level == 1
        ui = etree.SubElement(style.element, qn("w:uiPriority"))
        ui.set(qn("w:val"), "39")
        etree.SubElement(style.element, qn("w:unhideWhenUsed"))


def build() -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    section.header_distance = section.footer_distance = Cm(1.25)

    _theme(doc)
    _defaults(doc)
    _recolour(doc)
    _paragraph(doc, "Title", size=28, colour=ACCENT, after=12)
    _paragraph(doc, "Subtitle", size=14, colour="555555", italic=False, after=6)
    _paragraph(doc, "Heading 1", size=18, colour=ACCENT, before=0, after=10)
    doc.styles["Heading 1"].paragraph_format.page_break_before = True
    _paragraph(doc, "Heading 2", size=14, colour=ACCENT, before=18, after=6)
    _paragraph(doc, "Heading 3", size=12, colour="222222", before=16, after=4)
    _paragraph(doc, "Heading 4", size=10.5, colour="444444", before=10, after=3, italic=False)
    _paragraph(doc, "Caption", size=8.5, colour="555555", bold=False, after=10)
    _paragraph(doc, "Footer", size=8.5, colour="666666")
    _paragraph(doc, "Quote", size=11, colour="333333", italic=True, before=4, after=8)
    doc.styles["List Bullet"].paragraph_format.space_after = Pt(2)
    _toc_styles(doc)

    # The template's thumbnail is a picture of python-docx's sample page; file browsers
    # would show it as the preview of every verslag.
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package_rels[r_id]

    core = doc.core_properties
    core.author = core.last_modified_by = "Facilitator"
    core.title = core.subject = core.keywords = core.comments = ""
    core.revision = 1

    from io import BytesIO

    out = BytesIO()
    doc.save(out)
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(OUT, file=sys.stderr)
