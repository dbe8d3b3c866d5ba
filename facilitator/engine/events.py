"""Change events: what did change, published only after the change is committed."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import Note, Participant, Phase


@dataclass(frozen=True, slots=True)
class ParticipantJoined:
    participant: Participant


@dataclass(frozen=True, slots=True)
class NoteAdded:
    note: Note


@dataclass(frozen=True, slots=True)
class NoteChanged:
    note: Note


@dataclass(frozen=True, slots=True)
class NoteRemoved:
    note_id: int
    group_id: int
    round_id: int


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    round_id: int
    group_id: int
    phase: Phase


@dataclass(frozen=True, slots=True)
class ActiveRoundChanged:
    round_id: int


Event = (
    ParticipantJoined | NoteAdded | NoteChanged | NoteRemoved | PhaseChanged | ActiveRoundChanged
)
