"""The organisation's own look on the verslag: styles, theme and page set-up taken from
any Word document they give (`facilitator export --style FILE.docx`, the export dialog's
*Huisstijl*), and the body font the charts are then drawn in.

Apart from docx_builder.py because it reads a second document and decides what of it
the report may take; docx_builder only writes.
"""

from __future__ import annotations

import copy
from io import BytesIO
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

DocxDocument = Any  # python-docx ships no type information


def apply_house_style(doc: DocxDocument, data: bytes) -> None:
    """Take the organisation's look from its own Word document: every style it shares
    with the reference (by id: Normal, Title, Heading 1-4, List Bullet, Caption, the
    table style, ...) is replaced by theirs, and so are the document defaults, the theme
    (fonts and colours that styles refer to) and the page size and margins.

    Styles the house document lacks keep the reference's definition, so the report
    never refers to a style that is not there. A list style keeps the reference's
    numbering: the numbering definitions themselves are not copied, and theirs would
    point at list ids this document does not have.
    """
    try:
        house = Document(BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a non-Word file
        raise ValueError(f"the house style is not a readable .docx file ({exc})") from exc
    ours = doc.styles.element
    theirs = house.styles.element
    by_id = {el.get(qn("w:styleId")): el for el in ours.iterchildren(qn("w:style"))}
    for style in theirs.iterchildren(qn("w:style")):
        mine = by_id.get(style.get(qn("w:styleId")))
        if mine is None:
            continue
        new = copy.deepcopy(style)
        new_ppr = new.find(qn("w:pPr"))
        if new_ppr is not None:
            for num in new_ppr.findall(qn("w:numPr")):
                new_ppr.remove(num)
        old_num = mine.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if old_num is not None:
            if new_ppr is None:
                new_ppr = OxmlElement("w:pPr")
                _insert_ppr(new, new_ppr)
            new_ppr.insert(0, copy.deepcopy(old_num))
        mine.addprevious(new)
        ours.remove(mine)
    defaults = theirs.find(qn("w:docDefaults"))
    if defaults is not None:
        old = ours.find(qn("w:docDefaults"))
        if old is not None:
            old.addprevious(copy.deepcopy(defaults))
            ours.remove(old)
    try:
        their_theme = house.part.part_related_by(RT.THEME)
        our_theme = doc.part.part_related_by(RT.THEME)
    except KeyError:
        pass  # no theme in one of them: the styles' explicit fonts still apply
    else:
        our_theme._blob = their_theme.blob
    ours_sect = doc.sections[0]
    theirs_sect = house.sections[0]
    for name in (
        "page_width",
        "page_height",
        "left_margin",
        "right_margin",
        "top_margin",
        "bottom_margin",
        "orientation",
    ):
        value = getattr(theirs_sect, name)
        if value is not None:
            setattr(ours_sect, name, value)


def _insert_ppr(style: Any, ppr: Any) -> None:
    """A w:pPr goes before w:rPr and w:tblPr in a style (the schema's order)."""
    for tag in ("w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
        anchor = style.find(qn(tag))
        if anchor is not None:
            anchor.addprevious(ppr)
            return
    style.append(ppr)


def body_font(doc: DocxDocument) -> str:
    """The font family of body text (Normal style, else the document defaults, else the
    theme's minor font), so the charts are drawn in the report's own font."""
    candidates = []
    normal = next(
        (
            el
            for el in doc.styles.element.iterchildren(qn("w:style"))
            if el.get(qn("w:styleId")) == "Normal"
        ),
        None,
    )
    if normal is not None:
        candidates.append(normal.find(f"{qn('w:rPr')}/{qn('w:rFonts')}"))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        candidates.append(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"))
    for fonts in candidates:
        if fonts is not None and fonts.get(qn("w:ascii")):
            return str(fonts.get(qn("w:ascii")))
    try:
        theme = doc.part.part_related_by(RT.THEME)
    except KeyError:
        return "Arial"
    root = parse_xml(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    latin = root.find(".//a:minorFont/a:latin", ns)
    return str(latin.get("typeface")) if latin is not None and latin.get("typeface") else "Arial"
