"""Undo computed by the engine: each wall action is one `Do`, its undo one `Undo` the
engine works out, and a redo puts back exactly what the action did (ids included)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from facilitator.domain.model import Snapshot
from facilitator.engine import (
    AddAction,
    AddNote,
    Command,
    Compound,
    CreateCluster,
    DeleteAction,
    DeleteCluster,
    DeleteNote,
    Do,
    EditNote,
    Engine,
    MergeNote,
    MoveNotes,
    NotFound,
    Redo,
    SetNoteCluster,
    SetNoteHidden,
    Undo,
    UnmergeNote,
    UpdateAction,
    UpdateCluster,
)
from facilitator.store import Store

_steps = itertools.count(1)


class Wall:
    """A wall with four notes, a cluster holding two of them, a merge and an action."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine, self.path = engine, path
        self.a, self.b, self.c, self.d = (
            engine.execute(AddNote(1, t, is_paper=True)).note.id
            for t in ("taalhuis", "laaggeletterdheid", "jeugd", "jongeren")
        )
        self.cluster = engine.execute(CreateCluster(1, 1, "Basis", (self.a, self.b), 10, 20)).id
        engine.execute(MoveNotes(((self.c, 300, 40), (self.d, 320, 60))))
        engine.execute(MergeNote(self.d, self.c))
        self.action = engine.execute(AddAction(1, 1, "Plan maken", cluster_id=self.cluster)).id

    def snapshot(self) -> Snapshot:
        store = Store.open(self.path, readonly=True)
        try:
            return store.snapshot()
        finally:
            store.close()

    def do(self, command: Command) -> tuple[int, object]:
        step = next(_steps)
        return step, self.engine.execute(Do(step, command))


@pytest.fixture
def wall(workshop_path: Path) -> Iterator[Wall]:
    with Engine(workshop_path, clock=lambda: 1000.0) as engine:
        yield Wall(engine, workshop_path)


ACTIONS: dict[str, Callable[[Wall], Command]] = {
    "move many": lambda w: MoveNotes(((w.a, 1, 2), (w.c, 3, 4), (w.b, 5, 6))),
    "into a cluster": lambda w: SetNoteCluster(w.c, w.cluster),
    "out of a cluster": lambda w: SetNoteCluster(w.a, None),
    "create cluster from clustered notes": lambda w: CreateCluster(1, 1, "Nieuw", (w.b, w.c)),
    "delete cluster": lambda w: DeleteCluster(w.cluster),
    "rename and move cluster": lambda w: UpdateCluster(w.cluster, name="Anders", x=99),
    "merge": lambda w: MergeNote(w.c, w.a),
    "unmerge": lambda w: UnmergeNote(w.d),
    "hide": lambda w: SetNoteHidden(w.b, True),
    "fix a typo": lambda w: EditNote(w.a, "taalhuizen"),
    "paper note": lambda w: AddNote(1, "van papier", is_paper=True),
    "delete note": lambda w: DeleteNote(w.b),
    "add action": lambda w: AddAction(1, 1, "Bellen", "Anna", "juni"),
    "change action": lambda w: UpdateAction(w.action, "Plan schrijven", "Piet"),
    "delete action": lambda w: DeleteAction(w.action),
    "several as one": lambda w: Compound(
        (SetNoteCluster(w.c, w.cluster), MoveNotes(((w.c, 7, 8),)), EditNote(w.b, "lezen"))
    ),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_and_redo_restore_exactly(wall: Wall, name: str) -> None:
    before = wall.snapshot()
    step, _ = wall.do(ACTIONS[name](wall))
    after = wall.snapshot()
    assert after != before
    for _ in range(2):
        wall.engine.execute(Undo(step))
        assert wall.snapshot() == before
        wall.engine.execute(Redo(step))
        assert wall.snapshot() == after


def test_deleted_rows_come_back_under_their_own_ids(wall: Wall) -> None:
    step, _ = wall.do(DeleteCluster(wall.cluster))
    later, _ = wall.do(SetNoteCluster(wall.a, None))  # names no cluster; stays valid
    wall.engine.execute(Undo(later))
    wall.engine.execute(Undo(step))
    assert wall.cluster in {c.id for c in wall.snapshot().clusters}
    # A cluster made while the deleted one was gone never takes its id.
    created_step, created = wall.do(CreateCluster(1, 1, "Tweede"))
    wall.engine.execute(Undo(created_step))
    again = wall.engine.execute(CreateCluster(1, 1, "Derde"))
    assert again.id not in (created.id, wall.cluster)  # type: ignore[attr-defined]
    wall.engine.execute(Redo(created_step))
    assert {c.name for c in wall.snapshot().clusters} >= {"Tweede", "Derde", "Basis"}


def test_a_failing_compound_undo_leaves_nothing_half_applied(wall: Wall) -> None:
    step, _ = wall.do(
        Compound(
            (
                SetNoteCluster(wall.c, wall.cluster),
                EditNote(wall.b, "lezen"),
                MoveNotes(((wall.a, 7, 8),)),
            )
        )
    )
    done = wall.snapshot()
    # Someone deletes note b outside the undo history: the undo's middle part
    # (restoring b's text) is refused, so its other parts must not stay applied.
    wall.engine.execute(DeleteNote(wall.b))
    deleted = wall.snapshot()
    with pytest.raises(NotFound):
        wall.engine.execute(Undo(step))
    assert wall.snapshot() == deleted
    assert deleted.notes != done.notes and {n.id for n in deleted.notes} == {
        n.id for n in done.notes
    } - {wall.b}
    c_now = next(n for n in wall.snapshot().notes if n.id == wall.c)
    assert c_now.cluster_id == wall.cluster  # the refused undo did not take c out
    # The step is still there: once b is back, the undo goes through whole.
    wall.engine.execute(Do(next(_steps), AddNote(1, "x", is_paper=True)))
    from facilitator.engine.commands import UndeleteNote

    wall.engine.execute(UndeleteNote(wall.b))
    wall.engine.execute(Undo(step))
    c_after = next(n for n in wall.snapshot().notes if n.id == wall.c)
    b_after = next(n for n in wall.snapshot().notes if n.id == wall.b)
    assert (c_after.cluster_id, b_after.text) == (None, "laaggeletterdheid")


def test_a_refused_part_refuses_the_whole_action(wall: Wall) -> None:
    before = wall.snapshot()
    with pytest.raises(NotFound):
        wall.do(Compound((SetNoteCluster(wall.c, wall.cluster), SetNoteCluster(9999, None))))
    assert wall.snapshot() == before


def test_undo_of_a_refused_or_unknown_step_does_nothing(wall: Wall) -> None:
    before = wall.snapshot()
    with pytest.raises(NotFound):
        wall.do(MergeNote(9999, wall.a))
    wall.engine.execute(Undo(424242))
    wall.engine.execute(Redo(424242))
    assert wall.snapshot() == before


def test_redo_before_undo_and_double_undo_change_nothing(wall: Wall) -> None:
    step, _ = wall.do(EditNote(wall.a, "een"))
    done = wall.snapshot()
    wall.engine.execute(Redo(step))
    assert wall.snapshot() == done
    wall.engine.execute(Undo(step))
    undone = wall.snapshot()
    wall.engine.execute(Undo(step))
    assert wall.snapshot() == undone


def test_undo_and_redo_publish_change_events(wall: Wall) -> None:
    seen: list[object] = []
    wall.engine.subscribe(seen.extend)
    step, _ = wall.do(DeleteCluster(wall.cluster))
    wall.engine.execute(Undo(step))
    kinds = [type(e).__name__ for e in seen]
    assert kinds.count("ClusterRemoved") == 1 and kinds.count("ClusterAdded") == 1
    assert "ActionChanged" in kinds  # the action point names its cluster again


def test_undo_of_a_move_puts_an_unplaced_note_where_the_wall_showed_it(wall: Wall) -> None:
    assert next(n for n in wall.snapshot().notes if n.id == wall.a).x is None
    step, _ = wall.do(
        MoveNotes(((wall.a, 50, 60), (wall.c, 1, 1)), shown_at=((wall.a, 10, 20), (wall.c, 99, 99)))
    )
    wall.engine.execute(Undo(step))
    notes = {n.id: n for n in wall.snapshot().notes}
    assert (notes[wall.a].x, notes[wall.a].y) == (10, 20)
    assert (notes[wall.c].x, notes[wall.c].y) == (300, 40)  # a stored place wins
