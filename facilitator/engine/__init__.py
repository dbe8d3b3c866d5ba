"""The one writer: immutable commands in, one transaction per batch, change events out."""

from facilitator.engine.apply import NoteResult
from facilitator.engine.commands import (
    AddAction,
    AddNote,
    AddTime,
    CastVotes,
    Command,
    CreateCluster,
    DeleteAction,
    DeleteCluster,
    DeleteNote,
    EditNote,
    Join,
    MergeNote,
    MoveNote,
    PauseTimer,
    ResetTimer,
    SetActiveRound,
    SetNoteCluster,
    SetNoteHidden,
    SetPhase,
    StartTimer,
    UnmergeNote,
    UpdateAction,
    UpdateCluster,
)
from facilitator.engine.core import Engine, EngineStopped
from facilitator.engine.errors import NotFound
from facilitator.engine.events import (
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
    TimerChanged,
    VotesChanged,
)

__all__ = [
    "ActionAdded", "ActionChanged", "ActionRemoved", "ActiveRoundChanged", "AddAction",
    "AddNote", "AddTime", "CastVotes", "ClusterAdded", "ClusterChanged", "ClusterRemoved",
    "Command", "CreateCluster", "DeleteAction", "DeleteCluster", "DeleteNote", "EditNote",
    "Engine", "EngineStopped", "Event", "Join", "MergeNote", "MoveNote", "NotFound",
    "NoteAdded", "NoteChanged", "NoteRemoved", "NoteResult", "ParticipantJoined",
    "PauseTimer", "PhaseChanged", "ResetTimer", "SetActiveRound", "SetNoteCluster",
    "SetNoteHidden", "SetPhase", "StartTimer", "TimerChanged", "UnmergeNote", "UpdateAction",
    "UpdateCluster", "VotesChanged",
]
