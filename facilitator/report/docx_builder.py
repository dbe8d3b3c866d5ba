"""The Word-file mechanics python-docx does not offer: fields (TOC, PAGE), language,
bookmarks and links, repeated header rows, alt text on pictures, and fast big tables.
(A house style is applied by house_style.py, column widths come from widths.py.)

Kept apart from what the report says (sections.py, overview.py), so the content modules
read as a description of the verslag and this one as a description of OOXML. Every
string written through here passes xml_safe first: one place that guarantees a note with
odd characters cannot corrupt the file.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from functools import cache
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length

from facilitator import resources
from facilitator.report.digest import xml_safe
from facilitator.report.widths import fit_widths

DocxDocument = Any  # python-docx ships no type information
Paragraph = Any
Table = Any

TABLE_STYLE = "Light List Accent 1"


@cache
def _reference_bytes() -> bytes:
    return resources.read_bytes("report", "reference.docx")


def new_document(language_tag: str, house_style: bytes | None = None) -> DocxDocument:
    """A document with the reference styles, its body empty, in `language_tag`; with
    `house_style` (another .docx) its styles, theme and page set-up on top."""
    doc = Document(BytesIO(_reference_bytes()))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if house_style is not None:
        from facilitator.report.house_style import apply_house_style

        apply_house_style(doc, house_style)
    set_language(doc, language_tag)
    return doc


def set_language(doc: DocxDocument, tag: str) -> None:
    """Proofing language for every style (docDefaults), so spelling checks use it."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


class StyleCache:
    """Style ids looked up once per name.

    python-docx resolves a style for every paragraph by scanning all ~170 styles twice
    (once by name, once to see whether it is the default); for a 2,000-note report that
    was two thirds of the time. We write the w:pStyle id ourselves instead.
    """

    def __init__(self, doc: DocxDocument) -> None:
        self._doc = doc
        self._ids: dict[str, str | None] = {}

    def __getitem__(self, name: str) -> Any:
        """The style object, for python-docx calls that want one (tables, footers)."""
        return self._doc.styles[name]

    def style_id(self, name: str) -> str | None:
        """The id to write in w:pStyle; None for the default paragraph style."""
        if name not in self._ids:
            style = self._doc.styles[name]
            self._ids[name] = None if style.element.default else style.style_id
        return self._ids[name]

    def apply(self, paragraph_: Paragraph, name: str) -> None:
        style_id = self.style_id(name)
        if style_id is not None:
            paragraph_._p.get_or_add_pPr().style = style_id


def add_text(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    lang: str | None = None,
) -> None:
    """A run of `text`; `lang` tags it with its own proofing language (the organisers'
    Dutch inside an English report), so spelling checks do not flag it."""
    run = paragraph.add_run(xml_safe(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if lang:
        tag_language(run._r, lang)


def tag_language(run_el: Any, lang: str) -> None:
    rpr = run_el.get_or_add_rPr()
    for old in rpr.findall(qn("w:lang")):
        rpr.remove(old)
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    rpr.append(el)


def paragraph(
    container: Any,
    styles: StyleCache,
    text: str = "",
    style: str = "Normal",
    lang: str | None = None,
) -> Paragraph:
    p = container.add_paragraph()
    styles.apply(p, style)
    if text:
        add_text(p, text, lang=lang)
    return p


def heading(
    container: Any, styles: StyleCache, text: str, level: int, lang: str | None = None
) -> Paragraph:
    return paragraph(container, styles, text, f"Heading {level}", lang)


def _fld(run_el: Any, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run_el.append(char)


def _instr(paragraph_: Paragraph, instruction: str) -> None:
    _fld(paragraph_.add_run()._r, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph_.add_run()._r.append(instr)
    _fld(paragraph_.add_run()._r, "separate")


def add_field(paragraph_: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES, ...) with `shown` as its cached result."""
    _instr(paragraph_, instruction)
    paragraph_.add_run(shown)
    _fld(paragraph_.add_run()._r, "end")


def bookmark(paragraph_: Paragraph, name: str, bookmark_id: int) -> None:
    """Mark the whole paragraph as bookmark `name`, the target of a contents entry."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    p = paragraph_._p if hasattr(paragraph_, "_p") else paragraph_
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def add_toc(
    doc: DocxDocument,
    styles: StyleCache,
    entries: Sequence[tuple[int, str, str]],
    levels: int = 3,
) -> None:
    """A TOC field whose cached result lists the headings as links to them (entries are
    (level, text, bookmark)). No page numbers: they cannot be known before a word
    processor lays the pages out, and asking every reader's Word to update fields on
    open (w:updateFields) shows a question about "fields that may refer to other files"
    to 200 directors. Word's own "Update table" (F9) adds the numbers for whoever
    edits the file; LibreOffice and PDF export show the cached list as it is."""
    shown = [e for e in entries if e[0] <= levels] or [(1, "", "")]
    for i, (level, text, anchor) in enumerate(shown):
        p = doc.add_paragraph()
        styles.apply(p, f"toc {level}")
        if i == 0:
            _instr(p, f'TOC \\o "1-{levels}" \\h \\z \\u')
        if anchor:
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), anchor)
            link.set(qn("w:history"), "1")
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = xml_safe(text)
            run.append(t)
            link.append(run)
            p._p.append(link)
        else:
            add_text(p, text)
        if i == len(shown) - 1:
            _fld(p.add_run()._r, "end")


def add_page_footer(doc: DocxDocument, styles: StyleCache, text: str) -> None:
    footer = doc.sections[0].footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    styles.apply(p, "Footer")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(p, f"{text}  ·  ")
    add_field(p, "PAGE", "1")


def page_break_before(paragraph_: Paragraph) -> None:
    paragraph_.paragraph_format.page_break_before = True


def line_break(paragraph_: Paragraph) -> None:
    paragraph_.add_run().add_break(WD_BREAK.LINE)


def add_picture(
    container: Any, styles: StyleCache, png: bytes, width: Length, alt_text: str, name: str
) -> Paragraph:
    """A picture in its own paragraph, with alt text (docPr descr) for screen readers
    and for Word's accessibility checker."""
    p = paragraph(container, styles)
    p.paragraph_format.keep_together = True
    run = p.add_run()
    run.add_picture(BytesIO(png), width=width)
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", xml_safe(alt_text))
        doc_pr.set("title", xml_safe(name))
    return p


def _set_cell_text(tc: Any, text: str) -> None:
    """Fill a copied cell whose paragraph holds exactly one run with one w:t."""
    t = next(tc.iter(qn("w:t")))
    lines = xml_safe(text).split("\n")
    t.text = lines[0]
    anchor = t
    for line in lines[1:]:  # a multi-line note keeps its line breaks
        br = OxmlElement("w:br")
        anchor.addnext(br)
        nxt = OxmlElement("w:t")
        nxt.set(qn("xml:space"), "preserve")
        nxt.text = line
        br.addnext(nxt)
        anchor = nxt


def add_table(
    container: Any,
    styles: StyleCache,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths_cm: Sequence[float] | None = None,
    *,
    total_cm: float = 16.0,
    wrap: Sequence[int] = (),
    flex: int | None = None,
    bold_last: bool = False,
    keep_with_next: bool = False,
    right: Sequence[int] = (),
    lang_cols: Sequence[int] = (),
    lang: str | None = None,
) -> Table:
    """A table with a header row that repeats on every page and rows copied from one
    prepared row's XML: add_row() re-reads the grid for every row and is ~10x slower
    on the 2,000-row appendix.

    Without `widths_cm` the widths are fitted to the text (see fit_widths). `lang_cols`
    are columns of the organisers' own text, tagged with `lang` when it differs from
    the document's language.
    """
    rows = [list(r) for r in rows]
    if widths_cm is None:
        widths_cm = fit_widths(headers, rows, total_cm, wrap, flex)  # see widths.py
    table = container.add_table(rows=2, cols=len(headers))
    table.style = styles[TABLE_STYLE]
    table.autofit = False
    _look(table, last_row=bold_last)
    for i, width in enumerate(widths_cm):
        table.columns[i].width = Cm(width)
    header, proto = table.rows
    for index, (cell, title, width) in enumerate(
        zip(header.cells, headers, widths_cm, strict=True)
    ):
        cell.width = Cm(width)
        cell.text = xml_safe(title)
        if index in right:  # numbers line up when right-aligned
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    tr_pr.append(repeat)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    for index, (cell, width) in enumerate(zip(proto.cells, widths_cm, strict=True)):
        cell.width = Cm(width)
        cell.text = "x"  # replaces the cell's paragraph: format it afterwards
        if index in right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run_el = cell.paragraphs[0].runs[0]._r
        next(run_el.iter(qn("w:t"))).set(qn("xml:space"), "preserve")
        if lang and index in lang_cols:
            tag_language(run_el, lang)
        if keep_with_next:  # a small table stays on the page of what follows
            cell.paragraphs[0].paragraph_format.keep_with_next = True
    proto_tr = proto._tr
    # A row never breaks across pages: half a note on each page reads as two notes.
    proto_tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    tbl = table._tbl
    tbl.remove(proto_tr)
    last = None
    for values in rows:
        tr = copy.deepcopy(proto_tr)
        for tc, value in zip(tr.iter(qn("w:tc")), values, strict=True):
            _set_cell_text(tc, value)
        tbl.append(tr)
        last = tr
    if bold_last and last is not None:
        for r in last.iter(qn("w:r")):
            r.get_or_add_rPr().b_val = True
    return table


def _look(table: Table, *, last_row: bool) -> None:
    """Which parts of the table style apply: the header row (and a totals row), no
    bold first column, banded rows for reading long tables."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    flags = {
        "firstRow": True,
        "lastRow": last_row,
        "firstColumn": False,
        "lastColumn": False,
        "noHBand": False,
        "noVBand": True,
    }
    value = 0x0020 | (0x0040 if last_row else 0) | 0x0400
    look.set(qn("w:val"), f"{value:04X}")
    for name, on in flags.items():
        look.set(qn(f"w:{name}"), "1" if on else "0")
