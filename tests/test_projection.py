"""The GUI's picture of the workshop, without Qt: engine.projection folded from the
engine's change events must equal a fresh load of the file after any mix of actions."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from facilitator.domain.model import Phase
from facilitator.domain.ranking import ItemKind, item_key
from facilitator.engine import (
    AddAction,
    AddNote,
    CastVotes,
    CreateCluster,
    DeleteCluster,
    DeleteNote,
    Do,
    Engine,
    Event,
    Join,
    MergeNote,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
    StartTimer,
    Undo,
    UpdateGroup,
)
from facilitator.engine.projection import WorkshopProjection
from facilitator.store import Store


def _load(path: Path) -> WorkshopProjection:
    store = Store.open(path, readonly=True)
    try:
        return WorkshopProjection(store.snapshot())
    finally:
        store.close()


def _picture(p: WorkshopProjection) -> dict[str, object]:
    """Everything a view can ask, for every wall."""
    walls = [(g.id, r.id) for g in p.groups for r in p.rounds]
    return {
        "workshop": p.workshop,
        "groups": p.groups,
        "rounds": p.rounds,
        "walls": {
            w: (
                p.notes_of(*w),
                p.note_count(*w),
                p.clusters_of(*w),
                p.votes_of(*w),
                p.voter_count(*w),
                p.dot_count(*w),
                p.actions_of(*w),
                p.ranking(*w),
                p.phase(w[1], w[0]),
            )
            for w in walls
        },
        "groups_seen": {g.id: (p.participant_count(g.id), p.last_activity(g.id)) for g in p.groups},
    }


def test_events_keep_the_picture_equal_to_a_fresh_load(workshop_path: Path) -> None:
    live = _load(workshop_path)
    lock = threading.Lock()

    def fold(events: Sequence[Event]) -> None:  # on the writer thread; a test may lock
        with lock:
            live.apply(events)

    with Engine(workshop_path) as engine:
        engine.subscribe(fold)
        round_id = live.rounds[0].id
        engine.execute(SetActiveRound(round_id))
        engine.execute(SetPhase(round_id, Phase.COLLECT))
        anna = engine.execute(Join(1, "Anna"))
        bob = engine.execute(Join(1, "Bob"))
        a, b, c, d = (
            engine.execute(AddNote(1, t, participant_id=anna.id, client_note_id=t)).note.id
            for t in ("taal", "taalhuis", "jeugd", "weg")
        )
        engine.execute(DeleteNote(d))
        paper = engine.execute(AddNote(1, "van papier", is_paper=True)).note.id
        cluster = engine.execute(CreateCluster(1, round_id, "Taal", (a,)))
        engine.execute(MergeNote(b, a))
        engine.execute(SetNoteHidden(paper, True))
        engine.execute(StartTimer(round_id))
        engine.execute(SetPhase(round_id, Phase.VOTE))
        engine.execute(
            CastVotes(
                bob.id,
                ((item_key(ItemKind.CLUSTER, cluster.id), 1), (item_key(ItemKind.NOTE, c), 1)),
            )
        )
        engine.execute(AddAction(1, round_id, "Plan", "Anna", cluster_id=cluster.id))
        engine.execute(UpdateGroup(1, "Tafel een", "#ffffff"))
        engine.execute(Do(1, DeleteCluster(cluster.id)))
        engine.execute(Undo(1))
        # The first load may already hold an event that arrives later: applying it
        # again must change nothing.
        with lock:
            assert _picture(live) == _picture(_load(workshop_path))
            # The cluster is back (undo); its dots are not (undo leaves dots alone).
            assert [(i.label, i.dots) for i in live.ranking(1, round_id)][:2] == [
                ("jeugd", 1),
                ("Taal", 0),
            ]
            assert live.participant_count(1) == 2
            assert live.note(d) is None and live.note(paper).hidden  # type: ignore[union-attr]


def test_applying_an_event_twice_changes_nothing(workshop_path: Path) -> None:
    seen: list[Event] = []
    with Engine(workshop_path) as engine:
        engine.subscribe(seen.extend)
        engine.execute(AddNote(1, "een", is_paper=True))
        engine.execute(Join(2, "Cas"))
    once = _load(workshop_path)
    twice = _load(workshop_path)
    twice.apply(seen)
    twice.apply(seen)
    assert _picture(twice) == _picture(once)
