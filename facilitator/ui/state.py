"""The GUI thread's picture of the workshop: loaded once from a read-only Store, then
kept current by folding in the engine's change events.

Views read from here instead of querying SQLite on every change (views refresh from
events, not by polling the database). Applying an event twice is harmless, so the
bridge may subscribe before the first load without losing or doubling anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

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
from facilitator.engine import (
    ActionAdded,
    ActionChanged,
    ActionRemoved,
    ActiveRoundChanged,
    ClusterAdded,
    ClusterChanged,
    ClusterRemoved,
    Event,
    NoteAdded,
    NoteChanged,
    NoteRemoved,
    ParticipantJoined,
    PhaseChanged,
    VotesChanged,
)
from facilitator.engine.events import GroupsChanged, RoundsChanged, TimerChanged, WorkshopChanged
from facilitator.store import Store


class WorkshopState(QObject):
    """Read model of one workshop file for the GUI thread.

    Signals:
        applied(object): the tuple of events just folded in; the state already shows
            them when the signal arrives.
    """

    applied = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop: Workshop = store.workshop()
        self.groups: list[Group] = store.groups()
        self.rounds: list[Round] = store.rounds()
        self._phases: dict[tuple[int, int], Phase] = store.phases()
        self._notes: dict[int, Note] = {}
        self._by_wall: dict[tuple[int, int], dict[int, Note]] = defaultdict(dict)
        for note in store.notes():
            self._put(note)
        self._participants: dict[int, set[int]] = defaultdict(set)
        self._last_activity: dict[int, float] = {}  # group -> wall-clock of last join/note
        for p in store.participants():
            self._participants[p.group_id].add(p.id)
            self._touch(p.group_id, p.joined_at)
        for note in self._notes.values():
            self._touch(note.group_id, note.created_at)
        self._clusters: dict[int, Cluster] = {c.id: c for c in store.clusters()}
        self._votes: dict[tuple[int, int], tuple[Vote, ...]] = {}
        for round_ in self.rounds:
            for group in self.groups:
                votes = store.votes_of_group(round_.id, group.id)
                if votes:
                    self._votes[(round_.id, group.id)] = tuple(votes)
        self._actions: dict[int, Action] = {a.id: a for a in store.actions()}

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
        return sorted((c for c in self._clusters.values()
                       if c.group_id == group_id and c.round_id == round_id),
                      key=lambda c: c.id)

    def votes_of(self, group_id: int, round_id: int) -> tuple[Vote, ...]:
        return self._votes.get((round_id, group_id), ())

    def voter_count(self, group_id: int, round_id: int) -> int:
        return len({v.participant_id for v in self.votes_of(group_id, round_id)})

    def dot_count(self, group_id: int, round_id: int) -> int:
        return sum(v.dots for v in self.votes_of(group_id, round_id))

    def actions_of(self, group_id: int, round_id: int) -> list[Action]:
        return sorted((a for a in self._actions.values()
                       if a.group_id == group_id and a.round_id == round_id),
                      key=lambda a: a.id)

    def ranking(self, group_id: int, round_id: int) -> list[RankedItem]:
        """The wall's dot ranking, computed exactly as the report does (domain.ranking)."""
        wall = Snapshot(
            workshop=self.workshop, groups=tuple(self.groups), rounds=tuple(self.rounds),
            participants=(), notes=tuple(n for n in self.notes_of(group_id, round_id)
                                         if n.merged_into is None),
            clusters=tuple(self.clusters_of(group_id, round_id)),
            votes=self.votes_of(group_id, round_id),
        )
        return rank(wall, round_id, group_id)

    # -- changes --------------------------------------------------------------------

    def apply(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, NoteAdded):
                self._put(event.note)
                self._touch(event.note.group_id, event.note.created_at)
            elif isinstance(event, NoteChanged):
                self._put(event.note)
            elif isinstance(event, NoteRemoved):
                self._drop(event.note_id)
            elif isinstance(event, PhaseChanged):
                self._phases[(event.round_id, event.group_id)] = event.phase
            elif isinstance(event, ActiveRoundChanged):
                self.workshop = replace(self.workshop, active_round_id=event.round_id)
            elif isinstance(event, WorkshopChanged):
                self.workshop = event.workshop
            elif isinstance(event, GroupsChanged):
                self.groups = list(event.groups)
            elif isinstance(event, RoundsChanged):
                self.rounds = list(event.rounds)
            elif isinstance(event, TimerChanged):
                self.rounds = [event.round if r.id == event.round.id else r for r in self.rounds]
            elif isinstance(event, ParticipantJoined):
                p = event.participant
                self._participants[p.group_id].add(p.id)
                self._touch(p.group_id, p.joined_at)
            elif isinstance(event, ClusterAdded | ClusterChanged):
                self._clusters[event.cluster.id] = event.cluster
            elif isinstance(event, ClusterRemoved):
                self._clusters.pop(event.cluster.id, None)
            elif isinstance(event, VotesChanged):
                self._votes[(event.round_id, event.group_id)] = event.votes
            elif isinstance(event, ActionAdded | ActionChanged):
                self._actions[event.action.id] = event.action
            elif isinstance(event, ActionRemoved):
                self._actions.pop(event.action.id, None)
        self.applied.emit(tuple(events))

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
