"""A picture of the workshop kept current by folding in the engine's change events.

Loaded once from a snapshot (one read transaction), then `apply(events)` brings it up
to date, so a view reads from memory instead of querying SQLite on every change. No
Qt: ui/state.py's WorkshopState wraps it for the GUI thread (adding the signal), and
tests check the GUI's picture of the workshop without a display. Applying an event
twice is harmless, so a subscriber may subscribe before the first load without losing
or doubling anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Note,
    Phase,
    Round,
    Snapshot,
    Vote,
    Workshop,
)
from facilitator.domain.ranking import RankedItem, rank
from facilitator.engine import events as ev


class WorkshopProjection:
    """Read model of one workshop file; used by one thread (the GUI's)."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.workshop: Workshop = snapshot.workshop
        self.groups: list[Group] = list(snapshot.groups)
        self.rounds: list[Round] = list(snapshot.rounds)
        self._phases: dict[tuple[int, int], Phase] = dict(snapshot.phases)
        self._notes: dict[int, Note] = {}
        self._by_wall: dict[tuple[int, int], dict[int, Note]] = defaultdict(dict)
        for note in snapshot.notes:
            self._put(note)
        self._participants: dict[int, set[int]] = defaultdict(set)
        self._last_activity: dict[int, float] = {}  # group -> wall-clock of last join/note
        group_of: dict[int, int] = {}
        for p in snapshot.participants:
            self._participants[p.group_id].add(p.id)
            group_of[p.id] = p.group_id
            self._touch(p.group_id, p.joined_at)
        for note in self._notes.values():
            self._touch(note.group_id, note.created_at)
        self._clusters: dict[int, Cluster] = {c.id: c for c in snapshot.clusters}
        votes: dict[tuple[int, int], list[Vote]] = defaultdict(list)
        for vote in snapshot.votes:
            if vote.participant_id in group_of:
                votes[(vote.round_id, group_of[vote.participant_id])].append(vote)
        self._votes: dict[tuple[int, int], tuple[Vote, ...]] = {
            key: tuple(found) for key, found in votes.items()
        }
        self._actions: dict[int, Action] = {a.id: a for a in snapshot.actions}

    # -- reads ----------------------------------------------------------------------

    def group(self, group_id: int) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def round(self, round_id: int) -> Round | None:
        return next((r for r in self.rounds if r.id == round_id), None)

    def note(self, note_id: int) -> Note | None:
        return self._notes.get(note_id)

    def notes_of(self, group_id: int, round_id: int) -> list[Note]:
        return sorted(self._by_wall.get((group_id, round_id), {}).values(), key=lambda n: n.id)

    def note_count(self, group_id: int, round_id: int) -> int:
        return len(self._by_wall.get((group_id, round_id), ()))

    def phase(self, round_id: int, group_id: int) -> Phase:
        return self._phases.get((round_id, group_id), Phase.PREPARE)

    def participant_count(self, group_id: int) -> int:
        return len(self._participants.get(group_id, ()))

    def last_activity(self, group_id: int) -> float | None:
        """Wall-clock time of the group's last join or note; None when nothing yet."""
        return self._last_activity.get(group_id)

    def cluster(self, cluster_id: int) -> Cluster | None:
        return self._clusters.get(cluster_id)

    def clusters_of(self, group_id: int, round_id: int) -> list[Cluster]:
        return sorted(
            (
                c
                for c in self._clusters.values()
                if c.group_id == group_id and c.round_id == round_id
            ),
            key=lambda c: c.id,
        )

    def votes_of(self, group_id: int, round_id: int) -> tuple[Vote, ...]:
        return self._votes.get((round_id, group_id), ())

    def voter_count(self, group_id: int, round_id: int) -> int:
        return len({v.participant_id for v in self.votes_of(group_id, round_id)})

    def dot_count(self, group_id: int, round_id: int) -> int:
        return sum(v.dots for v in self.votes_of(group_id, round_id))

    def actions_of(self, group_id: int, round_id: int) -> list[Action]:
        return sorted(
            (
                a
                for a in self._actions.values()
                if a.group_id == group_id and a.round_id == round_id
            ),
            key=lambda a: a.id,
        )

    def ranking(self, group_id: int, round_id: int) -> list[RankedItem]:
        """The wall's dot ranking, computed exactly as the report does (domain.ranking)."""
        wall = Snapshot(
            workshop=self.workshop,
            groups=tuple(self.groups),
            rounds=tuple(self.rounds),
            participants=(),
            notes=tuple(n for n in self.notes_of(group_id, round_id) if n.merged_into is None),
            clusters=tuple(self.clusters_of(group_id, round_id)),
            votes=self.votes_of(group_id, round_id),
        )
        return rank(wall, round_id, group_id)

    # -- changes --------------------------------------------------------------------

    def apply(self, events: Sequence[ev.Event]) -> None:
        for event in events:
            if isinstance(event, ev.NoteAdded):
                self._put(event.note)
                self._touch(event.note.group_id, event.note.created_at)
            elif isinstance(event, ev.NoteChanged):
                self._put(event.note)
            elif isinstance(event, ev.NoteRemoved):
                self._drop(event.note_id)
            elif isinstance(event, ev.PhaseChanged):
                self._phases[(event.round_id, event.group_id)] = event.phase
            elif isinstance(event, ev.ActiveRoundChanged):
                self.workshop = replace(self.workshop, active_round_id=event.round_id)
            elif isinstance(event, ev.WorkshopChanged):
                self.workshop = event.workshop
            elif isinstance(event, ev.GroupsChanged):
                self.groups = list(event.groups)
            elif isinstance(event, ev.RoundsChanged):
                self.rounds = list(event.rounds)
            elif isinstance(event, ev.TimerChanged):
                self.rounds = [event.round if r.id == event.round.id else r for r in self.rounds]
            elif isinstance(event, ev.ParticipantJoined):
                p = event.participant
                self._participants[p.group_id].add(p.id)
                self._touch(p.group_id, p.joined_at)
            elif isinstance(event, ev.ClusterAdded | ev.ClusterChanged):
                self._clusters[event.cluster.id] = event.cluster
            elif isinstance(event, ev.ClusterRemoved):
                self._clusters.pop(event.cluster.id, None)
            elif isinstance(event, ev.VotesChanged):
                self._votes[(event.round_id, event.group_id)] = event.votes
            elif isinstance(event, ev.ActionAdded | ev.ActionChanged):
                self._actions[event.action.id] = event.action
            elif isinstance(event, ev.ActionRemoved):
                self._actions.pop(event.action.id, None)

    def _put(self, note: Note) -> None:
        old = self._notes.get(note.id)
        if old is not None and (old.group_id, old.round_id) != (note.group_id, note.round_id):
            self._by_wall[(old.group_id, old.round_id)].pop(note.id, None)
        self._notes[note.id] = note
        self._by_wall[(note.group_id, note.round_id)][note.id] = note

    def _touch(self, group_id: int, when: float) -> None:
        if when > self._last_activity.get(group_id, 0.0):
            self._last_activity[group_id] = when

    def _drop(self, note_id: int) -> None:
        old = self._notes.pop(note_id, None)
        if old is not None:
            self._by_wall[(old.group_id, old.round_id)].pop(note_id, None)
