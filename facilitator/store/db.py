"""The workshop file: opening (integrity check, migrations), reads that return domain
objects, and the writes the engine performs inside its transactions.

Two types, so "one writer" holds by construction: a `Reader` has only the reads, on a
connection SQLite itself keeps from writing (opened `mode=ro`, `query_only`); a `Store`
is the one writer (reads, writes, transactions, migrations, backups), and only the
engine's writer thread opens one. The server, the GUI, exports and the CLI's reads
open Readers (WAL lets them run beside the writer without blocking it). Each wraps one
sqlite3 connection and belongs to one thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, overload
from urllib.parse import quote

from facilitator.store.reads import ReadMixin
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION
from facilitator.store.specs import WorkshopSpec
from facilitator.store.writes import WriteMixin

SUFFIX = ".workshop"


class DamagedFile(Exception):
    """The file fails SQLite's integrity check or is not a workshop file."""


class NewerFile(Exception):
    """The file was written by a newer Facilitator with a schema this one does not know."""


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:  # SQLite refuses every write on this connection, not only our code
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0)
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a note acknowledged to a phone survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
    return conn


class Reader(ReadMixin):
    """A read-only view of a workshop file: no write methods, and a connection that
    cannot write (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._db = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> Reader:
        return Store.open(path, readonly=True)

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        return self._db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


class Store(Reader, WriteMixin):
    """The one writer of a workshop file (the engine's writer thread holds it)."""

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, spec: WorkshopSpec) -> Store:
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        store = cls(_connect(path, readonly=False), path)
        store._migrate()
        with store.transaction():
            w = spec.workshop
            store._db.execute(
                "INSERT INTO workshop (id, title, date, place, organisers, language, address)"
                " VALUES (1, ?, ?, ?, ?, ?, ?)",
                (w.title, w.date, w.place, w.organisers, w.language, w.address),
            )
            for g in spec.groups:
                store.add_group(g.name, colour=g.colour, host=g.host)
            for r in spec.rounds:
                store.add_round(r)
            first = store._db.execute("SELECT min(id) FROM rounds").fetchone()[0]
            store._db.execute("UPDATE workshop SET active_round_id = ?", (first,))
        return store

    @overload
    @classmethod
    def open(cls, path: str | Path, *, readonly: Literal[True]) -> Reader: ...

    @overload
    @classmethod
    def open(cls, path: str | Path, *, readonly: Literal[False] = ...) -> Store: ...

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store | Reader:
        """The writer; with `readonly=True` a Reader (same checks, no writes)."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(path)
        try:
            conn = _connect(path, readonly=readonly)
            result = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise DamagedFile(f"{path.name}: {exc}") from exc
        if result != [("ok",)]:
            conn.close()
            detail = "; ".join(r[0] for r in result[:3])
            raise DamagedFile(f"{path.name} failed the integrity check: {detail}")
        store = Reader(conn, path) if readonly else cls(conn, path)
        version = store.schema_version()
        if version > SCHEMA_VERSION:
            conn.close()
            raise NewerFile(
                f"{path.name} has schema {version}; this version knows {SCHEMA_VERSION}"
            )
        if version < SCHEMA_VERSION:
            if not isinstance(store, Store):
                raise DamagedFile(f"{path.name} needs an upgrade; open it for writing first")
            store._migrate()
        if store._db.execute("SELECT count(*) FROM workshop").fetchone()[0] != 1:
            conn.close()
            raise DamagedFile(f"{path.name} is not a workshop file")
        return store

    def backup(self, *, keep: int = 12) -> Path:
        """Write a consistent copy into the rolling set beside the file."""
        from facilitator.store.backup import write_backup

        return write_backup(self._db, self.path, keep=keep)

    def _migrate(self) -> None:
        version = self.schema_version()
        for target in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in _statements(MIGRATIONS[target]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {target + 1}")

    # -- transactions ----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; the commit returns only once the data is on disk."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """One command inside a group commit: its failure undoes only its own writes."""
        self._db.execute("SAVEPOINT command")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK TO command")
            self._db.execute("RELEASE command")
            raise
        self._db.execute("RELEASE command")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would COMMIT our transaction).

    sqlite3.complete_statement knows about comments and string literals, so a ';' in
    either does not end a statement.
    """
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
