"""ParticipantServer: the aiohttp app on its own thread and asyncio loop.

The GUI thread never waits on the network: it only starts and stops this object and
reads `connected_count`. The engine reaches the loop only through call_soon_threadsafe
with its immutable events; the loop owns its own read-only Reader.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from aiohttp import web

from facilitator.engine import Engine
from facilitator.engine.events import Event
from facilitator.server import api, pages, probe
from facilitator.server.errors import MAX_BODY
from facilitator.server.fanout import Hub
from facilitator.server.gate import ConnectionGate, GatedSite, RepeatLog
from facilitator.server.hosts import HostAllowlist
from facilitator.server.limits import Limits
from facilitator.server.probe import ProbeBoard
from facilitator.server.security import add_security_headers, make_guard
from facilitator.store import Reader

log = logging.getLogger(__name__)
BACKLOG = 1024  # 300 phones scanning at once: p99 connect 938 ms at 128, 141 ms at 1024
WANTED_OPEN_FILES = 8192
LINGER_S = 2.0  # plenty for a refusal to reach a phone on the LAN before the close
# Open files kept back from connections: the store, its backups, the log, the window.
RESERVED_FILES = 256


def raise_open_files_limit(wanted: int = WANTED_OPEN_FILES) -> int:
    """Lift the soft RLIMIT_NOFILE towards the hard one (macOS starts at 256)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to lift
        return -1
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            return target
    return int(soft)


class _Quiet(logging.Filter):
    """Counts what aiohttp would log per malformed request, and keeps it off the log."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += 1
        return False


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    if os.name != "nt":  # on Windows SO_REUSEADDR would let two servers share a port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


class ParticipantServer:
    """The phones' web server for one workshop file. start() returns the bound port."""

    def __init__(self, engine: Engine, workshop_path: str | Path, host: str = "0.0.0.0",
                 port: int = 8321, *, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._engine = engine
        self._clock = clock  # the rate limits' refill time; tests pass one they move
        self._path = Path(workshop_path)
        self._host = host
        self._wanted_port = port
        self._limits = limits or Limits()
        self._allowlist = HostAllowlist([host])
        self._quiet = _Quiet()
        self._logger = logging.Logger("facilitator.server.aiohttp")
        self._logger.addFilter(self._quiet)
        self.port = 0
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._runner: web.AppRunner | None = None
        self._ctx: api.Context | None = None
        self._hub: Hub | None = None
        self.repeats = RepeatLog(log)  # repeated errors: logged once, then counted
        self.gate: ConnectionGate | None = None
        self.probes = ProbeBoard()  # the network check's test codes (see probe.py)

    # -- the public face -------------------------------------------------------

    def start(self) -> int:
        open_files = raise_open_files_limit()
        total = self._limits.connections_total or max(
            64, (open_files if open_files > 0 else 4096) - RESERVED_FILES)
        self.gate = ConnectionGate(self._limits.connections_per_address, total,
                                   self._limits.crowded_per_address, self.repeats,
                                   first_request_s=self._limits.first_request_s)
        self._allowlist.start()  # looks up the laptop's addresses off the event loop
        self._thread = threading.Thread(target=self._run, name="participant-server",
                                        daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            self._thread.join()
            self._allowlist.stop()
            raise self._error
        return self.port

    def stop(self) -> None:
        self._allowlist.stop()
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop already ended
            loop.call_soon_threadsafe(loop.stop)
        thread.join()
        self._loop = None

    def join_url(self, group_code: str, address: str = "127.0.0.1") -> str:
        return f"{self.event_url(address)}j/{group_code}"

    def event_url(self, address: str = "127.0.0.1") -> str:
        self._allowlist.add(address)  # the address the QR code shows must be answered
        host = f"[{address}]" if ":" in address and not address.startswith("[") else address
        return f"http://{host}:{self.port}/"

    def probe_url(self, nonce: str, address: str = "127.0.0.1") -> str:
        """The test page a phone opens to prove it reaches the laptop on `address`."""
        return f"{self.event_url(address)}t/{nonce}"

    def connected_count(self, group_id: int | None = None) -> int:
        return self._hub.connected_count(group_id) if self._hub is not None else 0

    @property
    def malformed_count(self) -> int:
        """Requests refused as malformed: bad HTTP (aiohttp) plus bad bodies (ours)."""
        return self._quiet.count + (self._ctx.malformed if self._ctx is not None else 0)

    # -- the server thread -----------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        # accept() out of descriptors and the like: the first in full, then a count.
        loop.set_exception_handler(self.repeats.loop_handler)
        store: Reader | None = None
        try:
            store = Reader.open(self._path)
            loop.run_until_complete(self._start(loop, store))
        except BaseException as exc:  # reported to start()'s caller
            self._error = exc
            self._ready.set()
            if store is not None:
                store.close()
            loop.close()
            return
        self._loop = loop
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shutdown())
            store.close()
            loop.close()

    async def _start(self, loop: asyncio.AbstractEventLoop, store: Reader) -> None:
        self._hub = Hub(store, loop, streams_per_owner=self._limits.streams_per_token,
                        streams_total=self._limits.streams_total)
        self._ctx = api.Context(self._engine, store, self._hub, self._limits,
                                clock=self._clock)
        app = web.Application(
            client_max_size=MAX_BODY,
            middlewares=[make_guard(self._allowlist, lambda path: path.startswith("/api/"))],
        )
        app[api.CONTEXT] = self._ctx
        app.on_response_prepare.append(add_security_headers)
        app.on_response_prepare.append(api.add_workshop_header)
        api.add_routes(app)
        pages.add_routes(app)
        probe.add_routes(app, self.probes)
        # handler_cancellation: a phone that closes its stream ends its handler at once,
        # so connected_count is true now, not at the next heartbeat.
        # keepalive_timeout: see Limits.head_timeout_s (slowloris). lingering_time: after
        # refusing a body (413, 408) aiohttp reads and drops the rest for this long so the
        # answer is not lost to a reset; its default of 10 s let one client keep the loop
        # reading junk (a huge Content-Length at full speed) for 10 s per connection.
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False,
                                     logger=self._logger, shutdown_timeout=1.0,
                                     handler_cancellation=True,
                                     keepalive_timeout=self._limits.head_timeout_s,
                                     lingering_time=LINGER_S)
        await self._runner.setup()
        try:
            sock = _listen(self._host, self._wanted_port)
        except OSError:
            log.warning("port %s is taken; listening on a free one", self._wanted_port)
            sock = _listen(self._host, 0)
        self.port = int(sock.getsockname()[1])
        assert self.gate is not None
        await GatedSite(self._runner, sock, self.gate, BACKLOG).start()
        self._engine.subscribe(self._on_engine_events)

    def _on_engine_events(self, events: Sequence[Event]) -> None:
        """Engine thread: hand the batch to the loop, never block the writer."""
        loop, hub = self._loop, self._hub
        if loop is None or hub is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop is closing
            loop.call_soon_threadsafe(hub.on_events, events)

    async def _shutdown(self) -> None:
        self._engine.unsubscribe(self._on_engine_events)
        if self._hub is not None:
            self._hub.shutdown()
        if self._runner is not None:
            await self._runner.cleanup()
