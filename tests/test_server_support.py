"""Helpers for the participant-server tests: a running server, raw HTTP, an SSE reader.

Named test_server_* so it sits with the tests it serves; it holds no tests itself.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator.domain.model import Group, Phase
from facilitator.engine import Engine, SetPhase
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.raw)

    @property
    def code(self) -> str:
        return str(self.json["error"]["code"])


def request(port: int, method: str, path: str, body: Any = None, *, token: str | None = None,
            raw: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    sent = {"Content-Type": "application/json"}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    sent.update(headers or {})
    payload = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    try:
        conn.request(method, path, body=payload, headers=sent)
        response = conn.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        conn.close()


def groups(path: Path) -> list[Group]:
    store = Store.open(path, readonly=True)
    try:
        return store.groups()
    finally:
        store.close()


def active_round(path: Path) -> int:
    store = Store.open(path, readonly=True)
    try:
        rid = store.workshop().active_round_id
        assert rid is not None
        return rid
    finally:
        store.close()


def collect(engine: Engine, path: Path, phase: Phase = Phase.COLLECT) -> int:
    rid = active_round(path)
    engine.execute(SetPhase(rid, phase))
    return rid


@contextmanager
def running(engine: Engine, path: Path, limits: Limits | None = None
            ) -> Iterator[ParticipantServer]:
    # Tests play many phones from 127.0.0.1, where the venue gives each its own address:
    # unless a test passes its limits, the bound on identities per address is lifted.
    limits = limits or Limits(identities_per_address=1000)
    server = ParticipantServer(engine, path, host="127.0.0.1", port=0, limits=limits)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def join(port: int, code: str, **extra: str) -> str:
    reply = request(port, "POST", "/api/join", {"code": code, **extra})
    assert reply.status == 201, reply.raw
    return str(reply.json["token"])


def post(port: int, token: str, cid: str, text: str) -> Reply:
    return request(port, "POST", "/api/notes", {"client_note_id": cid, "text": text},
                   token=token)


class Sse:
    """A live /api/events stream read event by event, as EventSource would."""

    def __init__(self, port: int, token: str | None, last: str | None = None,
                 query: str = "", header: str = "") -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        extra = (f"Last-Event-ID: {last}\r\n" if last else "") + header
        target = f"/api/events?token={token}{query}" if token else "/api/events"
        self.sock.sendall(
            f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        self.file = self.sock.makefile("rb")
        self.status = int(self.file.readline().split()[1])
        self.chunked = False
        while (line := self.file.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"transfer-encoding: chunked"):
                self.chunked = True
        self._buffer = b""

    def _more(self) -> None:
        if not self.chunked:
            self._buffer += self.file.read1(65536)
            return
        size = int(self.file.readline().strip(), 16)
        self._buffer += self.file.read(size)
        self.file.readline()

    def next(self, timeout: float = 5.0) -> dict[str, Any]:
        """The next event as {'id', 'event', 'data'}; comments (heartbeats) skipped."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n\n" not in self._buffer:
                self.sock.settimeout(max(0.05, deadline - time.monotonic()))
                self._more()
            block, self._buffer = self._buffer.split(b"\n\n", 1)
            fields: dict[str, Any] = {}
            for line in block.decode().split("\n"):
                if line.startswith(":") or ":" not in line:
                    continue
                key, value = line.split(":", 1)
                fields[key] = value.strip()
            if "event" in fields:
                fields["data"] = json.loads(fields.get("data", "null"))
                return fields

    def until(self, kind: str, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            event = self.next(max(0.05, deadline - time.monotonic()))
            if event["event"] == kind:
                return event

    def until_items(self, *wanted: dict[str, Any] | Callable[[dict[str, Any]], bool],
                    timeout: float = 5.0) -> list[dict[str, Any]]:
        """Batch items until each of `wanted` (an item, or a test of one) has come, however
        the server cut them into batches: tests assert on what arrives, not on batch
        shape. Returns every item read, in order."""
        deadline = time.monotonic() + timeout
        items: list[dict[str, Any]] = []

        def found(w: dict[str, Any] | Callable[[dict[str, Any]], bool]) -> bool:
            return any(w(i) if callable(w) else i == w for i in items)

        while not all(found(w) for w in wanted):
            event = self.until("batch", max(0.05, deadline - time.monotonic()))
            items.extend(event["data"]["events"])
        return items

    def close(self) -> None:
        self.file.close()
        self.sock.close()
