"""A disk that fills up on demand, for tests of what happens when writes are refused.

SQLite's `PRAGMA max_page_count` makes a connection's writes fail with SQLITE_FULL, as a
full disk does, without needing a small filesystem (a tmpfs mount needs privileges).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.store import db as db_module

_real_connect = db_module._connect
_sqlite_connect = sqlite3.connect


class DiskLimit:
    """Every writing connection the store opens gets a page ceiling that the test can
    lower to the pages in use (full) and raise again (space freed)."""

    def __init__(self) -> None:
        self.conns: list[sqlite3.Connection] = []
        self.lock = threading.Lock()
        self.full = False
        self.read_only = False

    def connect(self, path: Path, *, readonly: bool) -> sqlite3.Connection:
        conn = _real_connect(path, readonly=readonly)
        if not readonly:
            with self.lock:
                self.conns.append(conn)
                if self.full:
                    self._limit(conn)
                if self.read_only:
                    conn.execute("PRAGMA query_only = ON")
        return conn

    def set_full(self, full: bool) -> None:
        with self.lock:
            self.full = full
            for conn in self.conns:
                # A connection the engine closed (it reopens after some faults): skip.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    self._limit(conn)

    def set_read_only(self, read_only: bool) -> None:
        """Like a filesystem remounted read-only: the connections open now can no longer
        write, and neither can new ones until it is undone. Undoing it does not heal the
        connections already open (a remount does not either): only a fresh one writes."""
        with self.lock:
            self.read_only = read_only
            if read_only:
                for conn in self.conns:
                    with contextlib.suppress(sqlite3.ProgrammingError):
                        conn.execute("PRAGMA query_only = ON")

    def _limit(self, conn: sqlite3.Connection) -> None:
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        conn.execute(f"PRAGMA max_page_count = {pages if self.full else 1_000_000}")


def any_thread_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    kwargs.setdefault("check_same_thread", False)
    return _sqlite_connect(*args, **kwargs)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[DiskLimit]:
    limit = DiskLimit()
    monkeypatch.setattr(db_module, "_connect", limit.connect)
    # The test thread sets the ceiling on the writer's connection: allow that.
    monkeypatch.setattr(db_module.sqlite3, "connect", any_thread_connect)
    yield limit


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        threading.Event().wait(0.02)
