"""The verslag's optional part "Thema's over alle tafels": per round, the themes that
several tables' facilitators found, made from their clusters (facilitator.suggest.room),
with which table called it what. Only clusters the facilitators made count; suggestions
they rejected never reach the report. On when ReportOptions.room_themes is set.
"""

from __future__ import annotations

from facilitator.report import docx_builder as b
from facilitator.report.digest import Digest
from facilitator.suggest.room import SharedTheme, TableCluster, shared_themes

_STRINGS = {
    "nl": {
        "title": "Thema's over alle tafels",
        "intro": "Per ronde de thema's die aan meer dan één tafel terugkwamen, samengesteld "
        "uit de clusters die de tafels zelf maakten (namen en briefjes). Een thema draagt "
        "de naam die de tafels het vaakst gaven.",
        "round": "Ronde {n}",
        "none": "Geen thema dat aan meer dan één tafel terugkwam.",
        "theme": "Thema",
        "tables": "Tafels",
        "notes": "Briefjes",
        "named": "Aan tafel genoemd",
    },
    "en": {
        "title": "Themes across tables",
        "intro": "Per round, the themes that came back at more than one table, made from the "
        "clusters the tables made themselves (names and notes). A theme carries the name the "
        "tables gave it most often.",
        "round": "Round {n}",
        "none": "No theme came back at more than one table.",
        "theme": "Theme",
        "tables": "Tables",
        "notes": "Notes",
        "named": "Named at the tables",
    },
}


def round_themes(d: Digest, round_id: int) -> list[SharedTheme]:
    table_clusters = []
    for group in d.groups:
        notes = d.cell_notes(round_id, group.id)
        for cluster in d.clusters_by_cell.get((round_id, group.id), []):
            texts = tuple(n.text for n in notes if n.cluster_id == cluster.id)
            table_clusters.append(TableCluster(cluster.id, group.name, cluster.name, texts))
    return shared_themes(table_clusters, language=d.options.language)


def add_room_themes(doc: b.DocxDocument, styles: b.StyleCache, d: Digest) -> None:
    t = _STRINGS.get(d.options.language, _STRINGS["nl"])
    b.heading(doc, styles, t["title"], 1)
    b.paragraph(doc, styles, t["intro"])
    for number, round_ in enumerate(d.rounds, start=1):
        b.heading(doc, styles, t["round"].format(n=number), 2)
        b.paragraph(doc, styles, round_.question, "Quote")
        themes = round_themes(d, round_.id)
        if not themes:
            b.paragraph(doc, styles, t["none"])
            continue
        rows = [
            [theme.name, str(theme.tables), str(theme.notes), _named(theme)] for theme in themes
        ]
        b.add_table(
            doc,
            styles,
            [t["theme"], t["tables"], t["notes"], t["named"]],
            rows,
            (3.8, 1.9, 2.2, 8.1),
            right=(1, 2),
        )


def _named(theme: SharedTheme) -> str:
    """"Basisvaardigheden: Tafel 1, Tafel 2; Data: Tafel 4": each name once, with the
    tables that used it."""
    tables: dict[str, list[str]] = {}
    for member in theme.members:
        tables.setdefault(member.name.strip(), [])
        if member.table not in tables[member.name.strip()]:
            tables[member.name.strip()].append(member.table)
    return "; ".join(f"{name}: {', '.join(where)}" for name, where in tables.items())
