"""The snapshot digested once for every export: lookups, visible notes in reading order,
rankings per round and group, counts.

Each format (Word, CSV, cards) needs the same derived facts; computing them here once
keeps the formats consistent (a note's dots are the same number in Word and CSV) and
keeps the builders free of filtering rules such as "hidden notes stay out".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from facilitator.domain import ranking
from facilitator.domain.model import Cluster, Group, Note, Round, Snapshot
from facilitator.domain.ranking import RankedItem
from facilitator.report.options import ReportOptions

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
    visible: list[Note] = field(default_factory=list)  # reading order
    hidden: list[Note] = field(default_factory=list)
    by_cell: dict[tuple[int, int], list[Note]] = field(default_factory=dict)  # (round, group)
    clusters_by_cell: dict[tuple[int, int], list[Cluster]] = field(default_factory=dict)
    rankings: dict[tuple[int, int], list[RankedItem]] = field(default_factory=dict)
    note_dots: dict[int, int] = field(default_factory=dict)
    cluster_dots: dict[int, int] = field(default_factory=dict)
    dots_per_group: Counter[int] = field(default_factory=Counter)
    participants_per_group: Counter[int] = field(default_factory=Counter)
    names: dict[int, str] = field(default_factory=dict)

    def cell_notes(self, round_id: int, group_id: int) -> list[Note]:
        return self.by_cell.get((round_id, group_id), [])

    def cluster_name(self, note: Note) -> str:
        cluster = self.clusters.get(note.cluster_id) if note.cluster_id is not None else None
        return cluster.name if cluster else ""

    def author(self, note: Note) -> str:
        if note.participant_id is None:
            return ""
        return self.names.get(note.participant_id, "")

    def round_number(self, round_: Round) -> int:
        return self.rounds.index(round_) + 1

    def dots_of(self, note: Note) -> int:
        return self.note_dots.get(note.id, 0)


def digest(snapshot: Snapshot, options: ReportOptions) -> Digest:
    d = Digest(snapshot, options)
    d.groups = sorted(snapshot.groups, key=lambda g: (g.position, g.id))
    d.rounds = sorted(snapshot.rounds, key=lambda r: (r.position, r.id))
    d.clusters = {c.id: c for c in snapshot.clusters}
    group_pos = {g.id: i for i, g in enumerate(d.groups)}
    round_pos = {r.id: i for i, r in enumerate(d.rounds)}
    known = [n for n in snapshot.notes if n.group_id in group_pos and n.round_id in round_pos]
    known.sort(key=lambda n: (round_pos[n.round_id], group_pos[n.group_id], n.created_at, n.id))
    d.visible = [n for n in known if not n.hidden]
    d.hidden = [n for n in known if n.hidden]
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
            if vote.note_id in hidden_ids:
                continue  # a hidden note's dots are not part of the public result
            d.note_dots[vote.note_id] = d.note_dots.get(vote.note_id, 0) + vote.dots
            group_id = note_group.get(vote.note_id)
        else:
            continue
        if group_id is not None:
            d.dots_per_group[group_id] += vote.dots

    for round_ in d.rounds:
        counts = ranking.dots_per_item(snapshot.votes, round_.id)
        for group in d.groups:
            d.rankings[(round_.id, group.id)] = ranking.rank(
                snapshot, round_.id, group.id, dots=counts
            )
    for participant in snapshot.participants:
        d.participants_per_group[participant.group_id] += 1
        if participant.name:
            d.names[participant.id] = participant.name
    return d
