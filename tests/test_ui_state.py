"""The GUI's read model folds engine events into clusters, votes, rankings, actions and
activity, and agrees with a fresh load from the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from facilitator.domain.model import Phase
from facilitator.engine import (
    AddAction,
    AddNote,
    CastVotes,
    CreateCluster,
    DeleteCluster,
    Engine,
    Event,
    Join,
    SetPhase,
)
from facilitator.store import Store
from facilitator.ui.state import WorkshopState


def test_state_follows_clusters_votes_actions_and_activity(qapp: object, engine: Engine,
                                                           workshop_path: Path) -> None:
    state = WorkshopState(Store.open(workshop_path, readonly=True))
    batches: list[Sequence[Event]] = []
    engine.subscribe(batches.append)
    assert state.last_activity(1) is None

    a, b, c = (engine.execute(AddNote(1, t, is_paper=True)).note.id for t in ("a", "b", "c"))
    cluster = engine.execute(CreateCluster(1, 1, "AB", (a, b)))
    engine.execute(SetPhase(1, Phase.VOTE))
    voters = [engine.execute(Join(1)) for _ in range(3)]
    engine.execute(CastVotes(voters[0].id, ((f"c{cluster.id}", 1), (f"n{c}", 1))))
    engine.execute(CastVotes(voters[1].id, ((f"c{cluster.id}", 1),)))
    engine.execute(CastVotes(voters[2].id, ((f"n{c}", 1),)))
    engine.execute(AddAction(1, 1, "Pilot", "SPN", "juni", cluster_id=cluster.id))
    for batch in batches:
        state.apply(batch)

    assert [cl.name for cl in state.clusters_of(1, 1)] == ["AB"]
    assert state.voter_count(1, 1) == 3 and state.dot_count(1, 1) == 4
    ranking = state.ranking(1, 1)
    assert [(r.key, r.dots, r.rank, r.tied) for r in ranking] == [
        (f"c{cluster.id}", 2, 1, True), (f"n{c}", 2, 1, True)]
    assert [act.what for act in state.actions_of(1, 1)] == ["Pilot"]
    assert state.last_activity(1) is not None and state.last_activity(2) is None

    # A fresh load from the file says the same.
    fresh = WorkshopState(Store.open(workshop_path, readonly=True))
    assert fresh.ranking(1, 1) == ranking
    assert fresh.actions_of(1, 1) == state.actions_of(1, 1)

    batches.clear()
    engine.execute(DeleteCluster(cluster.id))
    for batch in batches:
        state.apply(batch)
    assert state.clusters_of(1, 1) == []
    assert [r.key for r in state.ranking(1, 1)][0] == f"n{c}"
