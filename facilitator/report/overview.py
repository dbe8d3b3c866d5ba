"""The parts of the verslag that look across groups: cover, contents, summary, the
plenary comparison, and the appendix of every note (plus hidden notes on request).

sections.py tells each group's story; this module gives the organisers the overview
they circulate first and the complete record they archive.
"""

from __future__ import annotations

from collections import defaultdict

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm

from facilitator.domain.methods import method_name
from facilitator.domain.model import Note
from facilitator.domain.ranking import ItemKind, RankedItem, ranked, top
from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest, clock
from facilitator.report.strings import join_words


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
    b.add_text(intro, t["method_intro"].format(groups=len(d.groups), rounds=len(d.rounds)))
    if not d.options.include_names:
        b.add_text(intro, f" {t['anonymous']}")


def add_summary(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    b.heading(doc, styles, t["summary"], 1)
    notes_per_group: defaultdict[int, int] = defaultdict(int)
    for note in d.visible:
        notes_per_group[note.group_id] += 1
    total_dots = sum(d.dots_per_group.values())
    b.paragraph(
        doc,
        styles,
        t["summary_intro"].format(
            notes=len(d.visible),
            participants=len(d.snapshot.participants),
            groups=len(d.groups),
            dots=total_dots,
            rounds=len(d.rounds),
        ),
    )
    rows = [
        [
            g.name,
            str(d.participants_per_group[g.id]),
            str(notes_per_group[g.id]),
            str(d.dots_per_group[g.id]),
        ]
        for g in d.groups
    ]
    rows.append(
        [t["total"], str(len(d.snapshot.participants)), str(len(d.visible)), str(total_dots)]
    )
    b.add_table(
        doc,
        styles,
        [t["group"], t["participants"], t["notes"], t["dots_cast"]],
        rows,
        [7.0, 3.0, 3.0, 3.0],
        bold_last=True,
        right=[1, 2, 3],
    )

    b.heading(doc, styles, t["overall_top"], 2)
    top_rows: list[list[str]] = []
    for round_ in d.rounds:
        for item, groups in overall_top(d, round_.id):
            place = f"{item.rank} ({t['tie']})" if item.tied else str(item.rank)
            top_rows.append(
                [
                    str(d.round_number(round_)),
                    place,
                    item.label,
                    _group_list(t, groups, len(d.groups)),
                    str(item.dots),
                ]
            )
    if top_rows:
        b.add_table(
            doc,
            styles,
            [t["round"], t["rank"], t["item"], t["group"], t["dots"]],
            top_rows,
            [1.6, 2.2, 6.4, 4.0, 1.8],
            right=[4],
        )
    else:
        b.paragraph(doc, styles, t["no_votes"])


def _group_list(t: dict[str, str], names: list[str], of: int) -> str:
    """'Tafel 1, 3, 4' rather than 'Tafel 1, Tafel 3, Tafel 4': the shared first word is
    said once, so the column stays narrow with eight tables."""
    if len(names) == of and of > 2:
        return t["all_groups"]
    parts = [n.rsplit(" ", 1) for n in names]
    if len(names) > 1 and all(len(p) == 2 for p in parts) and len({p[0] for p in parts}) == 1:
        return f"{parts[0][0]} {', '.join(p[1] for p in parts)}"
    return ", ".join(names)


def overall_top(d: Digest, round_id: int, n: int = 3) -> list[tuple[RankedItem, list[str]]]:
    """The round's best items over all groups. Clusters that several tables gave the
    same name count as one theme: their dots add up and the groups are listed."""
    totals: dict[str, int] = defaultdict(int)
    label: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for group in d.groups:
        for item in d.rankings.get((round_id, group.id), []):
            if item.dots <= 0:
                continue
            key = " ".join(item.label.casefold().split())
            totals[key] += item.dots
            label.setdefault(key, item.label)
            if group.name not in groups[key]:
                groups[key].append(group.name)
    keys = list(totals)
    ranking = ranked([(ItemKind.CLUSTER, i, label[k], totals[k]) for i, k in enumerate(keys)])
    return [(item, groups[keys[item.item_id]]) for item in top(ranking, n)]


def add_plenary(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    b.heading(doc, styles, t["plenary"], 1)
    b.paragraph(doc, styles, t["plenary_intro"])
    for round_ in d.rounds:
        b.heading(
            doc,
            styles,
            t["round_heading"].format(
                n=d.round_number(round_), method=method_name(round_.method, d.options.language)
            ),
            2,
        )
        b.paragraph(doc, styles, round_.question, "Quote")
        rows: list[list[str]] = []
        for group in d.groups:
            best = top(d.rankings.get((round_.id, group.id), []), 3)
            cells = []
            for place in (1, 2, 3):
                at = [i for i in best if i.rank == place]
                cells.append(
                    "; ".join(
                        f"{i.label} ({i.dots}{', ' + t['tie'] if i.tied else ''})" for i in at
                    )
                    or t["none"]
                )
            rows.append([group.name, *cells])
        b.add_table(
            doc,
            styles,
            [t["group"], t["first"], t["second"], t["third"]],
            rows,
            [3.4, 4.2, 4.2, 4.2],
        )
        recurring = _recurring(d, round_.id)
        if recurring:
            b.paragraph(
                doc,
                styles,
                t["recurring"].format(
                    items=join_words(
                        t, [t["in_groups"].format(name=name, n=count) for name, count in recurring]
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


def _landscape(doc: b.DocxDocument) -> None:
    """The appendix gets its own landscape section: eight columns need the width."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


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
    widths = [1.0, 2.3, 1.7, 1.4, 4.0, 10.8]
    if with_dots:
        headers.append(t["dots"])
        widths.append(1.9)
    headers.append(t["paper_mark"])
    widths.append(0.8)
    if d.options.include_names:
        headers.append(t["author"])
        widths[5] -= 3.2
        widths.append(3.2)
    if not with_dots:
        widths[5] += 1.9
    right = [0, 6] if with_dots else [0]
    b.add_table(doc, styles, headers, _note_rows(d, t, notes, with_dots), widths, right=right)


def add_appendix(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    _landscape(doc)
    heading = b.heading(doc, styles, t["appendix"], 1)
    heading.paragraph_format.page_break_before = False  # the section break already is one
    b.paragraph(doc, styles, f"{t['appendix_intro'].format(n=len(d.visible))} {t['paper_legend']}")
    _note_table(doc, styles, d, t, d.visible, with_dots=True)
    if d.options.include_hidden and d.hidden:
        b.heading(doc, styles, t["hidden_heading"], 1)
        b.paragraph(doc, styles, t["hidden_intro"].format(n=len(d.hidden)))
        _note_table(doc, styles, d, t, d.hidden, with_dots=False)
