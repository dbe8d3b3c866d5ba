"""Commands: what someone asks to change. Immutable, so they can cross threads safely.

Text fields arrive raw; the engine cleans them, so every path (phone, laptop, script)
stores text the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import Action, Cluster, Note, Phase
from facilitator.store.specs import RoundSpec


@dataclass(frozen=True, slots=True)
class Join:
    """A phone joins a group; answers with the new Participant, or with the one an
    earlier attempt with the same `client_join_id` made (its answer was lost)."""

    group_id: int
    name: str = ""
    organisation: str = ""
    client_join_id: str | None = None


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
    # None: the workshop's active round. A phone names the round it wrote in: stored
    # there while collecting, or late within domain.rules.LATE_NOTE_WINDOW_S.
    round_id: int | None = None
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
class MoveNotes:
    """Several notes dragged together: one command, one undo step."""

    moves: tuple[tuple[int, float, float], ...]  # (note_id, x, y)
    # Where the wall showed notes that have no stored place yet (an automatic place is
    # not stored): undoing the move puts them there, where the facilitator saw them.
    shown_at: tuple[tuple[int, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class SetPhase:
    round_id: int
    phase: Phase
    group_ids: tuple[int, ...] | None = None  # None: every group


@dataclass(frozen=True, slots=True)
class SetActiveRound:
    round_id: int




# -- timer ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartTimer:
    """Start or resume: from `seconds`, else what was left when paused, else the time of
    the phase the timer times (collecting: the round's duration; voting: its own)."""

    round_id: int
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class PauseTimer:
    round_id: int


@dataclass(frozen=True, slots=True)
class AddTime:
    round_id: int
    seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class ResetTimer:
    round_id: int


# -- the wall: clusters, duplicates ----------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateCluster:
    group_id: int
    round_id: int
    name: str
    note_ids: tuple[int, ...] = ()
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class UpdateCluster:
    cluster_id: int
    name: str | None = None
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True, slots=True)
class DeleteCluster:
    """Removes the frame; its notes stay on the wall, unclustered."""

    cluster_id: int


@dataclass(frozen=True, slots=True)
class SetNoteCluster:
    note_id: int
    cluster_id: int | None


@dataclass(frozen=True, slots=True)
class MergeNote:
    """Fold `duplicate_id` into `into_id`: one item on the wall and in the vote."""

    duplicate_id: int
    into_id: int


@dataclass(frozen=True, slots=True)
class UnmergeNote:
    note_id: int


# -- votes and actions -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CastVotes:
    """A participant's whole allocation for the active round, replacing the previous one.

    `dots` pairs an item key ("n12": note 12, "c3": cluster 3) with a number of dots.
    """

    participant_id: int
    dots: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class AddAction:
    group_id: int
    round_id: int
    what: str
    who: str = ""
    due: str = ""
    note_id: int | None = None
    cluster_id: int | None = None


@dataclass(frozen=True, slots=True)
class UpdateAction:
    action_id: int
    what: str
    who: str = ""
    due: str = ""
    note_id: int | None = None
    cluster_id: int | None = None


@dataclass(frozen=True, slots=True)
class DeleteAction:
    action_id: int



# -- preparing the workshop ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UpdateWorkshop:
    title: str
    date: str = ""
    place: str = ""
    organisers: str = ""
    language: str = "nl"
    address: str | None = None  # "je" or "u" on the phone page; None: as it was


@dataclass(frozen=True, slots=True)
class SetPort:
    """The port phones reach this workshop on from its next start (the running server
    keeps its port until then); printed table cards carry it."""

    port: int


@dataclass(frozen=True, slots=True)
class RecordCards:
    """Table cards were printed (exported) with `url` (http://ADDRESS:PORT) on them."""

    url: str


@dataclass(frozen=True, slots=True)
class AddGroup:
    name: str
    colour: str = "#f6d365"
    host: str = ""


@dataclass(frozen=True, slots=True)
class UpdateGroup:
    group_id: int
    name: str
    colour: str = "#f6d365"
    host: str = ""


@dataclass(frozen=True, slots=True)
class DeleteGroup:
    """Refused once the group has participants or notes: nothing people made is lost."""

    group_id: int


@dataclass(frozen=True, slots=True)
class MoveGroup:
    group_id: int
    position: int  # 0-based place in the list


@dataclass(frozen=True, slots=True)
class AddRound:
    spec: RoundSpec


@dataclass(frozen=True, slots=True)
class UpdateRound:
    round_id: int
    spec: RoundSpec


@dataclass(frozen=True, slots=True)
class DeleteRound:
    """Refused once the round has notes, clusters or actions."""

    round_id: int


@dataclass(frozen=True, slots=True)
class MoveRound:
    round_id: int
    position: int


SetupCommand = (
    UpdateWorkshop | AddGroup | UpdateGroup | DeleteGroup | MoveGroup | AddRound | UpdateRound
    | DeleteRound | MoveRound | SetPort | RecordCards
)



# -- undo: the engine computes each inverse (engine/undo.py) ---------------------------
# The GUI names a step with an id of its own making and sends Do / Undo / Redo; the
# engine keeps what undoes and redoes each step, so the GUI never waits for an id.


@dataclass(frozen=True, slots=True)
class RestoreNotes:
    """Put notes back as they were: text, hidden, cluster, place, merge (an inverse)."""

    notes: tuple[Note, ...]


@dataclass(frozen=True, slots=True)
class UndeleteNote:
    note_id: int


@dataclass(frozen=True, slots=True)
class RestoreCluster:
    """A deleted cluster back under its own id, with the action points that named it."""

    cluster: Cluster
    action_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RestoreAction:
    action: Action


@dataclass(frozen=True, slots=True)
class Compound:
    """Several wall commands as one: all of them commit, or none."""

    commands: tuple[Command, ...]


@dataclass(frozen=True, slots=True)
class Do:
    """Apply `command` as undo step `step`; the engine keeps its inverse. Answers with
    the command's own result."""

    step: int
    command: Command


@dataclass(frozen=True, slots=True)
class Undo:
    step: int


@dataclass(frozen=True, slots=True)
class Redo:
    step: int


UndoCommand = (
    RestoreNotes | UndeleteNote | RestoreCluster | RestoreAction | Compound | Do | Undo | Redo
)


Command = (
    Join | AddNote | EditNote | DeleteNote | SetNoteHidden | MoveNote | MoveNotes | SetPhase
    | SetActiveRound | StartTimer | PauseTimer | AddTime | ResetTimer | CreateCluster
    | UpdateCluster | DeleteCluster | SetNoteCluster | MergeNote | UnmergeNote | CastVotes
    | AddAction | UpdateAction | DeleteAction | SetupCommand | UndoCommand
)
