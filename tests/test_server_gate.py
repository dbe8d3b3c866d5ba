"""Connections per address and in total, room kept for new phones, and errors that repeat
logged once with a count (issue 17). Real sockets on loopback addresses; no timing."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.server.gate import SUMMARY_S, RepeatLog
from facilitator.server.limits import Limits
from tests.test_abuse import Raw, refused
from tests.test_server_support import collect, groups, join, post, running

# Held connections stay silent on purpose: the idle limits are lifted for them, so a
# slow run cannot close one under the test (tests/test_server_idle.py tests those).
CAPS = Limits(
    connections_per_address=5,
    crowded_per_address=2,
    connections_total=12,
    first_request_s=0,
    head_timeout_s=300,
)


@pytest.fixture
def capped(engine: Engine, workshop_path: Path) -> Iterator[tuple[ParticipantServer, str]]:
    collect(engine, workshop_path)
    with running(engine, workshop_path, CAPS) as server:
        yield server, groups(workshop_path)[0].code


def _until(condition: object, what: str) -> None:
    deadline = time.monotonic() + 5
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def _hold(server: ParticipantServer, src: str, n: int) -> list[Raw]:
    """n idle connections from `src`, each counted by the gate before returning."""
    assert server.gate is not None
    held = []
    for _ in range(n):
        before = server.gate.count
        held.append(Raw(server.port, src))
        _until(
            lambda b=before: server.gate is not None and server.gate.count > b,
            "the server has counted the connection",
        )
    return held


def _refused_at_once(server: ParticipantServer, src: str, status: int, code: str) -> None:
    client = Raw(server.port, src)
    try:
        refused(client.answer(), status, code)
        assert client.closed_by_server()
    finally:
        client.close()


def _idle_everywhere(server: ParticipantServer, n: int) -> None:
    _until(lambda: server.gate is not None and server.gate.count == n, f"{n} connections are open")


def test_one_address_holds_a_few_and_new_phones_keep_room(
    capped: tuple[ParticipantServer, str], caplog: pytest.LogCaptureFixture
) -> None:
    server, code = capped
    caplog.set_level(logging.WARNING, logger="facilitator.server")
    held = _hold(server, "127.0.0.2", 5)
    try:
        # Sixth from the same address: refused at once, the others are not.
        for _ in range(3):
            _refused_at_once(server, "127.0.0.2", 429, "too_many_connections")
        token = join(server.port, code)
        assert post(server.port, token, "good-00001", "nog steeds welkom").status == 201
        _idle_everywhere(server, 5)
        # Three quarters full (9 of 12): an address holding 2 gets no third ...
        held += _hold(server, "127.0.0.3", 4)
        _refused_at_once(server, "127.0.0.3", 429, "too_many_connections")
        # ... but a new phone still gets in, twice, and only past the total is it 503.
        held += _hold(server, "127.0.0.4", 2)
        _refused_at_once(server, "127.0.0.4", 429, "too_many_connections")
        held += _hold(server, "127.0.0.5", 1)
        _refused_at_once(server, "127.0.0.6", 503, "server_full")
        assert server.gate is not None and server.gate.count == 12
        # One leaves: its place is free again.
        held.pop().close()
        _idle_everywhere(server, 11)
        token = join(server.port, code)
    finally:
        for client in held:
            client.close()
    _idle_everywhere(server, 0)
    assert server.gate is not None and server.gate.refused == 6
    # Refused three times from 127.0.0.2: one line in the log, not three.
    lines = [r for r in caplog.records if "127.0.0.2" in r.getMessage()]
    assert len(lines) == 1, [r.getMessage() for r in lines]


def test_a_repeated_error_is_logged_once_then_as_a_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [100.0]
    repeats = RepeatLog(logging.getLogger("facilitator.test.repeats"), clock=lambda: now[0])
    loop = asyncio.new_event_loop()
    try:
        caplog.set_level(logging.WARNING)
        error = OSError(24, "Too many open files")
        for _ in range(10_000):
            repeats.loop_handler(
                loop, {"message": "socket.accept() out of system resource", "exception": error}
            )
        assert len(caplog.records) == 1 and caplog.records[0].exc_info is not None
        now[0] += SUMMARY_S
        repeats.loop_handler(
            loop, {"message": "socket.accept() out of system resource", "exception": error}
        )
        assert len(caplog.records) == 2
        assert "10000 more times" in caplog.records[1].getMessage()
        assert repeats.total == 10_001
    finally:
        loop.close()
