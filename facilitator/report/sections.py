"""The heart of the verslag: per round the question and method, per group what it made
of it (clusters with their notes, notes left loose, ranking with chart and ties, action
points).

The order inside a group follows how the session went: first what was written and how
it was grouped, then how people voted, then what was agreed.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.shared import Cm, Pt

from facilitator.domain.methods import instruction, method_name
from facilitator.domain.model import Group, Note, Round
from facilitator.domain.ranking import ItemKind, RankedItem, ties
from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest
from facilitator.report.strings import dots_text, join_words, notes_text

CHART_ITEMS = 10  # more bars than this stop being readable on an A4 column
TEXT_WIDTH_CM = 16.0


def round_title(d: Digest, t: dict[str, str], round_: Round) -> str:
    return t["round_heading"].format(
        n=d.round_number(round_), method=method_name(round_.method, d.options.language)
    )


def add_round(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    first: bool,
    after_group: Callable[[], None] | None = None,
) -> None:
    heading = b.heading(doc, styles, round_title(d, t, round_), 2)
    if not first:
        b.page_break_before(heading)  # each round starts a page; Heading 1 already does
    question = b.paragraph(doc, styles, style="Quote")
    b.add_text(question, f"{t['question']}: ", bold=True)
    b.add_text(question, round_.question)
    how = b.paragraph(doc, styles)
    b.add_text(how, f"{t['method']}: ", bold=True)
    b.add_text(how, f"{instruction(round_.method, d.options.language)} ")
    budget = t["budget_multi"] if round_.multi_dots else t["budget"]
    b.add_text(how, budget.format(dots=round_.dot_budget))
    for group in d.groups:
        add_group(doc, styles, d, t, round_, group)
        if after_group is not None:
            after_group()


def add_group(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    group: Group,
) -> None:
    b.heading(doc, styles, group.name, 3)
    notes = d.cell_notes(round_.id, group.id)
    ranking = d.rankings.get((round_.id, group.id), [])
    actions = [a for a in d.snapshot.actions if a.round_id == round_.id and a.group_id == group.id]
    if not notes:
        b.paragraph(doc, styles, t["no_notes"])
    else:
        _clusters(doc, styles, d, t, round_, group, notes, ranking)
        _ranking(doc, styles, d, t, round_, group, ranking)
    if actions:
        b.heading(doc, styles, t["actions"], 4)
        b.add_table(
            doc,
            styles,
            [t["what"], t["who"], t["due"]],
            ([a.what, a.who, a.due] for a in actions),
            [9.5, 3.5, 3.0],
        )


def _note_line(
    doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str], note: Note
) -> None:
    p = b.paragraph(doc, styles, note.text, "List Bullet")
    extras: list[str] = []
    if note.is_paper:
        extras.append(t["paper"])
    dots = d.dots_of(note)
    if dots:
        extras.append(dots_text(t, dots))
    if d.options.include_names and (author := d.author(note)):
        extras.append(author)
    if extras:
        b.add_text(p, f"  ({', '.join(extras)})", italic=True)


def _clusters(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    group: Group,
    notes: list[Note],
    ranking: list[RankedItem],
) -> None:
    clusters = d.clusters_by_cell.get((round_.id, group.id), [])
    members: dict[int, list[Note]] = {c.id: [] for c in clusters}
    loose: list[Note] = []
    for note in notes:
        if note.cluster_id is not None and note.cluster_id in members:
            members[note.cluster_id].append(note)
        else:
            loose.append(note)
    place = {item.item_id: i for i, item in enumerate(ranking) if item.kind is ItemKind.CLUSTER}
    if clusters:
        b.heading(doc, styles, t["clusters"], 4)
        for cluster in sorted(clusters, key=lambda c: place.get(c.id, len(place))):
            title = b.paragraph(doc, styles)
            title.paragraph_format.keep_with_next = True
            title.paragraph_format.space_before = Cm(0.2)
            title.paragraph_format.space_after = Cm(0.05)
            b.add_text(title, cluster.name, bold=True)
            dots = d.cluster_dots.get(cluster.id, 0)
            b.add_text(
                title, f"  ·  {notes_text(t, len(members[cluster.id]))}  ·  {dots_text(t, dots)}"
            )
            for note in members[cluster.id]:
                _note_line(doc, styles, d, t, note)
    if loose:
        b.heading(doc, styles, t["unclustered"], 4)
        for note in loose:
            _note_line(doc, styles, d, t, note)


def _ranking(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    group: Group,
    ranking: list[RankedItem],
) -> None:
    scored = [item for item in ranking if item.dots > 0]
    b.heading(doc, styles, t["ranking"], 4)
    if not scored:
        b.paragraph(doc, styles, t["no_votes"])
        return

    def place(item: RankedItem) -> str:
        return f"{item.rank} ({t['tie']})" if item.tied else str(item.rank)

    def label(item: RankedItem) -> str:
        # Clusters are the usual case; a loose note is marked so it reads as a quote.
        return item.label if item.kind is ItemKind.CLUSTER else f"{item.label} ({t['kind_note']})"

    b.add_table(
        doc,
        styles,
        [t["rank"], t["item"], t["dots"]],
        ([place(i), label(i), str(i.dots)] for i in scored),
        [2.4, 11.6, 2.0],
        keep_with_next=True,
        right=[2],
    )
    for tied in ties(scored):
        line = b.paragraph(
            doc,
            styles,
            t["tie_line"].format(
                dots=dots_text(t, tied[0].dots), items=join_words(t, [i.label for i in tied])
            ),
        )
        line.paragraph_format.keep_with_next = True  # stays with the chart below
        line.paragraph_format.space_before = Pt(4)
    _chart(doc, styles, d, t, round_, group, scored[:CHART_ITEMS])


def _chart(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    group: Group,
    items: list[RankedItem],
) -> None:
    from facilitator.report import raster  # Qt only when a chart is really drawn

    png = raster.chart_png(
        [raster.Bar(i.label, i.dots, i.tied) for i in items],
        width_cm=TEXT_WIDTH_CM,
        tie_word="=",
    )
    described = ", ".join(
        f"{i.label}: {dots_text(t, i.dots)}{' (' + t['tie'] + ')' if i.tied else ''}" for i in items
    )
    alt = t["chart_alt"].format(
        group=group.name, round=t["round_n"].format(n=d.round_number(round_)), items=described
    )
    b.add_picture(
        doc,
        styles,
        png,
        Cm(TEXT_WIDTH_CM),
        alt,
        f"{t['ranking']} {group.name}, {t['round_n'].format(n=d.round_number(round_))}",
    )
