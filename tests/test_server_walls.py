"""/api/state reads that do not grow with the wall (issue 17): the group's shared part is
built once per change and bounded; no read loads the whole wall, not even in the vote
phase, whose items come from bounded ranges of an index (tests/test_vote_items.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import AddNote, Engine, SetPhase
from facilitator.server.views import OTHERS_CAP
from facilitator.server.votes import MAX_ITEMS
from facilitator.store import Reader
from tests.test_server_support import active_round, collect, groups, join, post, request, running


def test_state_is_built_once_per_change_and_never_reads_the_whole_wall(
    engine: Engine, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = collect(engine, workshop_path)  # the demo round is visible: others shown
    group = groups(workshop_path)[0]
    futures = [engine.submit(AddNote(group.id, f"laptop {i}")) for i in range(OTHERS_CAP + 100)]
    for f in futures:
        f.result()
    whole_wall_reads = []
    real_notes = Reader.notes

    def counting_notes(self: Reader, **kwargs: int | None) -> list[object]:
        if threading.current_thread().name == "participant-server":  # not the engine's
            whole_wall_reads.append(kwargs)
        return real_notes(self, **kwargs)  # type: ignore[arg-type,return-value]

    monkeypatch.setattr(Reader, "notes", counting_notes)
    with running(engine, workshop_path) as server:
        hub, walls = server._hub, server._ctx.walls if server._ctx is not None else None
        assert hub is not None and walls is not None  # the fan-out and the cache itself

        def heard(before: int) -> None:
            """Wait until the fan-out has taken in the change (it comes on the loop)."""
            deadline = time.monotonic() + 5
            while hub.version(group.id) == before:
                assert time.monotonic() < deadline
                time.sleep(0.01)

        phones = [join(server.port, group.code) for _ in range(10)]
        version = hub.version(group.id)
        mine = post(server.port, phones[0], "phone-0001", "van mij").json["note"]["id"]
        heard(version)
        builds = walls.builds
        states = [request(server.port, "GET", "/api/state", token=t).json for t in phones]
        assert walls.builds == builds + 1, "ten phones, one change: built once"
        first = states[0]["notes"]
        assert [n["id"] for n in first["mine"]] == [mine]
        assert len(first["others"]) == OTHERS_CAP and mine not in {n["id"] for n in first["others"]}
        assert first["count"] == OTHERS_CAP + 101
        assert any(n["id"] == mine for n in states[1]["notes"]["others"])
        assert whole_wall_reads == []
        # A change to the group: the next read builds again, once.
        version = hub.version(group.id)
        post(server.port, phones[1], "phone-0002", "nog een")
        heard(version)
        for token in phones:
            assert request(server.port, "GET", "/api/state", token=token).status == 200
        assert walls.builds == builds + 2
        # Vote phase: the items (capped) are built once for ten phones, without the wall.
        version = hub.version(group.id)
        engine.execute(SetPhase(rid, Phase.VOTE, (group.id,)))
        heard(version)
        builds = walls.builds
        votes = [request(server.port, "GET", "/api/state", token=t).json["vote"] for t in phones]
        assert walls.builds == builds + 1
        assert whole_wall_reads == []
        assert len(votes[0]["items"]) == MAX_ITEMS and votes[0]["items_truncated"] is True
    assert active_round(workshop_path) == rid


def test_the_cache_keeps_a_bounded_number_of_groups(engine: Engine, workshop_path: Path) -> None:
    """At most `capacity` groups' views are kept, the least recently asked dropped first;
    a view is rebuilt when its group changed, never served stale."""
    from facilitator.server.walls import WallViews

    collect(engine, workshop_path)
    store = Reader.open(workshop_path)
    try:
        round_ = store.round(store.workshop().active_round_id or 0)
        assert round_ is not None
        first, second, third = (g.id for g in store.groups()[:3])
        versions = dict.fromkeys((first, second, third), 0)
        walls = WallViews(store, versions.__getitem__, capacity=2)
        for group_id in (first, second, first, third):  # third pushes out second
            walls.get(group_id, round_, Phase.COLLECT)
        assert walls.builds == 3
        walls.get(first, round_, Phase.COLLECT)
        assert walls.builds == 3  # kept: asked most recently before third came
        walls.get(second, round_, Phase.COLLECT)
        assert walls.builds == 4  # dropped, built again
        versions[second] += 1  # its group changed
        walls.get(second, round_, Phase.COLLECT)
        assert walls.builds == 5
    finally:
        store.close()
