"""The parts of the verslag that look across tables: cover, the plenary comparison, and
the appendix of every note (plus hidden notes on request).

sections.py tells each table's story, summary.py puts the day's themes and actions up
front; this module frames them and keeps the complete record the organisers archive.
"""

from __future__ import annotations

from collections import defaultdict

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm

from facilitator.domain.model import Note
from facilitator.domain.ranking import ItemKind, RankedItem, top
from facilitator.report import docx_builder as b
from facilitator.report import widths
from facilitator.report.digest import Digest, clock
from facilitator.report.options import FULL, SEPARATE
from facilitator.report.sections import add_round_heading
from facilitator.report.strings import counted, join_words


def add_cover(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    w = d.snapshot.workshop
    title = b.paragraph(doc, styles, w.title, "Title")
    title.paragraph_format.space_before = Cm(5.0)  # the cover's title sits in the upper third
    when = ", ".join(part for part in (w.date, w.place) if part)
    b.paragraph(doc, styles, f"{t['report']} · {when}" if when else t["report"], "Subtitle")
    if w.organisers:
        b.paragraph(doc, styles, t["organisers"].format(organisers=w.organisers), "Subtitle")
    intro = b.paragraph(doc, styles)
    intro.paragraph_format.space_before = Cm(1.0)
    b.add_text(
        intro,
        t["method_intro"].format(
            groups=counted(t, "groups", len(d.groups)),
            rounds=counted(t, "question", len(d.rounds)),
        ),
    )
    if d.options.notes == FULL:
        b.add_text(intro, t["method_intro_full"])
    elif d.options.notes == SEPARATE:
        b.add_text(intro, t["method_intro_separate"])
    if not d.options.include_names:
        b.add_text(intro, f" {t['anonymous']}")


def add_plenary(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    width = text_width_cm(doc)
    wide = any(widths.needs_landscape(w, width) for w in plenary_widths(d, t, width))
    if wide:  # names that cannot wrap do not fit a portrait page: turn it
        landscape(doc)
    heading = b.heading(doc, styles, t["plenary"], 1)
    if wide:
        heading.paragraph_format.page_break_before = False  # the section break is one
    b.paragraph(doc, styles, t["plenary_intro"])
    for round_ in d.rounds:
        add_round_heading(doc, styles, d, t, round_)
        b.paragraph(doc, styles, round_.question, "Quote", lang=d.user_lang)
        b.add_table(
            doc,
            styles,
            [t["group"], t["first"], t["second"], t["third"]],
            _plenary_rows(d, t, round_.id),
            total_cm=text_width_cm(doc),
            wrap=[1, 2, 3],
            lang_cols=[0, 1, 2, 3],
            lang=d.user_lang,
        )
        recurring = _recurring(d, round_.id)
        if recurring:
            b.paragraph(
                doc,
                styles,
                t["recurring"].format(
                    items=join_words(
                        t,
                        [
                            t["in_groups"].format(name=name, groups=counted(t, "groups", count))
                            for name, count in recurring
                        ],
                    )
                ),
            )


def _recurring(d: Digest, round_id: int) -> list[tuple[str, int]]:
    """Cluster names in the top three of two or more groups: the themes the room shares."""
    counts: dict[str, int] = defaultdict(int)
    label: dict[str, str] = {}
    for group in d.groups:
        for item in top(d.rankings.get((round_id, group.id), []), 3):
            if item.kind is ItemKind.CLUSTER:
                key = " ".join(item.label.casefold().split())
                counts[key] += 1
                label.setdefault(key, item.label)
    return sorted(((label[k], n) for k, n in counts.items() if n > 1), key=lambda x: -x[1])


def plenary_widths(d: Digest, t: dict[str, str], total_cm: float) -> list[list[float]]:
    return [
        widths.fit_widths(
            [t["group"], t["first"], t["second"], t["third"]],
            _plenary_rows(d, t, round_.id),
            total_cm,
            wrap=[1, 2, 3],
        )
        for round_ in d.rounds
    ]


def _plenary_rows(d: Digest, t: dict[str, str], round_id: int) -> list[list[str]]:
    rows: list[list[str]] = []
    for group in d.groups:
        best = top(d.rankings.get((round_id, group.id), []), 3)
        cells = [_place_cell(t, [i for i in best if i.rank == place]) for place in (1, 2, 3)]
        rows.append([group.name, *cells])
    return rows


PLENARY_TIED = 2  # items named in one place of the plenary table; the rest are counted


def _place_cell(t: dict[str, str], at: list[RankedItem]) -> str:
    """'Jeugd (6)', or for a tie 'Jeugd; Collectie en 2 meer (2, gedeeld)': a four-way tie
    for third place made each table's row half a page long."""
    if not at:
        return t["none"]
    if len(at) == 1:
        return f"{_short(at[0].label)} ({at[0].dots})"
    names = "; ".join(_short(i.label) for i in at[:PLENARY_TIED])
    if len(at) > PLENARY_TIED:
        names = f"{names} {counted(t, 'more', len(at) - PLENARY_TIED)}"
    return f"{names} ({at[0].dots}, {t['tie']})"


PLENARY_LABEL = 60  # characters of a note quoted in the plenary table


def _short(label: str) -> str:
    """A cluster name as it is; a long note cut at a word, so eight tables side by side
    stay one page per round (the full text is in the table's own section)."""
    if len(label) <= PLENARY_LABEL:
        return label
    cut = label[:PLENARY_LABEL].rsplit(" ", 1)[0]
    return f"{cut}…"


def landscape(doc: b.DocxDocument) -> None:
    """A landscape section from here on: the appendix's columns (and a plenary table
    whose names do not fit a portrait page) need the width."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def text_width_cm(doc: b.DocxDocument) -> float:
    section = doc.sections[-1]
    return float((section.page_width - section.left_margin - section.right_margin) / 360000)


def _note_rows(d: Digest, t: dict[str, str], notes: list[Note], with_dots: bool) -> list[list[str]]:
    group_name = {g.id: g.name for g in d.groups}
    round_no = {r.id: str(i + 1) for i, r in enumerate(d.rounds)}
    rows: list[list[str]] = []
    for number, note in enumerate(notes, 1):
        row = [
            str(number),
            group_name[note.group_id],
            round_no[note.round_id],
            clock(note.created_at),
            d.cluster_name(note),
            note.text,
        ]
        if with_dots:
            row.append(str(d.dots_of(note)) if d.dots_of(note) else "")
            row.append(f"+{d.also_of(note)}" if d.also_of(note) else "")
        row.append(t["paper_mark"] if note.is_paper else "")
        if d.options.include_names:
            row.append(d.author(note))
        rows.append(row)
    return rows


def _note_table(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    notes: list[Note],
    with_dots: bool,
) -> None:
    headers = ["#", t["group"], t["round"], t["time"], t["cluster"], t["text"]]
    if with_dots:
        headers += [t["dots"], "+"]
    headers.append(t["paper_mark"])
    wrap = [1, 4, 5]
    if d.options.include_names:
        headers.append(t["author"])
        wrap.append(len(headers) - 1)
    right = [0, 6, 7] if with_dots else [0]
    b.add_table(
        doc,
        styles,
        headers,
        _note_rows(d, t, notes, with_dots),
        total_cm=text_width_cm(doc),
        wrap=wrap,
        flex=5,
        right=right,
        lang_cols=[1, 4, 5],
        lang=d.user_lang,
    )


def add_appendix(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    *,
    new_section: bool = True,
) -> None:
    """Every visible note (with its +N of merged duplicates) and, on request, the hidden
    ones. In the report itself it starts a landscape section; as a separate file
    (new_section False) the caller has set the page up."""
    if new_section and doc.sections[-1].orientation != WD_ORIENT.LANDSCAPE:
        landscape(doc)
    heading = b.heading(doc, styles, t["appendix"], 1)
    heading.paragraph_format.page_break_before = False  # the section break already is one
    intro = counted(t, "appendix_intro", len(d.visible))
    legend = f" {t['also_legend']}" if d.merged else ""
    b.paragraph(doc, styles, f"{intro} {t['paper_legend']}{legend}")
    _note_table(doc, styles, d, t, d.visible, with_dots=True)
    add_hidden(doc, styles, d, t)


def add_hidden(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    """Moderated notes, only when asked for: a section of their own, never mixed in."""
    if not (d.options.include_hidden and d.hidden):
        return
    b.heading(doc, styles, t["hidden_heading"], 1)
    b.paragraph(doc, styles, counted(t, "hidden_intro", len(d.hidden)))
    _note_table(doc, styles, d, t, d.hidden, with_dots=False)
