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

from facilitator.domain.model import Group, Note, Phase, Round, Workshop
from facilitator.engine import (
    ActiveRoundChanged,
    Event,
    NoteAdded,
    NoteChanged,
    NoteRemoved,
    ParticipantJoined,
    PhaseChanged,
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
        for p in store.participants():
            self._participants[p.group_id].add(p.id)

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

    # -- changes --------------------------------------------------------------------

    def apply(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, NoteAdded | NoteChanged):
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
        self.applied.emit(tuple(events))

    def _put(self, note: Note) -> None:
        old = self._notes.get(note.id)
        if old is not None and (old.group_id, old.round_id) != (note.group_id, note.round_id):
            self._by_wall[(old.group_id, old.round_id)].pop(note.id, None)
        self._notes[note.id] = note
        self._by_wall[(note.group_id, note.round_id)][note.id] = note

    def _drop(self, note_id: int) -> None:
        old = self._notes.pop(note_id, None)
        if old is not None:
            self._by_wall[(old.group_id, old.round_id)].pop(note_id, None)
