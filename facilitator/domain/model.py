"""The workshop's objects as immutable values.

Everything that crosses a thread (engine -> server, engine -> GUI) is one of these frozen
dataclasses, so no thread can change what another is reading.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Phase(enum.StrEnum):
    """Where a round stands for one group. The order is the order of a round."""

    PREPARE = "prepare"
    COLLECT = "collect"
    GROUP = "group"
    VOTE = "vote"
    CLOSED = "closed"


class Visibility(enum.StrEnum):
    """Whether phones see each other's notes while collecting."""

    VISIBLE = "visible"  # notes show on every phone of the group at once
    HIDDEN = "hidden"  # silent brainstorm: only counts until the facilitator reveals


class Method(enum.StrEnum):
    """Liberating-structure style methods a round can follow."""

    ONE_TWO_FOUR_ALL = "1-2-4-all"
    FIFTEEN_PERCENT = "15-percent"
    WHAT_SO_WHAT = "what-so-what-now-what"
    WORLD_CAFE = "world-cafe"
    BRAINSTORM = "brainstorm"


@dataclass(frozen=True, slots=True)
class Workshop:
    title: str
    date: str = ""  # free text as the organisers write it ("28 mei 2026")
    place: str = ""
    organisers: str = ""
    language: str = "nl"
    active_round_id: int | None = None
    # How the phone page addresses people in Dutch: "je" (informal) or "u" (formal). A
    # template uses the form its questions use (the directors' day: "u").
    address: str = "je"
    # The port phones reach this workshop on, chosen when the file is made and kept, so
    # the table cards printed the week before still work. None only in a spec not yet
    # made into a file (the store chooses one then).
    port: int | None = None
    # The http://ADDRESS:PORT printed on the table cards last exported ("" = never), and
    # when (epoch seconds): what the cards on the tables say, to compare with now.
    cards_url: str = ""
    cards_printed_at: float | None = None


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str
    code: str  # short join code, see domain.ids.new_join_code
    position: int
    colour: str = "#f6d365"
    host: str = ""


@dataclass(frozen=True, slots=True)
class Round:
    id: int
    position: int
    question: str
    method: Method = Method.BRAINSTORM
    duration_s: int = 600
    visibility: Visibility = Visibility.VISIBLE
    dot_budget: int = 3
    multi_dots: bool = False  # may one participant put several dots on one item
    timer_ends_at: float | None = None  # wall-clock end while the timer runs
    timer_remaining_s: float | None = None  # seconds left while paused
    title: str = ""  # short topic for headings ("Maatschappelijke doelen"); "" = none given
    vote_duration_s: int = 300  # the voting phase's own time (duration_s: collecting)
    # The phase the timer times (collect or vote); None: not tied to a phase (a timer
    # started while preparing, or a file from before phases had their own time).
    timer_phase: Phase | None = None

    def seconds_left(self, now: float) -> float | None:
        """None when no timer was ever started; never negative."""
        if self.timer_ends_at is not None:
            return max(0.0, self.timer_ends_at - now)
        return self.timer_remaining_s


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    group_id: int
    token: str
    name: str = ""
    organisation: str = ""
    joined_at: float = 0.0


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    group_id: int
    round_id: int
    text: str
    participant_id: int | None  # None for a note typed in on the laptop
    client_note_id: str | None
    created_at: float
    updated_at: float
    is_paper: bool = False  # typed in by the table host from a paper note
    hidden: bool = False  # moderated: kept and marked, shown nowhere public
    cluster_id: int | None = None
    x: float | None = None  # position on the wall; None until placed
    y: float | None = None
    merged_into: int | None = None  # a duplicate folded into that note; shown only there
    late: bool = False  # reached the laptop after its round stopped taking notes


@dataclass(frozen=True, slots=True)
class Cluster:
    id: int
    group_id: int
    round_id: int
    name: str
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class Vote:
    participant_id: int
    round_id: int
    note_id: int | None
    cluster_id: int | None
    dots: int


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    group_id: int
    round_id: int
    what: str
    who: str = ""
    due: str = ""
    note_id: int | None = None
    cluster_id: int | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything in one workshop file at one moment: what the report renders."""

    workshop: Workshop
    groups: tuple[Group, ...]
    rounds: tuple[Round, ...]
    participants: tuple[Participant, ...]
    notes: tuple[Note, ...]
    clusters: tuple[Cluster, ...] = ()
    votes: tuple[Vote, ...] = ()
    actions: tuple[Action, ...] = ()
    phases: dict[tuple[int, int], Phase] = field(default_factory=dict)  # (round, group)

    def phase_of(self, round_id: int, group_id: int) -> Phase:
        return self.phases.get((round_id, group_id), Phase.PREPARE)

    def notes_of(self, round_id: int, group_id: int) -> list[Note]:
        return [n for n in self.notes if n.round_id == round_id and n.group_id == group_id]
