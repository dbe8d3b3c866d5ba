"""The live stream: per-group delivery, visibility, coalescing, Last-Event-ID resume."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from facilitator.domain.model import Phase, Visibility
from facilitator.engine import AddNote, Engine, SetNoteHidden, SetPhase, StartTimer
from facilitator.engine.commands import UpdateRound
from facilitator.server import ParticipantServer, fanout
from facilitator.store import Store
from facilitator.store.specs import RoundSpec
from tests.test_server_support import Sse, collect, groups, join, post, request, running


def _open(server: ParticipantServer, token: str, last: str | None = None,
          query: str = "") -> Sse:
    stream = Sse(server.port, token, last, query)
    assert stream.status == 200
    return stream


def _notes(event: dict[str, object]) -> list[str]:
    data = event["data"]
    assert isinstance(data, dict)
    return [e["note"]["text"] for e in data["events"] if e["t"] == "note"]


def _wait_connected(server: ParticipantServer, n: int, group_id: int | None = None) -> None:
    deadline = time.monotonic() + 5
    while server.connected_count(group_id) != n:
        assert time.monotonic() < deadline, server.connected_count(group_id)
        time.sleep(0.01)


def test_a_note_reaches_its_group_and_no_other(server: ParticipantServer,
                                               workshop_path: Path) -> None:
    first, second = groups(workshop_path)[:2]
    anna, bert, carla = (join(server.port, c) for c in (first.code, first.code, second.code))
    seq = request(server.port, "GET", "/api/state", token=bert).json["seq"]
    bert_stream = _open(server, bert, query=f"&last={seq}")
    carla_stream = _open(server, carla)
    assert bert_stream.until("hello")["id"].endswith(seq.split("-")[1])
    carla_stream.until("hello")
    _wait_connected(server, 2)
    assert server.connected_count(first.id) == 1 and server.connected_count(second.id) == 1

    post(server.port, anna, "anna-0001", "<b>voor tafel 1</b>")
    items = bert_stream.until_items({"t": "count", "count": 1})
    assert [i["note"]["text"] for i in items if i["t"] == "note"] == ["<b>voor tafel 1</b>"]
    with pytest.raises(TimeoutError):
        carla_stream.next(timeout=0.4)
    bert_stream.close()
    carla_stream.close()
    _wait_connected(server, 0)


def test_bearer_header_works_and_a_bad_token_gets_401(server: ParticipantServer,
                                                      workshop_path: Path) -> None:
    token = join(server.port, groups(workshop_path)[0].code)
    reply = request(server.port, "GET", "/api/events?token=wrong")
    assert (reply.status, reply.code) == (401, "unknown_token")
    assert request(server.port, "GET", "/api/events").code == "no_token"
    stream = Sse(server.port, None, header=f"Authorization: Bearer {token}\r\n")
    assert stream.status == 200
    stream.until("hello")
    stream.close()


def _notes_until(stream: Sse, wanted: list[str], timeout: float = 10.0) -> list[str]:
    """Every note text the stream carries until all of `wanted` arrived, in the order
    received, however the server cut them into batches."""
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while not set(wanted) <= set(seen):
        event = stream.next(max(0.05, deadline - time.monotonic()))
        if event["event"] == "batch":
            seen.extend(_notes(event))
    return seen


def test_quick_changes_each_arrive_once_in_order(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    """Content, not batch shape: however the fan-out groups 20 quick notes (a batch per
    commit, several per write while a stream is behind), each arrives once, in order."""
    code = groups(workshop_path)[0].code
    anna, bert = join(server.port, code), join(server.port, code)
    stream = _open(server, bert)
    stream.until("hello")
    rid = request(server.port, "GET", "/api/state", token=bert).json["round"]["id"]
    texts = [f"laptop {i}" for i in range(20)]
    futures = [engine.submit(AddNote(groups(workshop_path)[0].id, t)) for t in texts]
    for f in futures:
        f.result()
    assert _notes_until(stream, texts) == texts
    engine.execute(SetPhase(rid, Phase.GROUP))
    stream.until_items({"t": "phase", "phase": "group", "others_shown": True})
    stream.close()
    assert anna


def test_hidden_round_sends_counts_and_moderation_removes(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    store = Store.open(workshop_path, readonly=True)
    rid = store.workshop().active_round_id
    round_ = store.round(rid) if rid else None
    store.close()
    assert round_ is not None
    code = groups(workshop_path)[0].code
    anna, bert = join(server.port, code), join(server.port, code)
    stream = _open(server, bert)
    stream.until("hello")
    spec = RoundSpec(round_.question, round_.method, round_.duration_s, Visibility.HIDDEN,
                     round_.dot_budget)
    engine.execute(UpdateRound(round_.id, spec))
    stream.until_items({"t": "refresh"})

    state = request(server.port, "GET", "/api/state", token=bert).json
    assert state["round"]["visibility"] == "hidden" and state["notes"]["others"] is None
    note = post(server.port, anna, "anna-0001", "geheim").json["note"]
    counted = stream.until_items({"t": "count", "count": 1})
    assert not [i for i in counted if i["t"] == "note"]  # a count, never the text
    engine.execute(SetNoteHidden(note["id"], True))
    stream.until_items({"t": "removed", "id": note["id"]}, {"t": "count", "count": 0})
    engine.execute(SetNoteHidden(note["id"], False))
    engine.execute(SetPhase(round_.id, Phase.GROUP))
    revealed = request(server.port, "GET", "/api/state", token=bert).json
    assert [n["text"] for n in revealed["notes"]["others"]] == ["geheim"]
    stream.close()


def test_resume_from_last_event_id(server: ParticipantServer, workshop_path: Path) -> None:
    code = groups(workshop_path)[0].code
    anna, bert = join(server.port, code), join(server.port, code)
    stream = _open(server, bert)
    stream.until("hello")
    post(server.port, anna, "anna-0001", "een")
    while "een" not in _notes(batch := stream.until("batch")):
        pass
    last = batch["id"]
    stream.close()

    # Carla stays connected: once she has both notes, the server has sent them, so
    # bert can only get them by resuming (a condition, not a sleep).
    carla = _open(server, join(server.port, code))
    carla.until("hello")
    post(server.port, anna, "anna-0002", "twee")
    post(server.port, anna, "anna-0003", "drie")
    assert _notes_until(carla, ["twee", "drie"]) == ["twee", "drie"]
    resumed = _open(server, bert, last=last)
    replayed: list[str] = []
    while (event := resumed.next())["event"] != "hello":
        if event["event"] == "batch":
            replayed.extend(_notes(event))
    assert replayed == ["twee", "drie"]  # what bert missed, once each, "een" not again
    resumed.close()
    carla.close()

    for stale in ("someoldrun-3", "garbage", last.split("-")[0] + "-999999"):
        again = _open(server, bert, last=stale)
        assert again.next()["event"] == "reset"
        again.close()


def test_too_old_an_id_gets_a_reset(engine: Engine, workshop_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fanout, "RING_SIZE", 2)
    collect(engine, workshop_path)
    with running(engine, workshop_path) as server:
        code = groups(workshop_path)[0].code
        anna, bert = join(server.port, code), join(server.port, code)
        stream = _open(server, bert)
        last = stream.until("hello")["id"]
        stream.close()
        watcher = _open(server, join(server.port, code))
        watcher.until("hello")
        for i in range(4):  # four batches at least: two more than the ring keeps
            post(server.port, anna, f"anna-000{i}", f"notitie {i}")
            _notes_until(watcher, [f"notitie {i}"])  # sent before the next is posted
        watcher.close()
        resumed = _open(server, bert, last=last)
        assert resumed.next()["event"] == "reset"
        resumed.close()


def test_the_timer_reaches_phones(server: ParticipantServer, engine: Engine,
                                  workshop_path: Path) -> None:
    bert = join(server.port, groups(workshop_path)[0].code)
    stream = _open(server, bert)
    stream.until("hello")
    rid = request(server.port, "GET", "/api/state", token=bert).json["round"]["id"]
    engine.execute(StartTimer(rid, 300))
    items = stream.until_items(lambda i: i["t"] == "timer")
    timer = next(i for i in items if i["t"] == "timer")
    assert timer["timer"]["ends_at"] > timer["timer"]["now"]
    state = request(server.port, "GET", "/api/state", token=bert).json["round"]["timer"]
    assert 290 < state["ends_at"] - state["now"] <= 300
    stream.close()


def test_phones_see_the_remaining_time_of_their_own_phase(
        server: ParticipantServer, engine: Engine, workshop_path: Path) -> None:
    """A timer per phase on the phones: the collect timer while writing, nothing of it at a
    table that votes early, the vote's own time once every table votes, and no timer once
    the round is closed."""
    from facilitator.engine import PauseTimer

    first, second = groups(workshop_path)[:2]
    bert, carla = join(server.port, first.code), join(server.port, second.code)
    stream = _open(server, bert)
    stream.until("hello")
    rid = request(server.port, "GET", "/api/state", token=bert).json["round"]["id"]
    r = Store.open(workshop_path, readonly=True).round(rid)
    assert r is not None
    engine.execute(UpdateRound(rid, RoundSpec(r.question, r.method, 600, r.visibility,
                                              r.dot_budget, title=r.title,
                                              vote_duration_s=180)))

    def timer(token: str) -> dict[str, object]:
        data = request(server.port, "GET", "/api/state", token=token).json["round"]
        return {**data["timer"], "phase_of_table": data["phase"],
                "vote_duration_s": data["vote_duration_s"]}

    engine.execute(StartTimer(rid))
    writing = timer(bert)
    assert writing["phase"] == "collect" and writing["duration_s"] == 600
    assert 590 < writing["ends_at"] - writing["now"] <= 600  # type: ignore[operator]

    engine.execute(SetPhase(rid, Phase.VOTE, (first.id,)))  # bert's table votes early
    early = timer(bert)
    assert early["phase_of_table"] == "vote" and early["ends_at"] is None
    still = timer(carla)  # carla's table still writes against the collect timer
    assert still["ends_at"] is not None and still["phase"] == "collect"

    engine.execute(SetPhase(rid, Phase.VOTE))  # every table votes: collect timer stops
    voting = timer(bert)
    assert voting["phase"] == "vote" and voting["duration_s"] == 180
    assert voting["ends_at"] is None and voting["remaining_s"] is None
    assert voting["vote_duration_s"] == 180
    engine.execute(StartTimer(rid))
    items = stream.until_items(lambda i: i["t"] == "timer" and i["timer"]["phase"] == "vote"
                               and bool(i["timer"]["ends_at"]))
    live = [i for i in items if i["t"] == "timer"][-1]["timer"]
    assert 170 < live["ends_at"] - live["now"] <= 180
    voting = timer(bert)
    assert 170 < voting["ends_at"] - voting["now"] <= 180  # type: ignore[operator]
    engine.execute(PauseTimer(rid))

    engine.execute(SetPhase(rid, Phase.CLOSED))  # a closed round stops its timer
    closed = timer(bert)
    assert closed["ends_at"] is None and closed["remaining_s"] is None
    assert closed["phase"] is None
    stream.close()


def test_stop_with_open_streams_is_quick(engine: Engine, workshop_path: Path) -> None:
    with running(engine, workshop_path) as server:
        code = groups(workshop_path)[0].code
        streams = [_open(server, join(server.port, code)) for _ in range(5)]
        for stream in streams:
            stream.until("hello")
        _wait_connected(server, 5)
        started = time.monotonic()
        server.stop()
        assert time.monotonic() - started < 2.0
        assert server.connected_count() == 0
        for stream in streams:
            stream.close()


def test_a_stream_that_falls_behind_gets_every_note_once_in_order(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    """Its transport fills (the phone reads nothing for a while): what follows is queued
    and coalesced, and once it reads again every note arrives exactly once, in order."""
    import re
    import socket

    group = groups(workshop_path)[0]
    bert = join(server.port, group.code)
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", server.port))
    sock.sendall(f"GET /api/events?token={bert} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}"
                 "\r\n\r\n".encode())
    _wait_connected(server, 1)
    text = "x" * 270
    futures = [engine.submit(AddNote(group.id, f"{i:05d} {text}")) for i in range(600)]
    for f in futures:
        f.result()
    received = b""
    sock.settimeout(10)
    while received.count(b'"t":"note"') < 600:
        data = sock.recv(1 << 20)
        assert data, "the stream was cut"
        received += data
    sock.close()
    numbers = [int(n) for n in re.findall(rb'"text":"(\d{5}) x', received)]
    assert numbers == list(range(600))
