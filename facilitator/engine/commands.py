"""Commands: what someone asks to change. Immutable, so they can cross threads safely.

Text fields arrive raw; the engine cleans them, so every path (phone, laptop, script)
stores text the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import Phase


@dataclass(frozen=True, slots=True)
class Join:
    """A phone joins a group; answers with the new Participant."""

    group_id: int
    name: str = ""
    organisation: str = ""


@dataclass(frozen=True, slots=True)
class AddNote:
    """A note for the group's active round; answers with a NoteResult.

    With a participant, the round must be collecting and `client_note_id` makes retries
    safe. Without one (laptop, paper note) no phase rule applies.
    """

    group_id: int
    text: str
    participant_id: int | None = None
    client_note_id: str | None = None
    round_id: int | None = None  # None: the workshop's active round
    is_paper: bool = False


@dataclass(frozen=True, slots=True)
class EditNote:
    note_id: int
    text: str
    participant_id: int | None = None  # set: only the author, only while collecting


@dataclass(frozen=True, slots=True)
class DeleteNote:
    note_id: int
    participant_id: int | None = None  # set: only the author, only while collecting


@dataclass(frozen=True, slots=True)
class SetNoteHidden:
    """Moderation: a hidden note is kept and marked but shown nowhere public."""

    note_id: int
    hidden: bool


@dataclass(frozen=True, slots=True)
class MoveNote:
    note_id: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class SetPhase:
    round_id: int
    phase: Phase
    group_ids: tuple[int, ...] | None = None  # None: every group


@dataclass(frozen=True, slots=True)
class SetActiveRound:
    round_id: int


Command = Join | AddNote | EditNote | DeleteNote | SetNoteHidden | MoveNote | SetPhase | SetActiveRound
