"""What the organisers read first: the summary (counts, the day's strongest themes in a
few sentences built from the votes, the top three per round) and every action point of
the day in one table, right after it.

Apart from overview.py because it is the part that decides what the day "said": the
themes are computed here (clusters with the same name at several tables count as one).
"""

from __future__ import annotations

from collections import defaultdict

from facilitator.domain.model import Action
from facilitator.domain.ranking import ItemKind, RankedItem, ranked, top
from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest
from facilitator.report.sections import title_of
from facilitator.report.strings import counted, dots_text, join_words

THEMES = 3  # the strongest themes the summary names


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
