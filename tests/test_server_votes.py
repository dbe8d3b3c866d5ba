"""Dot voting over HTTP: the items, the budget, the refusals, and the wall's changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import CreateCluster, Engine, MergeNote
from facilitator.server import ParticipantServer
from facilitator.store import Store
from tests.test_server_support import (
    Sse,
    collect,
    groups,
    join,
    post,
    request,
)


def _wall(server: ParticipantServer, engine: Engine, workshop_path: Path
          ) -> tuple[str, str, dict[str, int]]:
    """Two phones; notes a, b, c, d; a and b clustered as 'Jeugd'; d merged into c."""
    group = groups(workshop_path)[0]
    anna, bert = join(server.port, group.code), join(server.port, group.code)
    ids = {name: post(server.port, anna, f"anna-000{i}", name).json["note"]["id"]
           for i, name in enumerate("abcd")}
    rid = collect(engine, workshop_path, Phase.GROUP)
    cluster = engine.execute(CreateCluster(group.id, rid, "Jeugd", (ids["a"], ids["b"])))
    engine.execute(MergeNote(ids["d"], ids["c"]))
    ids["cluster"] = cluster.id
    return anna, bert, ids


def test_vote_items_budget_and_allocation(server: ParticipantServer, engine: Engine,
                                          workshop_path: Path) -> None:
    anna, bert, ids = _wall(server, engine, workshop_path)
    grouped = request(server.port, "GET", "/api/state", token=bert).json
    assert "vote" not in grouped
    assert sorted(n["text"] for n in grouped["notes"]["others"]) == ["a", "b", "c"]
    early = request(server.port, "PUT", "/api/votes", {"dots": {}}, token=bert)
    assert (early.status, early.code) == (409, "wrong_phase")

    collect(engine, workshop_path, Phase.VOTE)
    vote = request(server.port, "GET", "/api/state", token=bert).json["vote"]
    keys = {i["key"]: i for i in vote["items"]}
    assert set(keys) == {f"c{ids['cluster']}", f"n{ids['c']}"}
    assert keys[f"c{ids['cluster']}"] == {"key": f"c{ids['cluster']}", "kind": "cluster",
                                          "label": "Jeugd", "notes": ["a", "b"],
                                          "note_count": 2}
    assert vote["budget"] == 3 and vote["multi"] is False and vote["mine"] == {}

    dots = {f"c{ids['cluster']}": 1, f"n{ids['c']}": 1}
    saved = request(server.port, "PUT", "/api/votes", {"dots": dots}, token=bert)
    assert saved.status == 200 and saved.json == {"dots": dots}
    again = request(server.port, "GET", "/api/state", token=bert).json["vote"]["mine"]
    assert again == dots
    store = Store.open(workshop_path, readonly=True)
    assert sum(v.dots for v in store.votes()) == 2
    store.close()
    assert anna


@pytest.mark.parametrize(
    ("dots", "status", "code"),
    [
        ({"cX": 1}, 400, "bad_item_key"),
        ({"n1": True}, 400, "wrong_type"),
        ({"n1": -1}, 400, "wrong_type"),
        ([1, 2], 400, "wrong_type"),
        (None, 400, "missing_field"),
        ({"CLUSTER": 2}, 422, "one_dot_per_item"),
        ({"CLUSTER": 1, "NOTE": 1, "n999999": 1}, 404, "unknown_item"),
        ({"n999999": 1}, 404, "unknown_item"),
    ],
)
def test_vote_refusals(server: ParticipantServer, engine: Engine, workshop_path: Path,
                       dots: object, status: int, code: str) -> None:
    _anna, bert, ids = _wall(server, engine, workshop_path)
    collect(engine, workshop_path, Phase.VOTE)
    if isinstance(dots, dict):
        dots = {k.replace("CLUSTER", f"c{ids['cluster']}").replace("NOTE", f"n{ids['c']}"): v
                for k, v in dots.items()}
    reply = request(server.port, "PUT", "/api/votes", {"dots": dots}, token=bert)
    assert (reply.status, reply.code) == (status, code), reply.raw


def test_over_budget_and_another_groups_items(server: ParticipantServer, engine: Engine,
                                              workshop_path: Path) -> None:
    _anna, bert, ids = _wall(server, engine, workshop_path)
    other = groups(workshop_path)[1]
    carla = join(server.port, other.code)
    collect(engine, workshop_path, Phase.VOTE)
    too_many = {f"c{ids['cluster']}": 1, f"n{ids['c']}": 1, f"n{ids['a']}": 1,
                f"n{ids['b']}": 1}
    reply = request(server.port, "PUT", "/api/votes", {"dots": too_many}, token=bert)
    assert (reply.status, reply.code) == (422, "over_budget")
    theirs = request(server.port, "PUT", "/api/votes", {"dots": {f"n{ids['c']}": 1}},
                     token=carla)
    assert (theirs.status, theirs.code) == (404, "unknown_item")


def test_a_new_cluster_while_voting_makes_phones_refresh(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    _anna, bert, ids = _wall(server, engine, workshop_path)
    rid = collect(engine, workshop_path, Phase.VOTE)
    stream = Sse(server.port, bert)
    stream.until("hello")
    engine.execute(CreateCluster(groups(workshop_path)[0].id, rid, "Leesbevordering"))
    try:
        stream.until_items({"t": "refresh"})  # after whatever was still on its way
    finally:
        stream.close()
    assert ids
