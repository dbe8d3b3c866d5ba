"""Themes over all tables, made from the clusters the facilitators made: for the
verslag's "thema's over alle tafels".

Each table's facilitator named their own clusters; the same theme comes back under
"Basisvaardigheden" at table 1 and "Taal en geletterdheid" at table 5. This groups the
clusters (not the loose notes, and nothing the facilitator did not accept) across
tables: first by the same name, then by what their names and notes say, with the same
text analysis as the suggestions. A theme is named after the name the facilitators gave
it most often, so the report speaks their words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.suggest import Analyzer, SourceNote, suggest
from facilitator.suggest.lexicon import fold

# Stricter than for notes: a unit is a whole cluster (name and notes), so two units share
# words easily; and a wrong join in the report misleads more than a missed one.
ROOM_THRESHOLD = 0.2


@dataclass(frozen=True, slots=True)
class TableCluster:
    """One facilitator's cluster: at which table, under which name, with which notes."""

    cluster_id: int
    table: str
    name: str
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SharedTheme:
    name: str
    members: tuple[TableCluster, ...]  # in table order as given

    @property
    def tables(self) -> int:
        return len({m.table for m in self.members})

    @property
    def notes(self) -> int:
        return sum(len(m.notes) for m in self.members)


def shared_themes(
    clusters: Sequence[TableCluster], *, language: str = "nl", analyzer: Analyzer | None = None
) -> list[SharedTheme]:
    """Themes that at least two tables share, most tables first."""
    order = {c.cluster_id: i for i, c in enumerate(clusters)}
    by_name: dict[str, list[TableCluster]] = defaultdict(list)
    for c in clusters:
        if c.notes:
            by_name[fold(c.name).strip()].append(c)
    units = sorted(by_name.values(), key=lambda group: order[group[0].cluster_id])
    # The names (the facilitators' own summaries) and the notes, as one text per unit.
    sources = [
        SourceNote(i, " ".join([*(m.name for m in unit), *(n for m in unit for n in m.notes)]))
        for i, unit in enumerate(units)
    ]
    joined: list[list[TableCluster]] = []
    taken: set[int] = set()
    result = suggest(sources, language=language, analyzer=analyzer, threshold=ROOM_THRESHOLD)
    for grouping in result.groupings:
        ids = [int(str(i)) for i in grouping.note_ids]
        taken.update(ids)
        joined.append([m for i in ids for m in units[i]])
    joined += [unit for i, unit in enumerate(units) if i not in taken]
    themes = []
    for members in joined:
        members.sort(key=lambda m: order[m.cluster_id])
        theme = SharedTheme(_name(members), tuple(members))
        if theme.tables >= 2:
            themes.append(theme)
    themes.sort(key=lambda t: (-t.tables, -t.notes, t.name))
    return themes


def _name(members: Sequence[TableCluster]) -> str:
    counts = Counter(m.name.strip() for m in members)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
