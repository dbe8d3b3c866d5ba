"""Clusters, merged duplicates, dot votes, action points and the round timer."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.domain.model import Participant, Phase
from facilitator.domain.rules import RuleViolation
from facilitator.engine import (
    AddAction,
    AddNote,
    AddTime,
    CastVotes,
    CreateCluster,
    DeleteAction,
    DeleteCluster,
    Engine,
    Join,
    MergeNote,
    NotFound,
    PauseTimer,
    ResetTimer,
    SetNoteCluster,
    SetNoteHidden,
    SetPhase,
    StartTimer,
    UnmergeNote,
    UpdateAction,
    UpdateCluster,
)
from facilitator.engine.board import vote_items
from facilitator.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _notes(engine: Engine, *texts: str, group_id: int = 1) -> list[int]:
    return [engine.execute(AddNote(group_id, t, is_paper=True)).note.id for t in texts]


def test_clusters_gather_notes_and_release_them(engine: Engine, workshop_path: Path) -> None:
    a, b, c = _notes(engine, "taalhuis", "laaggeletterdheid", "jeugd")
    cluster = engine.execute(CreateCluster(1, 1, "  Basisvaardigheden ", (a, b), 10, 20))
    assert cluster.name == "Basisvaardigheden"
    store = Store.open(workshop_path, readonly=True)
    assert {n.id for n in store.notes() if n.cluster_id == cluster.id} == {a, b}
    engine.execute(SetNoteCluster(c, cluster.id))
    engine.execute(SetNoteCluster(a, None))
    renamed = engine.execute(UpdateCluster(cluster.id, name="Basis", x=5))
    assert (renamed.name, renamed.x, renamed.y) == ("Basis", 5, 20)
    engine.execute(DeleteCluster(cluster.id))
    assert all(n.cluster_id is None for n in store.notes())
    assert store.clusters() == []


def test_cluster_stays_on_its_own_wall(engine: Engine) -> None:
    (other,) = _notes(engine, "andere tafel", group_id=2)
    cluster = engine.execute(CreateCluster(1, 1, "Jeugd"))
    with pytest.raises(RuleViolation):
        engine.execute(SetNoteCluster(other, cluster.id))
    with pytest.raises(RuleViolation):
        engine.execute(CreateCluster(1, 1, "mix", (other,)))


def test_merge_moves_dots_and_unmerge_restores(engine: Engine, workshop_path: Path) -> None:
    keep, dup = _notes(engine, "één loket", "1 loket")
    engine.execute(SetPhase(1, Phase.VOTE))
    voter: Participant = engine.execute(Join(1))
    engine.execute(CastVotes(voter.id, ((f"n{dup}", 1),)))
    engine.execute(MergeNote(dup, keep))
    store = Store.open(workshop_path, readonly=True)
    assert [v.note_id for v in store.votes()] == [keep]
    assert f"n{dup}" not in vote_items(store, 1, 1)
    with pytest.raises(RuleViolation):
        engine.execute(MergeNote(keep, keep))
    engine.execute(UnmergeNote(dup))
    assert f"n{dup}" in vote_items(store, 1, 1)


def test_votes_follow_budget_phase_and_group(engine: Engine, workshop_path: Path) -> None:
    a, b, c, d = _notes(engine, "a", "b", "c", "d")
    (elsewhere,) = _notes(engine, "andere groep", group_id=2)
    voter: Participant = engine.execute(Join(1))
    with pytest.raises(RuleViolation):  # not the vote phase yet
        engine.execute(CastVotes(voter.id, ((f"n{a}", 1),)))
    engine.execute(SetPhase(1, Phase.VOTE))
    engine.execute(CastVotes(voter.id, ((f"n{a}", 1), (f"n{b}", 1), (f"n{c}", 1))))
    with pytest.raises(RuleViolation) as over:
        engine.execute(CastVotes(voter.id, tuple((f"n{x}", 1) for x in (a, b, c, d))))
    assert over.value.code == "over_budget"
    with pytest.raises(RuleViolation):  # round one allows one dot per item
        engine.execute(CastVotes(voter.id, ((f"n{a}", 2),)))
    with pytest.raises(NotFound):  # another group's note is not an item here
        engine.execute(CastVotes(voter.id, ((f"n{elsewhere}", 1),)))
    # Changing one's mind replaces the whole allocation.
    assert engine.execute(CastVotes(voter.id, ((f"n{d}", 1), (f"n{a}", 0)))) == {f"n{d}": 1}
    store = Store.open(workshop_path, readonly=True)
    assert [(v.note_id, v.dots) for v in store.votes()] == [(d, 1)]
    engine.execute(SetNoteHidden(d, True))  # a hidden note loses its dots
    assert store.votes() == []


def test_clusters_are_vote_items_and_notes_in_them_are_not(engine: Engine,
                                                           workshop_path: Path) -> None:
    a, b, c = _notes(engine, "a", "b", "c")
    cluster = engine.execute(CreateCluster(1, 1, "AB", (a, b)))
    store = Store.open(workshop_path, readonly=True)
    assert set(vote_items(store, 1, 1)) == {f"c{cluster.id}", f"n{c}"}


def test_actions(engine: Engine, workshop_path: Path) -> None:
    (note,) = _notes(engine, "pilot")
    action = engine.execute(AddAction(1, 1, "Pilot opzetten", "SPN", "1 juli", note_id=note))
    changed = engine.execute(UpdateAction(action.id, "Pilot in 3 provincies", "SPN + KB",
                                          "1 sept"))
    assert (changed.what, changed.who, changed.note_id) == ("Pilot in 3 provincies",
                                                             "SPN + KB", None)
    with pytest.raises(RuleViolation):
        engine.execute(AddAction(2, 1, "verkeerd", note_id=note))
    engine.execute(DeleteAction(action.id))
    assert Store.open(workshop_path, readonly=True).actions() == []


def test_timer_start_pause_add_reset(workshop_path: Path) -> None:
    clock = Clock()
    with Engine(workshop_path, clock=clock) as engine:
        r = engine.execute(StartTimer(1))
        assert r.timer_ends_at == 1000.0 + 12 * 60
        clock.now += 100
        paused = engine.execute(PauseTimer(1))
        assert paused.timer_ends_at is None and paused.timer_remaining_s == 620
        assert paused.seconds_left(5000.0) == 620
        resumed = engine.execute(StartTimer(1))
        assert resumed.timer_ends_at == 1100 + 620
        clock.now += 10_000  # long expired; +1 minute counts from now
        extra = engine.execute(AddTime(1, 60))
        assert extra.seconds_left(clock.now) == 60
        cleared = engine.execute(ResetTimer(1))
        assert cleared.seconds_left(clock.now) is None


def test_votes_changed_carries_the_groups_votes(engine: Engine) -> None:
    from collections.abc import Sequence

    from facilitator.engine import Event, VotesChanged

    seen: list[Sequence[Event]] = []
    engine.subscribe(seen.append)
    a, b = _notes(engine, "a", "b")
    (other,) = _notes(engine, "elders", group_id=2)
    engine.execute(SetPhase(1, Phase.VOTE))
    anne: Participant = engine.execute(Join(1))
    bram: Participant = engine.execute(Join(2))
    engine.execute(CastVotes(bram.id, ((f"n{other}", 1),)))
    engine.execute(CastVotes(anne.id, ((f"n{a}", 1), (f"n{b}", 1))))
    last = [ev for batch in seen for ev in batch if isinstance(ev, VotesChanged)][-1]
    assert (last.round_id, last.group_id) == (1, 1)
    assert sorted(v.note_id for v in last.votes) == [a, b]  # group 2's vote is not here
    engine.execute(SetNoteHidden(a, True))
    last = [ev for batch in seen for ev in batch if isinstance(ev, VotesChanged)][-1]
    assert [v.note_id for v in last.votes] == [b]


def test_a_timer_per_phase_collect_then_vote_then_closed(workshop_path: Path) -> None:
    """Collecting and voting each get their own time; moving collect -> vote stops the
    collect timer and sets the vote time; closing the round stops its timer; and a
    restart (a new engine on the same file) keeps which phase the timer times."""
    from facilitator.engine import TimerChanged, UpdateRound
    from facilitator.store.specs import RoundSpec

    clock = Clock()
    with Engine(workshop_path, clock=clock) as engine:
        r = Store.open(workshop_path, readonly=True).round(1)
        assert r is not None
        engine.execute(UpdateRound(1, RoundSpec(r.question, r.method, 600, r.visibility,
                                                r.dot_budget, title=r.title,
                                                vote_duration_s=180)))
        seen: list[object] = []
        engine.subscribe(lambda batch: seen.extend(batch))
        engine.execute(SetPhase(1, Phase.COLLECT))
        collecting = engine.execute(StartTimer(1))
        assert collecting.timer_phase is Phase.COLLECT
        assert collecting.timer_ends_at == 1000.0 + 600
        clock.now += 100
        engine.execute(SetPhase(1, Phase.VOTE, (1,)))  # one table votes early
        still = Store.open(workshop_path, readonly=True).round(1)
        assert still is not None and still.timer_ends_at == 1600.0  # others still write
        engine.execute(SetPhase(1, Phase.VOTE))  # the last tables leave collecting
        voting = Store.open(workshop_path, readonly=True).round(1)
        assert voting is not None
        assert voting.timer_phase is Phase.VOTE
        assert voting.timer_ends_at is None and voting.timer_remaining_s is None  # stopped
        timers = [ev for ev in seen if isinstance(ev, TimerChanged)]
        assert timers and timers[-1].round.timer_phase is Phase.VOTE
        started = engine.execute(StartTimer(1))
        assert started.timer_ends_at == clock.now + 180  # the vote's own time
    with Engine(workshop_path, clock=clock) as engine:  # after a restart
        clock.now += 30
        assert engine.execute(PauseTimer(1)).timer_remaining_s == 150
        engine.execute(SetPhase(1, Phase.CLOSED))
        closed = Store.open(workshop_path, readonly=True).round(1)
        assert closed is not None
        assert closed.timer_phase is None
        assert closed.seconds_left(clock.now) is None  # a closed round has no timer


def test_a_vote_time_outside_one_minute_to_four_hours_is_refused(engine: Engine) -> None:
    from facilitator.engine import UpdateRound
    from facilitator.store.specs import RoundSpec

    with pytest.raises(RuleViolation):
        engine.execute(UpdateRound(1, RoundSpec("Vraag", vote_duration_s=30)))
