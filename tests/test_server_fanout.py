"""The adaptive fan-out's writer (issue 17): a stream is written at once while its
transport holds nothing, and what arrives while the transport is behind goes out as one
write when it has drained. Driven with a stand-in transport, so "behind" is exact.

After the first write (aiohttp's, which carries the response's head) the fan-out writes
to the transport itself, framed as chunked transfer coding; the stand-ins log both kinds
of write in one list, the transport's unframed, so the order is checked across them."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import AddNote, Engine, SetActiveRound, SetPhase
from facilitator.engine import events as ev
from facilitator.server import fanout
from facilitator.server.fanout import Stream, pump
from facilitator.server.gate import ConnectionGate, _Gated
from facilitator.server.limits import Limits
from facilitator.store import Reader
from tests.test_server_support import Sse, collect, groups, join, post, request, running


def _unframe(data: bytes) -> bytes:
    """The payload of exactly one chunk of chunked transfer coding."""
    size, _, rest = data.partition(b"\r\n")
    assert rest.endswith(b"\r\n") and int(size, 16) == len(rest) - 2, data
    return rest[:-2]


class _Transport(asyncio.Transport):
    def __init__(self, protocol: asyncio.BaseProtocol, writes: list[bytes]) -> None:
        super().__init__()
        self.buffered = 0
        self.protocol = protocol
        self.limits: tuple[Any, ...] = ()
        self.writes = writes
        self.direct = 0  # writes made on the transport itself (after the head)

    def write(self, data: Any) -> None:
        self.direct += 1
        self.writes.append(_unframe(bytes(data)))

    def is_closing(self) -> bool:
        return False

    def get_write_buffer_size(self) -> int:
        return self.buffered

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self.protocol

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self.limits = (high, low)

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return ("127.0.0.9", 5000) if name == "peername" else default


class _Response:
    def __init__(self, writes: list[bytes]) -> None:
        self.writes = writes
        self.headers = {"Transfer-Encoding": "chunked"}

    async def write(self, data: bytes) -> None:
        self.writes.append(data)

    def force_close(self) -> None:
        self.writes.append(b"<closed>")


async def _settle() -> None:
    for _ in range(10):
        await asyncio.sleep(0)


async def _scenario() -> tuple[list[bytes], tuple[Any, ...]]:
    gate = ConnectionGate(per_address=4, total=4, crowded_per_address=4)
    gated = _Gated(gate, asyncio.Protocol)
    writes: list[bytes] = []
    transport = _Transport(gated, writes)
    gated.connection_made(transport)
    response = _Response(writes)
    stream = Stream(group_id=1)
    task = asyncio.create_task(pump(stream, response, transport))  # type: ignore[arg-type]
    stream.push(b"a")
    await _settle()
    assert writes == [b"a"]  # nothing buffered: written at once
    transport.buffered = 100  # the phone stops reading: the kernel's buffer is full
    gated.pause_writing()
    stream.push(b"b")
    await _settle()
    stream.push(b"c")
    stream.push(b"d")
    await _settle()
    assert writes == [b"a"]  # behind: b, c and d wait
    transport.buffered = 0
    gated.resume_writing()
    await _settle()
    stream.push(b"e")
    assert writes[-1] == b"e"  # by push itself: no task woken per stream and batch
    await _settle()
    assert transport.direct == 2  # b+c+d and e on the transport, framed
    stream.close()
    await task
    return writes, transport.limits


def test_writes_at_once_when_drained_and_coalesces_while_behind() -> None:
    writes, limits = asyncio.run(_scenario())
    assert writes == [b"a", b"bcd", b"e", b"<closed>"]
    assert limits[0] == 0  # "paused" as soon as any byte waits in the transport


def test_a_replaced_stream_frees_its_connection(engine: Engine, workshop_path: Path) -> None:
    """A token's third stream closes its first, connection and all (not at the 30 s
    keep-alive timeout): a token cannot hold descriptors by opening streams."""
    with running(engine, workshop_path) as server:  # default Limits: 30 s keep-alive
        token = join(server.port, groups(workshop_path)[0].code)
        streams = [Sse(server.port, token) for _ in range(3)]
        try:
            for stream in streams:
                assert stream.status == 200
            streams[2].until("hello")
            first = streams[0].sock
            first.settimeout(5)
            while first.recv(65536):  # its events, then the end of the connection
                pass
            assert server.connected_count() == 2
        finally:
            for stream in streams:
                stream.close()


def test_the_total_of_live_streams_is_capped_and_frees_as_streams_end(
    engine: Engine, workshop_path: Path
) -> None:
    """Past `streams_total` a new phone gets 503 with Retry-After (its page retries), not a
    stream the server cannot serve; when a stream ends, its place is free again."""
    limits = Limits(identities_per_address=1000, streams_total=3)
    with running(engine, workshop_path, limits) as server:
        code = groups(workshop_path)[0].code
        tokens = [join(server.port, code) for _ in range(4)]
        streams = [Sse(server.port, token) for token in tokens[:3]]
        try:
            for stream in streams:
                assert stream.status == 200
                stream.until("hello")
            refused = request(server.port, "GET", "/api/events", token=tokens[3])
            assert refused.status == 503
            assert refused.json["error"]["code"] == "too_many_streams"
            assert refused.headers["Retry-After"]
            streams.pop(0).close()
            deadline = time.monotonic() + 10
            while True:  # the server notices the closed stream on its next write or read
                late = Sse(server.port, tokens[3])
                if late.status == 200 or time.monotonic() > deadline:
                    break
                late.close()
                time.sleep(0.05)
            streams.append(late)
            assert late.status == 200
            late.until("hello")
        finally:
            for stream in streams:
                stream.close()


class _SteppedLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock the test moves forward: a hold ends when the test says,
    not after real time passed."""

    offset = 0.0

    def time(self) -> float:
        return super().time() + self.offset


def _batches(stream: Stream) -> list[list[dict[str, Any]]]:
    """The events of each batch queued on an unattached stream, in order."""
    found = []
    for block in stream.take().decode().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        if lines.get("event") == "batch":
            found.append(json.loads(lines["data"])["events"])
    return found


def test_a_group_over_its_share_is_held_and_the_next_send_carries_all_that_came(
    engine: Engine, workshop_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FANOUT_SHARE: sends within the group's budget go out at once, one per commit;
    once a send has overspent it, the group's next send waits until the budget is back
    and carries every commit that came meanwhile, each note once and in order."""
    monkeypatch.setattr(fanout, "MAX_HOLD_S", 1000.0)  # the fake costs below decide
    store = Reader.open(workshop_path)
    round_id = store.rounds()[0].id
    group_id = store.groups()[0].id
    engine.execute(SetActiveRound(round_id))
    engine.execute(SetPhase(round_id, Phase.GROUP))  # every note shown
    notes = [engine.execute(AddNote(group_id, f"Notitie {i}")).note for i in range(7)]
    ticks = itertools.count()
    cost = [fanout.FANOUT_BURST_S / 10]  # what a send "takes" by the hub's clock

    async def scenario(loop: _SteppedLoop) -> list[list[list[dict[str, Any]]]]:
        hub = fanout.Hub(store, loop, clock=lambda: cost[0] * next(ticks))
        stream = hub.open(group_id, None)
        stream.take()  # retry and hello
        seen = []
        for note in notes[:3]:  # cheap sends: each commit out at once, none held
            hub.on_events([ev.NoteAdded(note)])
            await _settle()
        seen.append(_batches(stream))
        cost[0] = 100.0  # this one overspends the budget by ~100 s: 400 s to refill
        hub.on_events([ev.NoteAdded(notes[3])])
        await _settle()
        seen.append(_batches(stream))  # out at once: the budget was not spent before
        hub.on_events([ev.NoteAdded(notes[4])])
        hub.on_events([ev.NoteAdded(notes[5]), ev.NoteAdded(notes[6])])
        await _settle()
        seen.append(_batches(stream))  # held: nothing yet
        loop.offset += 100.0 / fanout.FANOUT_SHARE + 1.0
        await _settle()
        seen.append(_batches(stream))  # the budget is back: one batch with all three
        hub.shutdown()
        return seen

    loop = _SteppedLoop()
    try:
        cheap, costly, held, released = loop.run_until_complete(scenario(loop))
    finally:
        loop.close()
        store.close()

    def shown(batches: list[list[dict[str, Any]]]) -> list[list[int]]:
        return [[e["note"]["id"] for e in batch if e["t"] == "note"] for batch in batches]

    assert shown(cheap) == [[n.id] for n in notes[:3]]
    assert shown(costly) == [[notes[3].id]]
    assert held == []
    assert shown(released) == [[n.id for n in notes[4:]]]


def test_a_stream_without_chunked_coding_stays_on_aiohttps_writer(
    engine: Engine, workshop_path: Path
) -> None:
    """Direct writes frame each batch as an HTTP/1.1 chunk; an HTTP/1.0 stream (no
    chunked coding: the body runs until the connection ends) must get the bare events,
    so it is written through aiohttp throughout."""
    import socket

    collect(engine, workshop_path)
    with running(engine, workshop_path) as server:
        group = groups(workshop_path)[0]
        token = join(server.port, group.code)
        phone = join(server.port, group.code)
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        try:
            sock.sendall(
                f"GET /api/events?token={token} HTTP/1.0\r\nHost: 127.0.0.1:{server.port}\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            seen = b""
            while b"event: hello" not in seen:
                seen += sock.recv(65536)
            head, _, body = seen.partition(b"\r\n\r\n")
            assert b"chunked" not in head.lower()
            assert post(server.port, phone, "http10-0001", "zonder chunks").status == 201
            while b"zonder chunks" not in body:
                body += sock.recv(65536)
            # Bare server-sent events: every line is a field or a comment, none a chunk size.
            lines = [line for line in body.split(b"\n") if line]
            assert all(
                line.split(b":", 1)[0] in (b"retry", b"id", b"event", b"data", b"")
                for line in lines
            ), body
        finally:
            sock.close()
