"""Change events: what did change, published only after the change is committed."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Note,
    Participant,
    Phase,
    Round,
    Vote,
    Workshop,
)


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


@dataclass(frozen=True, slots=True)
class TimerChanged:
    round: Round  # carries timer_ends_at / timer_remaining_s


@dataclass(frozen=True, slots=True)
class ClusterAdded:
    cluster: Cluster


@dataclass(frozen=True, slots=True)
class ClusterChanged:
    cluster: Cluster


@dataclass(frozen=True, slots=True)
class ClusterRemoved:
    cluster: Cluster


@dataclass(frozen=True, slots=True)
class VotesChanged:
    """Dots in this group's round changed; `votes` is all of them now, so no view has to
    read the store to redraw a ranking."""

    round_id: int
    group_id: int
    votes: tuple[Vote, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionAdded:
    action: Action


@dataclass(frozen=True, slots=True)
class ActionChanged:
    action: Action


@dataclass(frozen=True, slots=True)
class ActionRemoved:
    action: Action


@dataclass(frozen=True, slots=True)
class WorkshopChanged:
    workshop: Workshop


@dataclass(frozen=True, slots=True)
class GroupsChanged:
    """The list of groups changed (added, renamed, removed, reordered): all of them, in order."""

    groups: tuple[Group, ...]


@dataclass(frozen=True, slots=True)
class RoundsChanged:
    rounds: tuple[Round, ...]


Event = (
    ParticipantJoined | NoteAdded | NoteChanged | NoteRemoved | PhaseChanged
    | ActiveRoundChanged | TimerChanged | ClusterAdded | ClusterChanged | ClusterRemoved
    | VotesChanged | ActionAdded | ActionChanged | ActionRemoved | WorkshopChanged
    | GroupsChanged | RoundsChanged
)
