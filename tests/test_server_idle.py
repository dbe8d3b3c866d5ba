"""Idle connections give their descriptor back soon; live streams stay open (issue 17).

A connection that sends nothing after connecting is closed after `first_request_s`
(server/gate.py), one that goes quiet after an answer after `head_timeout_s` (aiohttp's
keep-alive timeout). A live stream is idle by design between notes, and stays open with
its heartbeats. Real sockets on 127.0.0.1; the timeouts are set short for the test and
every wait is for a condition, bounded well above them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.engine import Engine
from facilitator.server import ParticipantServer, api
from facilitator.server.limits import Limits
from tests.test_abuse import Raw
from tests.test_server_support import Sse, collect, groups, join, post, running

WITHIN = 5.0  # how long a test waits for a close it expects; far above the timeouts


@pytest.fixture
def quick(engine: Engine, workshop_path: Path) -> Iterator[tuple[ParticipantServer, str]]:
    """Silence after connect cut at 0.3 s; keep-alive idle (and the head) at 60 s."""
    collect(engine, workshop_path)
    limits = Limits(first_request_s=0.3, head_timeout_s=60.0, identities_per_address=100)
    with running(engine, workshop_path, limits) as server:
        yield server, groups(workshop_path)[0].code


def _until(condition: object, what: str) -> None:
    deadline = time.monotonic() + WITHIN
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def test_a_connection_that_sends_nothing_is_closed_and_its_slot_freed(
    quick: tuple[ParticipantServer, str],
) -> None:
    server, _code = quick
    assert server.gate is not None
    silent = Raw(server.port, "127.0.0.2")
    try:
        # Within WITHIN, far below the 60 s keep-alive: only the first-request limit can.
        assert silent.closed_by_server(WITHIN), "a silent connection was kept open"
    finally:
        silent.close()
    _until(lambda: server.gate is not None and server.gate.count == 0, "the slot is free")
    assert server.gate.silent_closed == 1


def test_a_request_that_starts_in_time_is_not_cut_by_the_first_request_limit(
    quick: tuple[ParticipantServer, str],
) -> None:
    server, _code = quick
    client = Raw(server.port, "127.0.0.2")
    silent = Raw(server.port, "127.0.0.3")  # connected after it: its close marks the time
    try:
        client.send(b"GET /api/event HTTP/1.1\r\n")  # a first byte in time, the rest later
        assert silent.closed_by_server(WITHIN)
        client.send(client.host + b"\r\n")  # past first_request_s: still welcome
        assert client.answer().status == 200
    finally:
        client.close()
        silent.close()


def test_an_idle_kept_alive_connection_is_closed_after_head_timeout(
    engine: Engine, workshop_path: Path
) -> None:
    limits = Limits(first_request_s=60.0, head_timeout_s=0.3)
    with running(engine, workshop_path, limits) as server:
        client = Raw(server.port, "127.0.0.2")
        try:
            client.send(b"GET /api/event HTTP/1.1\r\n" + client.host + b"\r\n")
            answer = client.answer()
            assert answer.status == 200
            assert answer.headers.get("Connection", "").lower() != "close"
            assert client.closed_by_server(WITHIN), "an idle kept-alive connection stayed"
        finally:
            client.close()
        _until(lambda: server.gate is not None and server.gate.count == 0, "the slot is free")


def test_a_live_stream_outlives_both_timeouts_with_its_heartbeats(
    engine: Engine, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "HEARTBEAT_S", 0.2)
    collect(engine, workshop_path)
    limits = Limits(first_request_s=0.3, head_timeout_s=0.3, identities_per_address=100)
    with running(engine, workshop_path, limits) as server:
        code = groups(workshop_path)[0].code
        token = join(server.port, code)
        stream = Sse(server.port, token)
        assert stream.status == 200 and stream.until("hello")["event"] == "hello"
        silent = Raw(server.port, "127.0.0.2")
        idle = Raw(server.port, "127.0.0.3")
        try:
            idle.send(b"GET /api/event HTTP/1.1\r\n" + idle.host + b"\r\n")
            assert idle.answer().status == 200
            # Both kinds of idle connection are closed while the stream is open ...
            assert silent.closed_by_server(WITHIN)
            assert idle.closed_by_server(WITHIN)
            # ... and the stream has had heartbeats past both timeouts, and still works.
            stream.sock.settimeout(WITHIN)
            while stream._buffer.count(b": heartbeat") < 3:  # heartbeats are comments
                stream._more()  # next() would skip them
            reply = post(server.port, token, "na-de-stilte-1", "nog steeds verbonden")
            assert reply.status == 201, reply.raw
            wanted = reply.json["note"]["id"]
            stream.until_items(lambda i: i.get("t") == "note" and i["note"]["id"] == wanted)
        finally:
            silent.close()
            idle.close()
            stream.close()
