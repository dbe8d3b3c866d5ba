"""A bad network between the phones and the laptop: an asyncio TCP proxy on 127.0.0.1
that, per connection and from a seeded random sequence,

- drops the connection before forwarding anything (the server never sees the request),
- forwards the request, waits for the server's whole answer (so the request was
  processed: the server answers a note only after COMMIT) and then hangs up on the phone
  without sending a byte of it: the phone cannot tell this from the first case,
- forwards the request and cuts the answer off after a random number of bytes,
- forwards the request and hangs up on both sides a few milliseconds later, often while
  the server is still working on it (aiohttp then cancels the handler: the note may be
  committed or not, and no one hears which),
- or passes everything through.

The clients (tests/flaky_support.py) send one request per connection with
`Connection: close`, so the fate of a connection is the fate of its one request, and the
end of an answer is the server closing its side.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass


@dataclass
class ProxyStats:
    connections: int = 0
    connections_dropped: int = 0  # closed before anything was forwarded
    responses_dropped: int = 0  # processed by the server, answer thrown away
    responses_cut: int = 0  # answer cut off part-way
    hung_up: int = 0  # both sides closed while the server may still be working
    passed: int = 0


class FlakyProxy:
    """Listens on 127.0.0.1 (a free port); forwards to `upstream_port` on 127.0.0.1."""

    def __init__(self, upstream_port: int, *, seed: int, drop_connection: float = 0.05,
                 drop_response: float = 0.30, cut_response: float = 0.05,
                 hang_up: float = 0.0, upstream_host: str = "127.0.0.1") -> None:
        self._upstream = (upstream_host, upstream_port)
        self._rng = random.Random(seed)
        self._p = (drop_connection, drop_response, cut_response, hang_up)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0
        self.stats = ProxyStats()

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, backlog=1024)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self.port

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def _fate(self) -> str:
        """Drawn at accept time, in accept order: the sequence is the seed's."""
        drop_connection, drop_response, cut_response, hang_up = self._p
        r = self._rng.random()
        if r < drop_connection:
            return "drop_connection"
        if r < drop_connection + drop_response:
            return "drop_response"
        if r < drop_connection + drop_response + cut_response:
            return "cut_response"
        if r < drop_connection + drop_response + cut_response + hang_up:
            return "hang_up"
        return "pass"

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve(reader, writer, self._fate(), self._rng.random())
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                     fate: str, cut_at: float) -> None:
        self.stats.connections += 1
        if fate == "drop_connection":
            self.stats.connections_dropped += 1
            return
        up_reader, up_writer = await asyncio.open_connection(*self._upstream)
        pump = asyncio.create_task(_copy(reader, up_writer))
        try:
            if fate == "pass":
                await _copy(up_reader, writer)
                self.stats.passed += 1
                return
            if fate == "hang_up":
                await asyncio.sleep(cut_at * 0.01)
                self.stats.hung_up += 1
                return
            answer = await up_reader.read()  # to the server's EOF: the whole answer
            if fate == "drop_response" or len(answer) < 2:
                self.stats.responses_dropped += 1
                return
            writer.write(answer[: max(1, int(len(answer) * cut_at))])
            await writer.drain()
            self.stats.responses_cut += 1
        finally:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError, OSError):
                await pump
            up_writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await up_writer.wait_closed()


async def _copy(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
    while chunk := await src.read(65536):
        dst.write(chunk)
        await dst.drain()
