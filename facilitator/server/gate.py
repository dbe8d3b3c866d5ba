"""Connections admitted per address and in total, before aiohttp spends anything on them.

Why: idle connections from one address once held the server at its open-files limit,
so a good phone could not connect, and every refused accept() logged a traceback (45 MB a
minute) into a pipe nobody read until the server froze. Here each accepted socket is
counted by its peer address before aiohttp sees it:

- one address holds at most `connections_per_address` (a phone needs up to 7: six
  fetch connections and its live stream);
- once the server holds three quarters of `total`, an address that already holds
  `crowded_per_address` gets no more, so the last quarter is kept for new phones;
- nothing beyond `total`, which stays below the process's open-files limit so the
  store, the backups and the log always have descriptors left.

A refused connection gets a one-line HTTP answer (429 for "you hold too many", 503 for
"the server is full", both with Retry-After) and is closed at once. A connection that sends
nothing at all is closed after `first_request_s` (a phone sends its request the moment it
has connected; only an idle or hostile client stays silent), and one that goes quiet
after an answer by aiohttp's keep-alive timeout (`Limits.head_timeout_s`); a live stream
is a request in progress, so neither touches it. Errors that repeat
(the refusals here, and the event loop's own, such as accept() out of descriptors) are
logged once and then counted (`RepeatLog`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Hashable
from typing import Any

from aiohttp import web

log = logging.getLogger(__name__)
SUMMARY_S = 60.0  # a repeated error is summed up at most once a minute
_MAX_KINDS = 10_000  # kinds remembered (one per refused address, say)


def _refusal(status: int, reason: str, code: str, message: str) -> bytes:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    head = (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: 5\r\nCache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


_TOO_MANY = _refusal(
    429, "Too Many Requests", "too_many_connections", "too many connections from this address"
)
_FULL = _refusal(
    503,
    "Service Unavailable",
    "server_full",
    "the laptop holds as many connections as it can; try again",
)


class RepeatLog:
    """Log the first of a kind, then count: at most one summary line a minute per kind."""

    def __init__(
        self, logger: logging.Logger = log, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._log = logger
        self._clock = clock
        self._seen: dict[Hashable, list[float]] = {}  # kind -> [unlogged count, last log]
        self.total = 0

    def note(
        self, kind: Hashable, message: str, *args: object, first: Callable[[], None] | None = None
    ) -> None:
        """`first`, if given, logs the first occurrence itself (with its traceback)."""
        self.total += 1
        now = self._clock()
        entry = self._seen.get(kind)
        if entry is None:
            if len(self._seen) >= _MAX_KINDS:
                self._seen.clear()  # bounded: at worst a kind is logged once more
            self._seen[kind] = [0.0, now]
            if first is not None:
                first()
            else:
                self._log.warning(message, *args)
            return
        entry[0] += 1
        if now - entry[1] >= SUMMARY_S:
            self._log.warning(
                message + " (%d more times in %.0f s)", *args, int(entry[0]), now - entry[1]
            )
            entry[0], entry[1] = 0.0, now

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """An asyncio exception handler: the first of each kind in full, then counted."""
        exc = context.get("exception")
        kind = (context.get("message"), type(exc).__name__, getattr(exc, "errno", None))
        self.note(
            kind,
            "event loop: %s (%s)",
            context.get("message"),
            type(exc).__name__,
            first=lambda: loop.default_exception_handler(context),
        )


class ConnectionGate:
    """Counts open connections per peer address; `admit` says whether one more may be."""

    def __init__(
        self,
        per_address: int,
        total: int,
        crowded_per_address: int,
        repeats: RepeatLog | None = None,
        first_request_s: float = 0.0,
    ) -> None:
        self.per_address = per_address
        self.first_request_s = first_request_s  # 0: no limit of its own
        self.total = total
        self.crowded_per_address = min(crowded_per_address, per_address)
        self._crowded_from = (3 * total) // 4
        self._open: dict[str, int] = {}
        self.count = 0
        self.refused = 0
        self.silent_closed = 0  # connections closed for sending nothing
        self._repeats = repeats or RepeatLog()

    def admit(self, address: str) -> bytes | None:
        """None when admitted (and counted); else the refusal to write before closing."""
        held = self._open.get(address, 0)
        if self.count >= self.total:
            refusal = _FULL
        elif held >= self.per_address or (
            self.count >= self._crowded_from and held >= self.crowded_per_address
        ):
            refusal = _TOO_MANY
        else:
            self._open[address] = held + 1
            self.count += 1
            return None
        self.refused += 1
        self._repeats.note(
            ("refused", address),
            "refusing connections from %s: it holds %d of %d open",
            address,
            held,
            self.count,
        )
        return refusal

    def release(self, address: str) -> None:
        held = self._open.get(address, 0) - 1
        if held > 0:
            self._open[address] = held
        else:
            self._open.pop(address, None)
        self.count -= 1


class _Gated(asyncio.Protocol):
    """Stands in front of one aiohttp connection: refuses it, or hands everything on."""

    __slots__ = ("_address", "_factory", "_gate", "_inner", "_paused", "_silence", "_waiters")

    def __init__(self, gate: ConnectionGate, factory: Callable[[], asyncio.Protocol]) -> None:
        self._gate = gate
        self._factory = factory
        self._inner: asyncio.Protocol | None = None
        self._address = ""
        self._paused = False
        self._waiters: list[asyncio.Future[None]] = []
        self._silence: asyncio.TimerHandle | None = None  # closes it if nothing arrives

    async def drained(self) -> None:
        """Return once the transport has handed every byte to the kernel (or closed)."""
        if not self._paused or self._inner is None:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        await waiter

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if peer else ""
        refusal = self._gate.admit(address)
        if refusal is not None:
            assert isinstance(transport, asyncio.WriteTransport)
            transport.write(refusal)
            transport.close()
            return
        self._address = address
        self._inner = self._factory()
        self._inner.connection_made(transport)
        if self._gate.first_request_s > 0:
            self._silence = asyncio.get_running_loop().call_later(
                self._gate.first_request_s, self._silent, transport
            )

    def _silent(self, transport: asyncio.BaseTransport) -> None:
        """Nothing arrived since the connect: free the slot (no answer; nobody asked)."""
        self._silence = None
        self._gate.silent_closed += 1
        transport.close()

    def data_received(self, data: bytes) -> None:
        if self._silence is not None:
            self._silence.cancel()
            self._silence = None
        if self._inner is not None:
            self._inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self._inner.eof_received() if self._inner is not None else None

    def pause_writing(self) -> None:
        self._paused = True
        if self._inner is not None:
            self._inner.pause_writing()

    def resume_writing(self) -> None:
        self._paused = False
        self._wake()
        if self._inner is not None:
            self._inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._silence is not None:
            self._silence.cancel()
            self._silence = None
        self._paused = False
        self._wake()
        inner, self._inner = self._inner, None
        if inner is not None:
            self._gate.release(self._address)
            inner.connection_lost(exc)


async def drained(transport: asyncio.BaseTransport) -> None:
    """Wait until a gated connection's transport holds no unsent bytes (see fanout.pump)."""
    protocol = transport.get_protocol()
    if isinstance(protocol, _Gated):
        await protocol.drained()


class GatedSite(web.SockSite):
    """aiohttp's SockSite with every accepted connection passing the gate first."""

    def __init__(
        self, runner: web.BaseRunner, sock: Any, gate: ConnectionGate, backlog: int
    ) -> None:
        super().__init__(runner, sock, backlog=backlog)
        self._gate = gate

    async def start(self) -> None:
        await web.BaseSite.start(self)  # registers the site with its runner
        server = self._runner.server
        assert server is not None
        gate = self._gate
        self._server = await asyncio.get_running_loop().create_server(
            lambda: _Gated(gate, server), sock=self._sock, backlog=self._backlog
        )
