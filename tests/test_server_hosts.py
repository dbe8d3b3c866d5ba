"""The Host header (issue 17): parsed exactly, and never a DNS lookup on the event loop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from facilitator.engine import Engine
from facilitator.server import hosts
from facilitator.server.hosts import HostAllowlist, parse_host
from tests.test_abuse import ask
from tests.test_server_support import groups, request, running

GOOD = [
    ("localhost", ("localhost", None)),
    ("LocalHost:8321", ("localhost", 8321)),
    ("127.0.0.1:1", ("127.0.0.1", 1)),
    ("[::1]", ("[::1]", None)),
    ("[::1]:65535", ("[::1]", 65535)),
    ("laptop-7.local", ("laptop-7.local", None)),
    (" 192.168.1.20:8321 ", ("192.168.1.20", 8321)),
]
BAD = [
    "localhost:1@evil.example",  # answered 200 before issue 17
    "[::1]evil",  # answered 200 before issue 17
    "localhost@evil.example",
    "evil.example@localhost",
    "localhost:",
    "localhost:0",
    "localhost:65536",
    "localhost:123456",
    "localhost:+80",
    "localhost:8321:8321",
    "localhost/",
    "localhost.",
    ".localhost",
    "local host",
    "-localhost",
    "[::1",
    "[::1]:",
    "[::1]:x",
    "[not-ipv6]",
    "[::1]]",
    "::1",
    "",
    "lоcalhost",  # a Cyrillic o
    "localhost\x00",
    "user:pass@localhost",
]


@pytest.mark.parametrize(("header", "parsed"), GOOD)
def test_host_headers_are_parsed_exactly(header: str, parsed: tuple[str, int | None]) -> None:
    assert parse_host(header) == parsed


@pytest.mark.parametrize("header", BAD)
def test_anything_but_name_and_port_is_not_a_host(header: str) -> None:
    assert parse_host(header) is None
    assert not HostAllowlist(lookup=lambda: ["192.168.1.20"]).allows(header)


def test_the_server_answers_421_to_what_only_looks_like_its_name(
    engine: Engine, workshop_path: Path
) -> None:
    with running(engine, workshop_path) as server:
        for host in ("localhost:1@evil.example", "[::1]evil", f"localhost:{server.port}@x"):
            raw = f"GET /api/event HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
            answer = ask(server.port, raw)
            assert (answer.status, answer.code) == (421, "bad_host"), host
        for host in (f"localhost:{server.port}", "localhost", f"[::1]:{server.port}"):
            assert (
                request(server.port, "GET", "/api/event", headers={"Host": host}).status == 200
            ), host


def test_a_lookup_that_never_answers_does_not_stop_the_server(
    engine: Engine, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where DNS never answers, the laptop's address lookup hangs: the loop goes on."""
    entered = threading.Event()
    release = threading.Event()
    lookups = []

    def stuck_lookup() -> list[str]:
        lookups.append(1)
        entered.set()
        release.wait(30)
        return ["10.1.2.3"]

    monkeypatch.setattr(hosts, "lan_ipv4_addresses", stuck_lookup)
    code = groups(workshop_path)[0].code
    try:
        with running(engine, workshop_path) as server:
            assert entered.wait(10)  # the refresher thread is inside the lookup now
            unknown = request(
                server.port, "GET", "/api/event", headers={"Host": f"10.1.2.3:{server.port}"}
            )
            assert (unknown.status, unknown.code) == (421, "bad_host")
            assert request(server.port, "POST", "/api/join", {"code": code}).status == 201
            assert not release.is_set() and len(lookups) == 1  # all that while, still stuck
            release.set()
            # Once the lookup answers, the laptop's new address is served.
            for _ in range(200):
                if server._allowlist.refreshes:  # the refresher thread answered
                    break
                threading.Event().wait(0.05)
            assert (
                request(
                    server.port, "GET", "/api/event", headers={"Host": f"10.1.2.3:{server.port}"}
                ).status
                == 200
            )
    finally:
        release.set()
