"""From a wall's notes and clusters to the proposals the facilitator accepts or rejects,
one by one, and to the wall's live duplicate marker. Qt-free, so the rules (what is
proposed, what is never proposed again, which notes carry the marker) are tested
without a window.

A proposal is small on purpose, so accepting it is one engine command: a new cluster
with its notes (CreateCluster), one note into a cluster the facilitator made
(SetNoteCluster), or one duplicate folded into the note it repeats (MergeNote).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from facilitator.domain.model import Cluster, Note
from facilitator.suggest import Analyzer, DuplicateIndex, SourceNote, default_analyzer, suggest

# The live marker's bounds per arriving note (DuplicateIndex): a table's wall on the day
# (tens of notes) never reaches them.
LIVE_MAX_POSTINGS = 200
LIVE_MAX_SCORED = 24


class Kind(Enum):
    NEW_CLUSTER = "new_cluster"  # note_ids form a new cluster called `name`
    INTO_CLUSTER = "into_cluster"  # note_ids[0] joins cluster `cluster_id`
    MERGE = "merge"  # note_ids[1] is folded into note_ids[0] (the earlier one)


@dataclass(frozen=True, slots=True)
class Proposal:
    kind: Kind
    note_ids: tuple[int, ...]
    name: str  # the new cluster's name, or the existing cluster's
    score: float
    cluster_id: int | None = None

    @property
    def key(self) -> tuple[str, tuple[int, ...], int | None]:
        """What a rejection remembers: the same notes proposed the same way."""
        return (self.kind.value, tuple(sorted(self.note_ids)), self.cluster_id)


def loose(notes: Iterable[Note]) -> list[Note]:
    """Notes a proposal may be about: shown, not folded into another."""
    return [n for n in notes if not n.hidden and n.merged_into is None]


def proposals(
    notes: Sequence[Note],
    clusters: Sequence[Cluster],
    *,
    language: str = "nl",
    rejected: frozenset[Hashable] = frozenset(),
    analyzer: Analyzer | None = None,
) -> list[Proposal]:
    """Duplicates first (the surest, and merging them first makes the clusters cleaner),
    then notes into the facilitator's clusters, then new clusters, best first within
    each kind. Nothing the facilitator rejected this round comes back."""
    shown = sorted(loose(notes), key=lambda n: n.id)
    names: dict[Hashable, str] = {c.id: c.name for c in clusters}
    sources = [
        SourceNote(n.id, n.text, n.cluster_id if n.cluster_id in names else None) for n in shown
    ]
    result = suggest(sources, names, language=language, analyzer=analyzer)
    found: list[Proposal] = []
    for pair in result.duplicates:
        a, b = (int(str(i)) for i in pair.note_ids)
        found.append(Proposal(Kind.MERGE, (min(a, b), max(a, b)), "", pair.score))
    into: list[Proposal] = []
    new: list[Proposal] = []
    for g in result.groupings:
        ids = tuple(int(str(i)) for i in g.note_ids)
        if g.existing is not None:
            cluster_id = int(str(g.existing))
            into += [Proposal(Kind.INTO_CLUSTER, (i,), g.name, g.score, cluster_id) for i in ids]
        else:
            new.append(Proposal(Kind.NEW_CLUSTER, ids, g.name, g.score))
    into.sort(key=lambda p: (-p.score, p.note_ids))
    new.sort(key=lambda p: (-len(p.note_ids), -p.score, p.note_ids))
    return [p for p in [*found, *into, *new] if p.key not in rejected]


def still_valid(proposal: Proposal, notes: dict[int, Note], clusters: set[int]) -> bool:
    """False once the wall moved on: a note gone, hidden, merged, or (for the cluster
    proposals) already in a cluster; the cluster removed."""
    picked = [notes.get(i) for i in proposal.note_ids]
    if any(n is None or n.hidden or n.merged_into is not None for n in picked):
        return False
    if proposal.kind is Kind.MERGE:
        return True
    if proposal.kind is Kind.INTO_CLUSTER and proposal.cluster_id not in clusters:
        return False
    return all(n is not None and n.cluster_id is None for n in picked)


class WallDuplicates:
    """The live duplicate marker of one wall: notes are added as they arrive, and
    `marked` says which shown notes have a likely duplicate among the shown ones."""

    def __init__(self, analyzer: Analyzer | None = None) -> None:
        self._analyzer = analyzer or default_analyzer()
        # Bounded per note: this runs on the GUI thread for every arriving note, and a
        # flood of one text made each add score every earlier copy (the window's timer
        # was seconds late at 2,000 notes/s; docs/PERFORMANCE.md).
        self._index = DuplicateIndex(max_postings=LIVE_MAX_POSTINGS, max_scored=LIVE_MAX_SCORED)
        self._pairs: dict[int, set[int]] = {}
        self._texts: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._texts)  # notes indexed

    def __contains__(self, note_id: object) -> bool:
        return note_id in self._texts

    def add(self, note: Note) -> list[int]:
        """Index an arriving (or edited) note; its likely duplicates' ids."""
        if self._texts.get(note.id) == note.text:
            return sorted(self._pairs.get(note.id, ()))
        self._texts[note.id] = note.text
        found = [
            int(str(other))
            for other, _s in self._index.add(note.id, self._analyzer.analyse(note.text))
        ]
        for other in found:
            self._pairs.setdefault(note.id, set()).add(other)
            self._pairs.setdefault(other, set()).add(note.id)
        return found

    def partners(self, note_id: int) -> set[int]:
        """The notes paired with `note_id` as likely duplicates (shown or not)."""
        return self._pairs.get(note_id, set())

    def marked_among(self, note_ids: Iterable[int], note: Callable[[int], Note | None]
                     ) -> set[int]:
        """Which of `note_ids` are marked now: as `marked`, for those notes only, so a
        few arriving notes cost their own pairs, not the whole wall's (issue 17)."""

        def shown(note_id: int) -> bool:
            found = note(note_id)
            return found is not None and not found.hidden and found.merged_into is None

        return {i for i in note_ids
                if shown(i) and any(shown(o) for o in self._pairs.get(i, ()))}

    def marked(self, note: Callable[[int], Note | None]) -> set[int]:
        """The notes with a likely duplicate, both shown (not hidden, not merged,
        not deleted); `note` looks a note up by id. Walks the pairs, not the wall."""

        def shown(note_id: int) -> bool:
            found = note(note_id)
            return found is not None and not found.hidden and found.merged_into is None

        return {i for i, others in self._pairs.items()
                if shown(i) and any(shown(o) for o in others)}
