"""The parts of the verslag that look across tables: cover, summary with the day's
strongest themes, every action point, the plenary comparison, and the appendix of every
note (plus hidden notes on request).

sections.py tells each table's story; this module gives the organisers the overview
they circulate first (actions and themes up front) and the complete record they archive.
"""

from __future__ import annotations

from collections import defaultdict

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Cm

from facilitator.domain.model import Action, Note
from facilitator.domain.ranking import ItemKind, RankedItem, ranked, top
from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest, clock
from facilitator.report.options import FULL, SEPARATE
from facilitator.report.sections import add_round_heading, title_of
from facilitator.report.strings import counted, dots_text, join_words

THEMES = 3  # the strongest themes the summary names


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


def add_summary(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    b.heading(doc, styles, t["summary"], 1)
    notes_per_group: defaultdict[int, int] = defaultdict(int)
    for note in d.visible:
        notes_per_group[note.group_id] += 1
    total_dots = sum(d.dots_per_group.values())
    intro = t["summary_intro"].format(
        notes=counted(t, "note", len(d.visible)),
        participants=counted(t, "participant", len(d.snapshot.participants)),
        groups=counted(t, "groups", len(d.groups)),
        dots=counted(t, "dot", total_dots),
        rounds=counted(t, "round_count", len(d.rounds)),
    )
    if d.merged:
        intro += " " + counted(t, "merged_summary", len(d.merged))
    b.paragraph(doc, styles, intro)
    b.paragraph(doc, styles, themes_text(d, t))
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
        wrap=[0],
        flex=0,
        bold_last=True,
        right=[1, 2, 3],
        lang_cols=[0],
        lang=d.user_lang,
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
            wrap=[2, 3],
            flex=2,
            right=[4],
            lang_cols=[2, 3],
            lang=d.user_lang,
        )
    else:
        b.paragraph(doc, styles, t["no_votes"])


def day_themes(d: Digest, n: int = THEMES) -> list[tuple[str, int, list[str]]]:
    """The day's strongest themes over every round and table: clusters with the same
    name count as one theme (dots added, tables listed), loose notes count alone.
    (name, dots, table names), most dots first; a tie at place n keeps all tied."""
    totals: dict[str, int] = defaultdict(int)
    label: dict[str, str] = {}
    groups: dict[str, list[str]] = defaultdict(list)
    for round_ in d.rounds:
        for group in d.groups:
            for item in d.rankings.get((round_.id, group.id), []):
                if item.dots <= 0:
                    continue
                key = " ".join(item.label.casefold().split())
                totals[key] += item.dots
                label.setdefault(key, item.label)
                if group.name not in groups[key]:
                    groups[key].append(group.name)
    keys = list(totals)
    ranking = ranked([(ItemKind.CLUSTER, i, label[k], totals[k]) for i, k in enumerate(keys)])
    return [(item.label, item.dots, groups[keys[item.item_id]]) for item in top(ranking, n)]


def themes_text(d: Digest, t: dict[str, str]) -> str:
    """A few sentences built from the votes: the day's strongest themes, then what came
    out on top in each round."""
    themes = day_themes(d)
    if not themes:
        return t["no_themes"]
    items = [
        t["theme_item"].format(
            name=name,
            dots=dots_text(t, dots),
            groups=_group_count(t, groups, len(d.groups)),
        )
        for name, dots, groups in themes
    ]
    sentences = [t["themes"].format(items=join_words(t, items))]
    for round_ in d.rounds:
        best = [(item, groups) for item, groups in overall_top(d, round_.id) if item.rank == 1]
        if not best:
            continue
        sentences.append(
            t["round_best_1" if len(best) == 1 else "round_best_n"].format(
                title=f"«{title_of(round_)}»",
                items=join_words(t, [item.label for item, _ in best]),
                dots=dots_text(t, best[0][0].dots),
            )
        )
    return " ".join(sentences)


def _group_count(t: dict[str, str], names: list[str], of: int) -> str:
    return t["all_groups"] if len(names) == of and of > 2 else counted(t, "groups", len(names))


def add_actions(doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str]) -> None:
    """Every action point of the day in one table, right after the summary: what, who,
    by when, which table, and the cluster or note it came from."""
    b.heading(doc, styles, t["actions"], 1)
    round_pos = {r.id: i for i, r in enumerate(d.rounds)}
    group_pos = {g.id: i for i, g in enumerate(d.groups)}
    group_name = {g.id: g.name for g in d.groups}
    actions = sorted(
        (a for a in d.snapshot.actions if a.round_id in round_pos and a.group_id in group_pos),
        key=lambda a: (round_pos[a.round_id], group_pos[a.group_id], a.id),
    )
    if not actions:
        b.paragraph(doc, styles, t["no_actions"])
        return
    b.paragraph(doc, styles, t["actions_intro"])
    b.add_table(
        doc,
        styles,
        [t["what"], t["who"], t["due"], t["group"], t["source"]],
        (
            [
                a.what,
                a.who,
                a.due,
                f"{group_name[a.group_id]}\n{t['round_n'].format(n=round_pos[a.round_id] + 1)}",
                _source(d, t, a),
            ]
            for a in actions
        ),
        wrap=[0, 1, 2, 4],
        flex=0,
        lang_cols=[0, 1, 2, 4],
        lang=d.user_lang,
    )


def _source(d: Digest, t: dict[str, str], action: Action) -> str:
    if action.cluster_id is not None and action.cluster_id in d.clusters:
        return d.clusters[action.cluster_id].name
    if action.note_id is not None:
        note_id = d.root_of.get(action.note_id, action.note_id)
        note = next((n for n in d.visible if n.id == note_id), None)
        if note is not None:
            return f"“{note.text}”"
    return t["none"]


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
    width = text_width_cm(doc)
    wide = any(b.needs_landscape(w, width) for w in plenary_widths(d, t, width))
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
        b.fit_widths(
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
