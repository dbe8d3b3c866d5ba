"""What a group votes on, read without reading its wall (issue 17).

The vote phase's items (clusters, and the notes in no cluster that are neither hidden nor
merged) used to be made from every note of the wall, per change of the group and per cast
vote. Now they come from bounded ranges of an index: the same items in the same order as
the domain's rule over the whole wall, and work that does not grow with the notes that
are not items (hidden, merged, another table's, another round's, loose ones past the cap).
"Work" is counted as SQLite's virtual-machine steps (a progress handler called on every
step), which grow with every row a query touches: no clock involved.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain import ranking
from facilitator.domain.model import Phase
from facilitator.domain.ranking import ItemKind, item_key, parse_item_key
from facilitator.engine import (
    AddNote,
    CastVotes,
    CreateCluster,
    DeleteNote,
    Engine,
    Join,
    MergeNote,
    NotFound,
    SetActiveRound,
    SetNoteHidden,
    SetPhase,
)
from facilitator.engine.board import is_vote_item, vote_items
from facilitator.server import votes
from facilitator.store import Reader

SAMPLE = votes.CLUSTER_SAMPLE


def _reference_json(
    store: Reader, group_id: int, round_id: int, cap: int
) -> tuple[list[dict[str, Any]], bool]:
    """The phones' items as they were made before: from every note of the wall."""
    notes = store.notes(group_id=group_id, round_id=round_id)
    items = ranking.vote_items(store.clusters(group_id=group_id, round_id=round_id), notes)
    samples: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for note in notes:
        if note.cluster_id is None or note.hidden or note.merged_into is not None:
            continue
        key = item_key(ItemKind.CLUSTER, note.cluster_id)
        counts[key] = counts.get(key, 0) + 1
        if len(samples.setdefault(key, [])) < SAMPLE:
            samples[key].append(note.text)
    shown = [
        {
            "key": key,
            "kind": "cluster",
            "label": label,
            "notes": samples.get(key, []),
            "note_count": counts.get(key, 0),
        }
        if parse_item_key(key)[0] is ItemKind.CLUSTER
        else {"key": key, "kind": "note", "label": label}
        for key, label in list(items.items())[:cap]
    ]
    return shown, len(items) > cap


def _all(futures: list[Future[Any]]) -> list[Any]:
    return [f.result() for f in futures]


def _add(engine: Engine, group_id: int, texts: list[str], round_id: int | None = None) -> list[int]:
    """Laptop notes, committed together (group commit), their ids in order."""
    return [
        r.note.id
        for r in _all([engine.submit(AddNote(group_id, t, round_id=round_id)) for t in texts])
    ]


class _Wall:
    """One group's wall with every kind of note that is not an item, and some that are."""

    def __init__(self, engine: Engine, group_id: int, round_id: int) -> None:
        self.engine, self.group_id, self.round_id = engine, group_id, round_id
        self.loose = _add(engine, group_id, [f"los {i}" for i in range(12)], round_id)
        first = _add(engine, group_id, [f"taal {i}" for i in range(5)], round_id)
        second = _add(engine, group_id, [f"jeugd {i}" for i in range(2)], round_id)
        self.clusters = [
            engine.execute(CreateCluster(group_id, round_id, "Taal", tuple(first))).id,
            engine.execute(CreateCluster(group_id, round_id, "Jeugd", tuple(second))).id,
            engine.execute(CreateCluster(group_id, round_id, "Leeg")).id,  # no notes yet
        ]
        engine.execute(SetNoteHidden(first[0], True))  # a hidden note in a cluster
        engine.execute(MergeNote(first[1], first[2]))  # a merged note in a cluster
        self.not_items: list[int] = [first[0], first[1], *first[2:], *second]
        self.grow(3)

    def grow(self, n: int) -> None:
        """n more of each kind of note that is not an item of this wall."""
        hidden = _add(self.engine, self.group_id, [f"weg {i}" for i in range(n)], self.round_id)
        _all([self.engine.submit(SetNoteHidden(i, True)) for i in hidden])
        merged = _add(self.engine, self.group_id, [f"dubbel {i}" for i in range(n)], self.round_id)
        _all([self.engine.submit(MergeNote(i, self.loose[0])) for i in merged])
        deleted = _add(self.engine, self.group_id, [f"gewist {i}" for i in range(n)], self.round_id)
        _all([self.engine.submit(DeleteNote(i)) for i in deleted])
        self.not_items += hidden + merged + deleted
        self.not_items += _add(
            self.engine, self.group_id + 1, [f"ander {i}" for i in range(n)], self.round_id
        )
        self.not_items += _add(
            self.engine, self.group_id, [f"later {i}" for i in range(n)], self.round_id + 1
        )


@pytest.fixture
def wall(engine: Engine) -> _Wall:
    engine.execute(SetActiveRound(1))
    return _Wall(engine, 1, 1)


@contextmanager
def _steps(store: Reader) -> Iterator[Callable[[], int]]:
    """Counts SQLite's virtual-machine steps on this store's connection meanwhile."""
    count = [0]

    def step() -> int:
        count[0] += 1
        return 0

    db: sqlite3.Connection = store._db
    db.set_progress_handler(step, 1)
    try:
        yield lambda: count[0]
    finally:
        db.set_progress_handler(None, 1)


def test_the_same_items_in_the_same_order_as_from_the_whole_wall(
    wall: _Wall, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Reader.open(workshop_path)
    try:
        whole = ranking.vote_items(
            store.clusters(group_id=1, round_id=1), store.notes(group_id=1, round_id=1)
        )
        assert vote_items(store, 1, 1) == whole
        assert list(vote_items(store, 1, 1)) == list(whole)
        assert len(whole) == 3 + 12  # the clusters (one empty) and the loose notes
        for cap in (votes.MAX_ITEMS, 16, 15, 14, 4, 3, 2):  # around every edge of the cap
            monkeypatch.setattr(votes, "MAX_ITEMS", cap)
            shown, truncated = votes.vote_items_json(store, 1, 1)
            assert (list(shown), truncated) == _reference_json(store, 1, 1, cap), cap
        # Each item, and nothing else, passes the check a cast vote gets.
        for key in whole:
            assert is_vote_item(store, 1, 1, key)
        for note_id in wall.not_items:
            assert not is_vote_item(store, 1, 1, f"n{note_id}")
        assert not is_vote_item(store, 2, 1, f"c{wall.clusters[0]}")  # another table's
        assert not is_vote_item(store, 1, 2, f"n{wall.loose[0]}")  # another round's
        for bad in ("c999999", "n999999", "x1", ""):
            assert not is_vote_item(store, 1, 1, bad)
    finally:
        store.close()


def test_the_items_cost_the_same_however_many_notes_are_not_items(
    wall: _Wall, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, every phone-side build and every cast vote read the whole wall: this
    count grew by ~20 steps for each hidden, merged or loose-past-the-cap note."""
    monkeypatch.setattr(votes, "MAX_ITEMS", 10)  # the loose notes already overflow it
    keys = [f"c{wall.clusters[0]}", f"n{wall.loose[3]}", f"n{wall.not_items[-1]}"]

    def measure() -> tuple[int, int, Any]:
        store = Reader.open(workshop_path)
        try:
            with _steps(store) as items_steps:
                shown = votes.vote_items_json(store, 1, 1)
            with _steps(store) as check_steps:
                for key in keys:
                    is_vote_item(store, 1, 1, key)
            return items_steps(), check_steps(), shown
        finally:
            store.close()

    small_items, small_check, small_shown = measure()
    wall.grow(400)  # 2,000 more notes that are not items of this wall
    _add(wall.engine, 1, [f"los extra {i}" for i in range(200)], 1)  # items past the cap
    large_items, large_check, large_shown = measure()
    assert large_shown == small_shown  # the first ten items did not change
    assert large_check == small_check
    # The same ranges of the index: a step or two of slack for a deeper B-tree.
    assert large_items <= small_items * 1.1, (small_items, large_items)


def test_a_cast_vote_reads_only_the_items_it_names(
    wall: _Wall, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine checks a CastVotes by reading the rows its keys name, not the wall."""
    reads: list[str] = []
    real_notes, real_loose = Reader.notes, Reader.loose_notes

    def notes(self: Reader, **kwargs: Any) -> Any:
        if threading.current_thread().name == "engine-writer":
            reads.append("notes")
        return real_notes(self, **kwargs)

    def loose(self: Reader, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "engine-writer":
            reads.append("loose_notes")
        return real_loose(self, *args, **kwargs)

    monkeypatch.setattr(Reader, "notes", notes)
    monkeypatch.setattr(Reader, "loose_notes", loose)
    voter = engine.execute(Join(1, "Anna"))
    engine.execute(SetPhase(1, Phase.VOTE))
    stored = engine.execute(
        CastVotes(voter.id, ((f"c{wall.clusters[0]}", 1), (f"n{wall.loose[1]}", 1)))
    )
    assert stored == {f"c{wall.clusters[0]}": 1, f"n{wall.loose[1]}": 1}
    for not_item in (wall.not_items[0], wall.not_items[-1]):  # hidden; another round's
        with pytest.raises(NotFound):
            engine.execute(CastVotes(voter.id, ((f"n{not_item}", 1),)))
    assert reads == []
