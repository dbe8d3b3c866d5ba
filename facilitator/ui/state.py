"""The GUI thread's picture of the workshop: a Qt wrapper around the Qt-free
engine.projection.WorkshopProjection (loaded once from a read-only Reader's snapshot,
then kept current by folding in the engine's change events), adding the `applied`
signal views refresh from.

Views read from here instead of querying SQLite on every change (views refresh from
events, not by polling the database). What the picture holds is tested without Qt
(tests/test_projection.py); this class only adds the signal and the store handle.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Note,
    Phase,
    Round,
    Vote,
    Workshop,
)
from facilitator.domain.ranking import RankedItem
from facilitator.engine import Event
from facilitator.engine.projection import WorkshopProjection
from facilitator.store import Reader


class WorkshopState(QObject):
    """Read model of one workshop file for the GUI thread.

    Signals:
        applied(object): the tuple of events just folded in; the state already shows
            them when the signal arrives.
    """

    applied = Signal(object)

    def __init__(self, store: Reader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.projection = WorkshopProjection(store.snapshot())

    # -- reads (the projection's) -------------------------------------------------------

    @property
    def workshop(self) -> Workshop:
        return self.projection.workshop

    @property
    def groups(self) -> list[Group]:
        return self.projection.groups

    @property
    def rounds(self) -> list[Round]:
        return self.projection.rounds

    def group(self, group_id: int) -> Group | None:
        return self.projection.group(group_id)

    def round(self, round_id: int) -> Round | None:
        return self.projection.round(round_id)

    def note(self, note_id: int) -> Note | None:
        return self.projection.note(note_id)

    def notes_of(self, group_id: int, round_id: int) -> list[Note]:
        return self.projection.notes_of(group_id, round_id)

    def note_count(self, group_id: int, round_id: int) -> int:
        return self.projection.note_count(group_id, round_id)

    def phase(self, round_id: int, group_id: int) -> Phase:
        return self.projection.phase(round_id, group_id)

    def participant_count(self, group_id: int) -> int:
        return self.projection.participant_count(group_id)

    def last_activity(self, group_id: int) -> float | None:
        """Wall-clock time of the group's last join or note; None when nothing yet."""
        return self.projection.last_activity(group_id)

    def cluster(self, cluster_id: int) -> Cluster | None:
        return self.projection.cluster(cluster_id)

    def clusters_of(self, group_id: int, round_id: int) -> list[Cluster]:
        return self.projection.clusters_of(group_id, round_id)

    def votes_of(self, group_id: int, round_id: int) -> tuple[Vote, ...]:
        return self.projection.votes_of(group_id, round_id)

    def voter_count(self, group_id: int, round_id: int) -> int:
        return self.projection.voter_count(group_id, round_id)

    def dot_count(self, group_id: int, round_id: int) -> int:
        return self.projection.dot_count(group_id, round_id)

    def actions_of(self, group_id: int, round_id: int) -> list[Action]:
        return self.projection.actions_of(group_id, round_id)

    def ranking(self, group_id: int, round_id: int) -> list[RankedItem]:
        """The wall's dot ranking, computed exactly as the report does (domain.ranking)."""
        return self.projection.ranking(group_id, round_id)

    # -- changes --------------------------------------------------------------------

    def apply(self, events: Sequence[Event]) -> None:
        self.projection.apply(events)
        self.applied.emit(tuple(events))
