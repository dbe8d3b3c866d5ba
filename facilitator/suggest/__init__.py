"""Grouping help for the facilitator: duplicate pairs and cluster proposals for one
table's notes, offline, deterministic, without Qt.

Proposals only: nothing here changes a workshop. The wall shows them one by one and an
accepted one becomes an engine command like any drag (ui/wall/suggestions_panel.py); the CLI
prints them (`facilitator suggest NOTES.json`). How the text is read is in text.py, the
word lists in resources/suggest/, the method and its measured quality in
docs/DECISIONS.md and bench/bench_suggest.py.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

from facilitator.suggest.duplicates import (
    DUPLICATE_THRESHOLD,
    DuplicateIndex,
    DuplicatePair,
    duplicate_pairs,
)
from facilitator.suggest.grouping import CLUSTER_THRESHOLD, Grouping, suggest_groups
from facilitator.suggest.text import Analyzer, NoteText, light_stem

__all__ = [
    "DUPLICATE_THRESHOLD",
    "Analyzer",
    "DuplicateIndex",
    "DuplicatePair",
    "Grouping",
    "NoteText",
    "SourceNote",
    "Suggestions",
    "light_stem",
    "suggest",
    "to_json",
]


@dataclass(frozen=True, slots=True)
class SourceNote:
    """A note as the suggestions see it: an id of any kind, its text, and the key of the
    facilitator's cluster it is in (None: loose)."""

    id: Hashable
    text: str
    cluster: Hashable | None = None


@dataclass(frozen=True, slots=True)
class Suggestions:
    groupings: tuple[Grouping, ...] = ()
    duplicates: tuple[DuplicatePair, ...] = field(default_factory=tuple)


_DEFAULT: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """One analyzer per process: its word caches make the next call cheaper."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


def suggest(
    notes: Sequence[SourceNote],
    cluster_names: Mapping[Hashable, str] | None = None,
    *,
    language: str = "nl",
    analyzer: Analyzer | None = None,
    threshold: float = CLUSTER_THRESHOLD,
) -> Suggestions:
    """Duplicates among all notes, and proposals for the loose ones (into an existing
    cluster, or a new cluster with a name). The same input gives the same output."""
    analyzer = analyzer or default_analyzer()
    texts = [analyzer.analyse(n.text) for n in notes]
    ids = [n.id for n in notes]
    groupings = suggest_groups(
        texts,
        [n.cluster for n in notes],
        dict(cluster_names or {}),
        analyzer.lexicon,
        language,
        ids,
        threshold,
    )
    duplicates = duplicate_pairs(zip(ids, texts, strict=True))
    return Suggestions(tuple(groupings), tuple(duplicates))


def to_json(
    result: Suggestions,
    notes: Sequence[SourceNote],
    cluster_names: Mapping[Hashable, str] | None = None,
) -> dict[str, object]:
    """The CLI's answer: every cluster (the facilitator's with the proposed additions,
    then the new ones) with all its notes; each note in at most one cluster."""
    names = dict(cluster_names or {})
    members: dict[Hashable, list[Hashable]] = {}
    for note in notes:
        if note.cluster is not None:
            members.setdefault(note.cluster, []).append(note.id)
    clusters: list[dict[str, object]] = []
    extra = {g.existing: g.note_ids for g in result.groupings if g.existing is not None}
    for key, ids in members.items():
        clusters.append({"name": names.get(key, str(key)), "note_ids": [*ids, *extra.get(key, ())]})
    for g in result.groupings:
        if g.existing is None:
            clusters.append({"name": g.name, "note_ids": list(g.note_ids)})
    return {
        "clusters": clusters,
        "duplicates": [{"note_ids": list(d.note_ids), "score": d.score} for d in result.duplicates],
    }
