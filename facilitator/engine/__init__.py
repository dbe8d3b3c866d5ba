"""The one writer: immutable commands in, one transaction per batch, change events out."""

from facilitator.engine.commands import (
    AddNote,
    Command,
    DeleteNote,
    EditNote,
    Join,
    MoveNote,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
)
from facilitator.engine.core import Engine, EngineStopped
from facilitator.engine.events import (
    ActiveRoundChanged,
    Event,
    NoteAdded,
    NoteChanged,
    NoteRemoved,
    ParticipantJoined,
    PhaseChanged,
)
from facilitator.engine.apply import NotFound, NoteResult

__all__ = [
    "ActiveRoundChanged",
    "AddNote",
    "Command",
    "DeleteNote",
    "EditNote",
    "Engine",
    "EngineStopped",
    "Event",
    "Join",
    "MoveNote",
    "NotFound",
    "NoteAdded",
    "NoteChanged",
    "NoteRemoved",
    "NoteResult",
    "ParticipantJoined",
    "PhaseChanged",
    "SetActiveRound",
    "SetNoteHidden",
    "SetPhase",
]
