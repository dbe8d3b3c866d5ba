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
from concurrent.futures import Future, InvalidStateError
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from facilitator.domain.clock import steady_time
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine.commands import Command
from facilitator.engine.errors import NotFound, StorageUnavailable
from facilitator.engine.events import Event
from facilitator.engine.health import StorageHealth, storage_reason
from facilitator.engine.undo import UndoLog
from facilitator.store import Store

log = logging.getLogger(__name__)

Subscriber = Callable[[Sequence[Event]], None]
HealthWatcher = Callable[[StorageHealth], None]

CHECKPOINT_IDLE_S = 0.5  # a checkpoint once the writer has been idle this long
CHECKPOINT_EVERY_S = 1.0  # and at least this often under constant load
PROBE_EVERY_S = 2.0  # while the disk refuses writes, try again this often

# Expected refusals travel back to the caller; anything else is a bug and is logged.
_REFUSALS = (RuleViolation, InvalidText, NotFound)
_STOP = object()


class Outcome(Protocol):
    """Where a command's result goes once committed: a concurrent Future, or anything
    that takes a result or an error the same way (it may raise InvalidStateError when
    its caller gave up on it)."""

    def set_result(self, result: Any) -> None: ...

    def set_exception(self, exception: BaseException | None) -> None: ...


class EngineStopped(RuntimeError):
    """The engine is not running: the command was not applied."""


class Engine:
    """Single writer of one workshop file.

    `submit` may be called from any thread; `execute` blocks for the result (scripts,
    tests, the server through `asyncio.wrap_future`).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        max_batch: int = 1000,
        clock: Callable[[], float] = steady_time,
        backup_every_s: float | None = None,
    ) -> None:
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
        self.health = StorageHealth()
        self.opened_without_wal = False
        self._health_watchers: list[HealthWatcher] = []
        self._reopen_needed = False
        self._wal_dirty = False
        self._last_write = 0.0
        self._dirty_since = 0.0  # the first commit since the last checkpoint
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
        self.submit_to(command, future)
        return future

    def submit_to(self, command: Command, outcome: Outcome) -> None:
        """Queue `command`; its committed result (or refusal) goes to `outcome` from the
        writer thread. The server passes its own light outcome (server/settle.py): a
        concurrent Future per note, wrapped for the loop, was a quarter of the server
        loop's time under a flood (issue 17)."""
        with self._lock:
            if not self._running:
                outcome.set_exception(EngineStopped("the engine is not running"))
                return
            self._queue.put((command, outcome))

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
        self._store = store
        # Known before anyone writes: the file was a copy taken without its WAL.
        self.opened_without_wal = store.opened_without_wal
        self._running = True
        self._ready.set()
        next_backup = time.monotonic() + self._backup_every_s if self._backup_every_s else None
        try:
            while True:
                deadline = self._next_chore(next_backup)
                if deadline is not None:
                    try:
                        first = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
                    except queue.Empty:
                        now = time.monotonic()
                        if next_backup is not None and now >= next_backup:
                            self._take_backup()
                            next_backup = time.monotonic() + (self._backup_every_s or 0)
                        self._idle_chores()
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
                self._apply_batch(batch)
                # Counted from the first commit the main file lacks, not from the last
                # checkpoint: after a quiet spell the first batch must not pay for one
                # (the batch right behind it would miss the fan-out's tick).
                if (self._wal_dirty
                        and time.monotonic() - self._dirty_since >= CHECKPOINT_EVERY_S):
                    self._checkpoint()  # under constant load the writer is never idle
                if stop_after:
                    break
        finally:
            self._drain_after_stop()
            self._checkpoint()
            self._store.close()

    def _next_chore(self, next_backup: float | None) -> float | None:
        """When the writer must wake without a command: backup, checkpoint, probe."""
        times = [
            t
            for t in (
                next_backup,
                self._last_write + CHECKPOINT_IDLE_S if self._wal_dirty else None,
                time.monotonic() + PROBE_EVERY_S if not self.health.ok else None,
            )
            if t is not None
        ]
        return min(times) if times else None

    def _idle_chores(self) -> None:
        if not self.health.ok:
            self._probe()
        if self._wal_dirty and time.monotonic() - self._last_write >= CHECKPOINT_IDLE_S:
            self._checkpoint()

    def _apply_batch(self, batch: list[tuple[Command, Outcome]]) -> None:
        outcomes: list[tuple[Outcome, Any, BaseException | None]] = []
        events: list[Event] = []
        now = self._clock()
        try:
            if self._reopen_needed:
                self._reopen()
            store = self._store
            with store.transaction():
                for command, future in batch:
                    try:
                        with store.savepoint():
                            result, changes = self._undo.apply(store, command, now)
                    except _REFUSALS as exc:
                        outcomes.append((future, None, exc))
                        continue
                    except Exception as exc:
                        if storage_reason(exc):
                            raise  # the disk, not the command: the whole batch fails
                        log.exception("command %r failed", command)
                        outcomes.append((future, None, exc))
                        continue
                    outcomes.append((future, result, None))
                    events.extend(changes)
                store.count_commit()
        except Exception as exc:  # COMMIT itself failed: nothing of the batch is stored
            # A reopen after a fault that failed again is the same fault, whatever
            # Store.open called it.
            reason = storage_reason(exc) or (self.health.reason if self._reopen_needed else "")
            error: BaseException = exc
            if reason:
                log.error("commit of %d commands refused by the disk: %s", len(batch), exc)
                error = StorageUnavailable(reason, str(exc))
                self._storage_fault(reason, str(exc))
            else:
                log.exception("commit of %d commands failed", len(batch))
            self._undo.rolled_back()
            for _command, future in batch:
                _settle(future, None, error)
            return
        self._undo.committed()
        if not self._wal_dirty:
            self._dirty_since = time.monotonic()
        self._wal_dirty = True
        self._last_write = time.monotonic()
        self.batches += 1
        self.commands += len(batch)
        if not self.health.ok:
            self._set_health(replace(self.health, reason="", detail=""))
        # Only now, after COMMIT returned, does anyone hear of the result.
        for future, result, refusal in outcomes:
            _settle(future, result, refusal)
        if events:
            published = tuple(events)
            for subscriber in self._subscribers:
                try:
                    subscriber(published)
                except Exception:
                    log.exception("subscriber %r failed", subscriber)

    # -- storage faults, checkpoints, backups ----------------------------------

    def watch_health(self, watcher: HealthWatcher) -> StorageHealth:
        """Call `watcher` (on the writer thread) whenever the storage health changes.

        Returns the health now, so a watcher added late starts from the truth.
        """
        with self._lock:
            self._health_watchers = [*self._health_watchers, watcher]
            return self.health

    def unwatch_health(self, watcher: HealthWatcher) -> None:
        with self._lock:
            self._health_watchers = [w for w in self._health_watchers if w is not watcher]

    def _set_health(self, health: StorageHealth) -> None:
        if health == self.health:
            return
        self.health = health
        for watcher in self._health_watchers:
            try:
                watcher(health)
            except Exception:
                log.exception("health watcher %r failed", watcher)

    def _storage_fault(self, reason: str, detail: str) -> None:
        # A filesystem remounted read-only (or a failing disk) can leave the connection
        # unable to write even after the fault goes: start over with a fresh one.
        self._reopen_needed = reason != "full"
        self._set_health(replace(self.health, reason=reason, detail=detail))

    def _reopen(self) -> None:
        self._reopen_needed = True
        try:
            self._store.close()
        except Exception:  # closing a connection on a dead disk may fail too
            log.exception("closing the workshop file failed")
        self._store = Store.open(self.path)
        self._reopen_needed = False

    def _probe(self) -> None:
        """While the disk refuses writes, try one every few seconds: an empty commit of
        the commit counter. When it succeeds, the banner goes without waiting for a note."""
        try:
            if self._reopen_needed:
                self._reopen()
            with self._store.transaction():
                self._store.count_commit()
        except Exception as exc:
            reason = storage_reason(exc) or self.health.reason or "io_error"
            self._storage_fault(reason, str(exc))
            return
        if not self._wal_dirty:
            self._dirty_since = time.monotonic()
        self._wal_dirty = True
        self._last_write = time.monotonic()
        self._set_health(replace(self.health, reason="", detail=""))

    def _checkpoint(self) -> None:
        """Copy the WAL into the main file while nothing is being written, so the main
        file alone is nearly current (a copy without its WAL loses little) and the WAL
        stays small. PASSIVE: it never waits for readers."""
        if self._reopen_needed:
            return
        try:
            self._store.checkpoint()
            self._wal_dirty = False
        except Exception:
            log.warning("checkpoint of %s failed", self.path, exc_info=True)

    def _take_backup(self) -> None:
        try:
            if self._reopen_needed:
                self._reopen()
            self.last_backup = self._store.backup()
        except Exception as exc:  # a full disk must not stop the notes; the window says it
            log.exception("backup of %s failed", self.path)
            self._set_health(replace(self.health, backup_error=str(exc) or type(exc).__name__))
            return
        if self.health.backup_error:
            self._set_health(replace(self.health, backup_error=""))

    def _drain_after_stop(self) -> None:
        with self._lock:
            self._running = False
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                _settle(item[1], None, EngineStopped("the engine stopped"))


def _settle(future: Outcome, result: Any, error: BaseException | None) -> None:
    """Resolve a caller's future, unless the caller cancelled it meanwhile.

    A cancelled future's set_result raises InvalidStateError; raised on the writer
    thread, that stopped the engine for good and dropped the batch's events.
    """
    try:
        if error is None:
            future.set_result(result)
        else:
            future.set_exception(error)
    except InvalidStateError:
        pass  # cancelled: nobody waits for it; the command itself was applied
