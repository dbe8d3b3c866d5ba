"""Engine results back onto the server's loop, one wake-up per committed batch.

A handler awaits an asyncio future; the engine's writer thread settles it after COMMIT.
The obvious way, a concurrent Future per command wrapped with asyncio.wrap_future and
shielded, cost a Condition, a chained future, a shield and one call_soon_threadsafe (a
write to the loop's self-pipe) per note: a quarter of the server loop's time at 2,000
notes/s (issue 17, py-spy). Here the writer thread appends each result to one list and
wakes the loop once for all results that reach it together.

A phone that hangs up cancels its handler and so its future; the command still commits
(the engine never hears of the cancel) and a retry finds its result, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any

from facilitator.engine import Engine
from facilitator.engine.commands import Command


class LoopSettler:
    """Settles asyncio futures on `loop` with results from any thread."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._ready: list[tuple[asyncio.Future[Any], Any, BaseException | None]] = []
        self._woken = False  # a _deliver is scheduled and has not taken the list yet

    def submit(self, engine: Engine, command: Command) -> asyncio.Future[Any]:
        """`command` to the engine; the future holds its committed result or refusal."""
        future: asyncio.Future[Any] = self._loop.create_future()
        engine.submit_to(command, _Ticket(self, future))
        return future

    def settle(self, future: asyncio.Future[Any], result: Any,
               error: BaseException | None) -> None:
        """Any thread: `future` gets `result` (or `error`) on the loop, soon."""
        with self._lock:
            self._ready.append((future, result, error))
            if self._woken:
                return
            self._woken = True
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits
            self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, []
            self._woken = False
        for future, result, error in ready:
            if future.done():
                continue  # its handler was cancelled (the phone hung up)
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)


class _Ticket:
    """The engine's side of one command: an Outcome (engine/core.py) for its future."""

    __slots__ = ("_future", "_settler")

    def __init__(self, settler: LoopSettler, future: asyncio.Future[Any]) -> None:
        self._settler = settler
        self._future = future

    def set_result(self, result: Any) -> None:
        self._settler.settle(self._future, result, None)

    def set_exception(self, exception: BaseException | None) -> None:
        self._settler.settle(self._future, None, exception)
