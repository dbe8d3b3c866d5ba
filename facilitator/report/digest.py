"""The snapshot digested once for every export: lookups, visible notes in reading order,
rankings per round and group, counts.

Each format (Word, CSV, cards) needs the same derived facts; computing them here once
keeps the formats consistent (a note's dots are the same number in Word and CSV) and
keeps the builders free of filtering rules such as "hidden notes stay out" and "a merged
duplicate is only the +1 of the note it was folded into".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from facilitator.domain import ranking
from facilitator.domain.model import Cluster, Group, Note, Round, Snapshot
from facilitator.domain.ranking import RankedItem
from facilitator.report.options import ReportOptions
from facilitator.report.strings import LANG_TAGS, unit_of

# Characters XML 1.0 forbids. The store strips control characters on the way in, but an
# export must not fail on a file written by an older version or another tool.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def clock(timestamp: float) -> str:
    """Local wall-clock time of a note, as people at the event saw it."""
    return datetime.fromtimestamp(timestamp).strftime("%H:%M") if timestamp else ""


def stamp(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M:%S") if timestamp else ""


@dataclass(slots=True)
class Digest:
    snapshot: Snapshot
    options: ReportOptions
    groups: list[Group] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    clusters: dict[int, Cluster] = field(default_factory=dict)
    visible: list[Note] = field(default_factory=list)  # reading order; no merged duplicates
    hidden: list[Note] = field(default_factory=list)
    merged: list[Note] = field(default_factory=list)  # duplicates folded into a visible note
    also: Counter[int] = field(default_factory=Counter)  # note id -> duplicates folded into it
    unit: str = "table"  # what the workshop calls a breakout group: "table" or "group"
    by_cell: dict[tuple[int, int], list[Note]] = field(default_factory=dict)  # (round, group)
    clusters_by_cell: dict[tuple[int, int], list[Cluster]] = field(default_factory=dict)
    rankings: dict[tuple[int, int], list[RankedItem]] = field(default_factory=dict)
    note_dots: dict[int, int] = field(default_factory=dict)
    cluster_dots: dict[int, int] = field(default_factory=dict)
    dots_per_group: Counter[int] = field(default_factory=Counter)
    participants_per_group: Counter[int] = field(default_factory=Counter)
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (name, org)
    root_of: dict[int, int] = field(default_factory=dict)  # merged note id -> the note it joined
    # The proofing language of the organisers' own text (notes, questions, names) when
    # it differs from the report's: an English verslag of a Dutch day tags it nl-NL.
    user_lang: str | None = None
    font_family: str = "Arial"  # the report's body font, for the charts

    def cell_notes(self, round_id: int, group_id: int) -> list[Note]:
        return self.by_cell.get((round_id, group_id), [])

    def cluster_name(self, note: Note) -> str:
        cluster = self.clusters.get(note.cluster_id) if note.cluster_id is not None else None
        return cluster.name if cluster else ""

    def author(self, note: Note, *, inline: bool = False) -> str:
        """'Name (Organisation)' in a table cell; 'Name, Organisation' inline, where the
        note's extras already stand in brackets; the name alone; "" for a paper note."""
        if note.participant_id is None or note.participant_id not in self.names:
            return ""
        name, organisation = self.names[note.participant_id]
        if not organisation:
            return name
        return f"{name}, {organisation}" if inline else f"{name} ({organisation})"

    def round_number(self, round_: Round) -> int:
        return self.rounds.index(round_) + 1

    def dots_of(self, note: Note) -> int:
        return self.note_dots.get(note.id, 0)

    def also_of(self, note: Note) -> int:
        """How many merged duplicates this note stands for ("ook genoemd door 2 anderen")."""
        return self.also.get(note.id, 0)

    def strongest_first(self, notes: list[Note]) -> list[Note]:
        """Notes in the order the short report shows them: most dots, then most often
        said (merged duplicates), then arrival."""
        order = {n.id: i for i, n in enumerate(notes)}
        return sorted(notes, key=lambda n: (-self.dots_of(n), -self.also_of(n), order[n.id]))


def digest(snapshot: Snapshot, options: ReportOptions) -> Digest:
    d = Digest(snapshot, options)
    d.groups = sorted(snapshot.groups, key=lambda g: (g.position, g.id))
    d.rounds = sorted(snapshot.rounds, key=lambda r: (r.position, r.id))
    d.clusters = {c.id: c for c in snapshot.clusters}
    group_pos = {g.id: i for i, g in enumerate(d.groups)}
    round_pos = {r.id: i for i, r in enumerate(d.rounds)}
    known = [n for n in snapshot.notes if n.group_id in group_pos and n.round_id in round_pos]
    known.sort(key=lambda n: (round_pos[n.round_id], group_pos[n.group_id], n.created_at, n.id))
    d.unit = unit_of(g.name for g in d.groups)
    report_lang = options.language if options.language in LANG_TAGS else "nl"
    workshop_lang = snapshot.workshop.language
    if workshop_lang in LANG_TAGS and workshop_lang != report_lang:
        d.user_lang = LANG_TAGS[workshop_lang]
    by_id = {n.id: n for n in snapshot.notes}
    for note in snapshot.notes:
        root = _root(note, by_id)
        if root is not None:
            d.root_of[note.id] = root.id
    d.visible = [n for n in known if not n.hidden and n.id not in d.root_of]
    d.hidden = [n for n in known if n.hidden and n.id not in d.root_of]
    shown = {n.id for n in d.visible}
    d.merged = [n for n in known if d.root_of.get(n.id) in shown]
    d.also = Counter(d.root_of[n.id] for n in d.merged)
    cells: defaultdict[tuple[int, int], list[Note]] = defaultdict(list)
    for note in d.visible:
        cells[(note.round_id, note.group_id)].append(note)
    d.by_cell = dict(cells)
    cluster_cells: defaultdict[tuple[int, int], list[Cluster]] = defaultdict(list)
    for cluster in sorted(snapshot.clusters, key=lambda c: c.id):
        cluster_cells[(cluster.round_id, cluster.group_id)].append(cluster)
    d.clusters_by_cell = dict(cluster_cells)

    hidden_ids = {n.id for n in d.hidden}
    note_group = {n.id: n.group_id for n in snapshot.notes}
    cluster_group = {c.id: c.group_id for c in snapshot.clusters}
    for vote in snapshot.votes:
        if vote.dots <= 0:
            continue
        if vote.cluster_id is not None:
            d.cluster_dots[vote.cluster_id] = d.cluster_dots.get(vote.cluster_id, 0) + vote.dots
            group_id = cluster_group.get(vote.cluster_id)
        elif vote.note_id is not None:
            note_id = d.root_of.get(vote.note_id, vote.note_id)  # a duplicate's dots join it
            if note_id in hidden_ids:
                continue  # a hidden note's dots are not part of the public result
            d.note_dots[note_id] = d.note_dots.get(note_id, 0) + vote.dots
            group_id = note_group.get(note_id)
        else:
            continue
        if group_id is not None:
            d.dots_per_group[group_id] += vote.dots

    votes = [
        v
        if v.note_id is None or v.note_id not in d.root_of
        else replace(v, note_id=d.root_of[v.note_id])
        for v in snapshot.votes
    ]
    for round_ in d.rounds:
        counts = ranking.dots_per_item(votes, round_.id)
        for group in d.groups:
            d.rankings[(round_.id, group.id)] = ranking.rank(
                snapshot, round_.id, group.id, dots=counts
            )
    for participant in snapshot.participants:
        d.participants_per_group[participant.group_id] += 1
        if participant.name:
            d.names[participant.id] = (participant.name, participant.organisation.strip())
    return d


def _root(note: Note, by_id: dict[int, Note]) -> Note | None:
    """The note a merged duplicate finally lives in (merges can chain); None when `note`
    is not merged. A chain that loops or leaves the file ends at the last note found."""
    if note.merged_into is None:
        return None
    seen = {note.id}
    current = note
    while current.merged_into is not None and current.merged_into not in seen:
        target = by_id.get(current.merged_into)
        if target is None:
            break
        seen.add(target.id)
        current = target
    return current if current.id != note.id else None
