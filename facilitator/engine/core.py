"""The engine's writer thread: batches pending commands into one transaction (group
commit), resolves each command's future only after COMMIT returned, then publishes the
batch's change events to every subscriber.

A subscriber is called on the writer thread with a tuple of events; it must only hand
them on (queue them to its own thread), never block.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine.commands import Command
from facilitator.engine.errors import NotFound
from facilitator.engine.events import Event
from facilitator.engine.undo import UndoLog
from facilitator.store import Store

log = logging.getLogger(__name__)

Subscriber = Callable[[Sequence[Event]], None]

# Expected refusals travel back to the caller; anything else is a bug and is logged.
_REFUSALS = (RuleViolation, InvalidText, NotFound)
_STOP = object()


class EngineStopped(RuntimeError):
    """The engine is not running: the command was not applied."""


class Engine:
    """Single writer of one workshop file.

    `submit` may be called from any thread; `execute` blocks for the result (scripts,
    tests, the server through `asyncio.wrap_future`).
    """

    def __init__(self, path: str | Path, *, max_batch: int = 1000,
                 clock: Callable[[], float] = time.time,
                 backup_every_s: float | None = None) -> None:
        self.path = Path(path)
        # The writer takes the backups: it holds the only connection that writes, so a
        # backup never races a transaction.
        self._backup_every_s = backup_every_s
        self.last_backup: Path | None = None
        self._max_batch = max_batch
        self._clock = clock
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._open_error: BaseException | None = None
        self._running = False
        self.batches = 0  # transactions committed, for benchmarks and tests
        self.commands = 0
        self._undo = UndoLog()  # the writer thread's alone

    def start(self) -> Engine:
        self._thread = threading.Thread(target=self._run, name="engine-writer", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._open_error is not None:
            raise self._open_error
        return self

    def stop(self) -> None:
        with self._lock:
            if not self._running:
                return
            self._running = False
            self._queue.put(_STOP)
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> Engine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def subscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers = [*self._subscribers, subscriber]

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers = [s for s in self._subscribers if s is not subscriber]

    def submit(self, command: Command) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            if not self._running:
                future.set_exception(EngineStopped("the engine is not running"))
                return future
            self._queue.put((command, future))
        return future

    def execute(self, command: Command, timeout: float | None = 30.0) -> Any:
        return self.submit(command).result(timeout)

    # -- the writer thread -------------------------------------------------------

    def _run(self) -> None:
        try:
            store = Store.open(self.path)
        except BaseException as exc:  # reported to start()'s caller
            self._open_error = exc
            self._ready.set()
            return
        self._running = True
        self._ready.set()
        next_backup = (time.monotonic() + self._backup_every_s
                       if self._backup_every_s else None)
        try:
            while True:
                if next_backup is not None:
                    wait = next_backup - time.monotonic()
                    try:
                        first = self._queue.get(timeout=max(0.0, wait))
                    except queue.Empty:
                        self._take_backup(store)
                        next_backup = time.monotonic() + (self._backup_every_s or 0)
                        continue
                else:
                    first = self._queue.get()
                if first is _STOP:
                    break
                batch = [first]
                stop_after = False
                while len(batch) < self._max_batch:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is _STOP:
                        stop_after = True
                        break
                    batch.append(item)
                self._apply_batch(store, batch)
                if stop_after:
                    break
        finally:
            self._drain_after_stop()
            store.close()

    def _apply_batch(self, store: Store, batch: list[tuple[Command, Future[Any]]]) -> None:
        outcomes: list[tuple[Future[Any], Any, BaseException | None]] = []
        events: list[Event] = []
        now = self._clock()
        try:
            with store.transaction():
                for command, future in batch:
                    try:
                        with store.savepoint():
                            result, changes = self._undo.apply(store, command, now)
                    except _REFUSALS as exc:
                        outcomes.append((future, None, exc))
                        continue
                    except Exception as exc:
                        log.exception("command %r failed", command)
                        outcomes.append((future, None, exc))
                        continue
                    outcomes.append((future, result, None))
                    events.extend(changes)
        except Exception as exc:  # COMMIT itself failed: nothing of the batch is stored
            log.exception("commit of %d commands failed", len(batch))
            self._undo.rolled_back()
            for _command, future in batch:
                future.set_exception(exc)
            return
        self._undo.committed()
        self.batches += 1
        self.commands += len(batch)
        # Only now, after COMMIT returned, does anyone hear of the result.
        for future, result, error in outcomes:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)
        if events:
            published = tuple(events)
            for subscriber in self._subscribers:
                try:
                    subscriber(published)
                except Exception:
                    log.exception("subscriber %r failed", subscriber)

    def _take_backup(self, store: Store) -> None:
        try:
            self.last_backup = store.backup()
        except Exception:  # a full disk must not stop the notes; the log says it
            log.exception("backup of %s failed", self.path)

    def _drain_after_stop(self) -> None:
        with self._lock:
            self._running = False
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                item[1].set_exception(EngineStopped("the engine stopped"))
