"""The heart of the verslag: per round the question and method, per table what it made
of it (clusters in ranking order with their strongest notes, notes left loose, the
ranking as a chart with ties in words, action points).

The order inside a table follows how the session went: first what was written and how
it was grouped, then how people voted, then what was agreed. The body is short by
design (the verslag goes to 200 directors the same afternoon): a cluster shows its
strongest notes and says how many more there are; every note is in the appendix or
its separate file when the exporter asks for it (ReportOptions.notes). The ranking is
not printed twice: the clusters come in ranking order with their dots, the chart shows
every item's place (loose notes too) and ties are written out; a ranking table per table
cost 4-5 pages of the realistic day and said nothing the chart and list do not.
"""

from __future__ import annotations

from collections.abc import Callable

from docx.shared import Cm

from facilitator.domain.methods import instruction, method_name
from facilitator.domain.model import Group, Note, Round
from facilitator.domain.ranking import ItemKind, RankedItem, ties
from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest
from facilitator.report.options import FULL, SEPARATE
from facilitator.report.strings import counted, dots_text, join_words, notes_text, sentence

CHART_ITEMS = 10  # more bars than this stop being readable on an A4 column
# What the short body shows per table (measured on the realistic day, bench_pages.py:
# two notes for the best cluster, one for the next two, none for the rest kept the
# verslag under 30 pages; the cluster lines still give every cluster's size and dots).
NOTES_BY_PLACE = (2, 1, 1)  # strongest notes shown under the 1st, 2nd, 3rd cluster
LOOSE_NOTES = 2  # notes outside a cluster shown in the body
TEXT_WIDTH_CM = 16.0
TITLE_WORDS = 6  # a round without a title is headed by this much of its question


def short_question(question: str) -> str:
    """The start of a question as a heading: 'Welke maatschappelijke opgaven kan alleen…'."""
    words = question.split()
    if len(words) <= TITLE_WORDS:
        return " ".join(words).rstrip("?.!:;, ")
    return " ".join(words[:TITLE_WORDS]).rstrip("?.!:;,") + "…"


def title_of(round_: Round) -> str:
    return round_.title.strip() or short_question(round_.question)


def add_round_heading(
    container: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
) -> b.Paragraph:
    """'Ronde 1: Wat alleen het netwerk kan'; the title is the organisers' own text and
    carries their language."""
    prefix, _, _ = t["round_heading"].partition("{title}")
    p = b.paragraph(container, styles, style="Heading 2")
    b.add_text(p, prefix.format(n=d.round_number(round_)))
    b.add_text(p, title_of(round_), lang=d.user_lang)
    return p


def add_round(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    first: bool,
    after_group: Callable[[], None] | None = None,
) -> None:
    add_round_heading(doc, styles, d, t, round_)
    question = b.paragraph(doc, styles, style="Quote")
    b.add_text(question, f"{t['question']}: ", bold=True)
    b.add_text(question, round_.question, lang=d.user_lang)
    how = b.paragraph(doc, styles)
    b.add_text(how, f"{t['method']}: ", bold=True)
    b.add_text(how, f"{method_name(round_.method, d.options.language)}. ")
    b.add_text(how, f"{instruction(round_.method, d.options.language)} ")
    budget = t["budget_multi"] if round_.multi_dots else t["budget"]
    b.add_text(how, budget.format(dots=dots_text(t, round_.dot_budget)))
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
    b.heading(doc, styles, group.name, 3, lang=d.user_lang)
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
            wrap=[0, 1, 2],
            flex=0,
            lang_cols=[0, 1, 2],
            lang=d.user_lang,
        )


def note_extras(d: Digest, t: dict[str, str], note: Note) -> list[str]:
    """What is said after a note in brackets: paper, its own dots, how many others said
    the same (merged duplicates), and its author when names are asked for."""
    extras: list[str] = []
    if note.is_paper:
        extras.append(t["paper"])
    dots = d.dots_of(note)
    if dots:
        extras.append(dots_text(t, dots))
    also = d.also_of(note)
    if also:
        extras.append(counted(t, "also", also))
    if d.options.include_names and (author := d.author(note, inline=True)):
        extras.append(author)
    return extras


def _note_line(
    doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str], note: Note
) -> None:
    p = b.paragraph(doc, styles, note.text, "List Bullet", lang=d.user_lang)
    extras = note_extras(d, t, note)
    if extras:  # "; " once a name with its organisation is among them
        glue = "; " if d.options.include_names else ", "
        b.add_text(p, f"  ({glue.join(extras)})", italic=True)


def _more_line(
    doc: b.DocxDocument, styles: b.StyleCache, d: Digest, t: dict[str, str], n: int
) -> None:
    """One line per table for the notes the body leaves out, pointing to where they are."""
    where = {FULL: t["more_where_full"], SEPARATE: t["more_where_separate"]}
    p = b.paragraph(doc, styles)
    b.add_text(p, sentence(counted(t, "more", n) + where.get(d.options.notes, "")), italic=True)


def _some_notes(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    notes: list[Note],
    limit: int,
) -> int:
    """The strongest `limit` notes; returns how many were left out."""
    strongest = d.strongest_first(notes)
    shown = strongest[:limit]
    for note in shown:
        _note_line(doc, styles, d, t, note)
    return len(notes) - len(shown)


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
    left_out = 0
    if clusters:
        ordered = sorted(clusters, key=lambda c: place.get(c.id, len(place)))
        for index, cluster in enumerate(ordered):
            limit = NOTES_BY_PLACE[index] if index < len(NOTES_BY_PLACE) else 0
            title = b.paragraph(doc, styles)
            if limit and members[cluster.id]:  # a cluster line stays with its first note
                title.paragraph_format.keep_with_next = True
            title.paragraph_format.space_before = Cm(0.2)
            title.paragraph_format.space_after = Cm(0.05)
            b.add_text(title, cluster.name, bold=True, lang=d.user_lang)
            dots = d.cluster_dots.get(cluster.id, 0)
            said = len(members[cluster.id]) + sum(d.also_of(n) for n in members[cluster.id])
            b.add_text(title, f"  ·  {notes_text(t, said)}  ·  {dots_text(t, dots)}")
            left_out += _some_notes(doc, styles, d, t, members[cluster.id], limit)
    if loose:
        b.heading(doc, styles, t["unclustered"], 4)
        left_out += _some_notes(doc, styles, d, t, loose, LOOSE_NOTES)
    if left_out:
        _more_line(doc, styles, d, t, left_out)


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

    tied = [
        sentence(
            t["tie_line"].format(
                dots=dots_text(t, group[0].dots), items=join_words(t, [i.label for i in group])
            )
        )
        for group in ties(scored)
    ]
    if tied:  # one paragraph: a table with three ties should not spend three
        b.paragraph(doc, styles, " ".join(tied), lang=None)
    _chart(doc, styles, d, t, round_, group, scored)


def _chart(
    doc: b.DocxDocument,
    styles: b.StyleCache,
    d: Digest,
    t: dict[str, str],
    round_: Round,
    group: Group,
    scored: list[RankedItem],
) -> None:
    from facilitator.report import raster  # Qt only when a chart is really drawn

    items = scored[:CHART_ITEMS]
    png = raster.chart_png(
        [raster.Bar(i.label, i.dots, i.tied) for i in items],
        width_cm=TEXT_WIDTH_CM,
        tie_word="=",
        font_family=d.font_family,
    )
    described = ", ".join(
        f"{i.label}: {dots_text(t, i.dots)}{' (' + t['tie'] + ')' if i.tied else ''}" for i in items
    )
    round_name = t["round_n"].format(n=d.round_number(round_))
    alt = t["chart_alt"].format(group=group.name, round=round_name, items=described)
    if len(scored) > len(items):
        caption = b.paragraph(
            doc, styles, t["chart_top"].format(shown=len(items), total=len(scored)), "Caption"
        )
        caption.paragraph_format.keep_with_next = True  # a caption stays with its chart
    b.add_picture(
        doc, styles, png, Cm(TEXT_WIDTH_CM), alt, f"{t['ranking']} {group.name}, {round_name}"
    )
