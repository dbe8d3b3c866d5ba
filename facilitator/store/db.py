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

import contextlib
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, overload
from urllib.parse import quote

from facilitator.store.pages import wal_cut_short
from facilitator.store.ports import choose_port
from facilitator.store.reads import ReadMixin
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION
from facilitator.store.specs import WorkshopSpec
from facilitator.store.writes import WriteMixin

SUFFIX = ".workshop"


class DamagedFile(Exception):
    """The file fails SQLite's integrity check or is not a workshop file."""


class NotAWorkshop(DamagedFile):
    """A healthy SQLite file of something else (a stranger's database): never written."""


class NewerFile(Exception):
    """The file was written by a newer Facilitator with a schema this one does not know."""


_WORKSHOP_TABLES = {"workshop", "groups", "rounds", "participants", "notes"}


def _check(path: Path, *, check_wal: bool = True) -> int:
    """The file's schema version, if it is a healthy workshop file; raise otherwise.

    Read-only throughout: nothing is written to a file that fails a check.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise DamagedFile(f"{path.name}: {exc}") from exc
    try:
        wal = path.with_name(path.name + "-wal")
        # Only before writing: the writer's close would checkpoint and delete the WAL.
        if check_wal and wal.is_file() and wal_cut_short(wal.read_bytes()):
            raise DamagedFile(f"{path.name}: its WAL is damaged; later commits follow the damage")
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            detail = "; ".join(str(r[0]) for r in result[:3])
            raise DamagedFile(f"{path.name} failed the integrity check: {detail}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables >= _WORKSHOP_TABLES:
            raise NotAWorkshop(f"{path.name} is not a workshop file")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewerFile(
                f"{path.name} has schema {version}; this version knows {SCHEMA_VERSION}"
            )
        if version < 1 or conn.execute("SELECT count(*) FROM workshop").fetchone()[0] != 1:
            raise NotAWorkshop(f"{path.name} is not a workshop file")
        return version
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(f"{path.name}: {exc}") from exc
    finally:
        conn.close()


def _upgraded_in_memory(path: Path) -> sqlite3.Connection:
    """A read-only view of an older file at the current schema, migrated in memory.

    An old file opened read-only (an export of last year's workshop) used to be
    reported as damaged; its file stays exactly as it was.
    """
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        src.backup(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        Store(conn, path)._migrate()
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error as exc:  # its tables do not match its version: not a real old file
        conn.close()
        raise DamagedFile(f"{path.name} needs an upgrade, and upgrading a copy failed: {exc}"
                          ) from exc
    except BaseException:
        conn.close()
        raise
    finally:
        src.close()
    return conn


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


def copied_while_open(path: Path, conn: sqlite3.Connection) -> bool:
    """True when `path` says it is open for writing but has no WAL beside it.

    That is a copy of the main file taken while the app had it open (or a file whose WAL
    was lost): the newest commits, which were in the WAL, are missing. Known only for
    files written by this version; call before this process writes to the file.
    """
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    row = conn.execute("SELECT writer_open FROM commits").fetchone()
    return bool(row and row[0])


def _make_private(path: Path) -> None:
    """Workshop files hold the phones' tokens: readable by the user alone (0600)."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        pass  # a filesystem without permissions (a FAT USB stick): nothing to tighten


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

    def commit_count(self) -> int:
        return int(self._db.execute("SELECT n FROM commits").fetchone()[0])

    def save_copy(self, target: Path) -> int:
        """A complete copy at `target` through the backup API; returns its note count.

        A reader can take it: the backup API copies one committed state, WAL included.
        """
        from facilitator.store.backup import save_copy

        return save_copy(self._db, target).notes


class Store(Reader, WriteMixin):
    """The one writer of a workshop file (the engine's writer thread holds it)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn, path)
        self._writer = False
        # Set when opened for writing: the file was a copy taken without its WAL.
        self.opened_without_wal = False

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, spec: WorkshopSpec) -> Store:
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        # Created private (0600) before SQLite opens it; its -wal and -shm take the
        # same mode from it.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        store = cls(_connect(path, readonly=False), path)
        store._migrate()
        store._mark_writer_open()
        with store.transaction():
            w = spec.workshop
            port = w.port if w.port is not None else choose_port()  # kept from now on
            store._db.execute(
                "INSERT INTO workshop (id, title, date, place, organisers, language, address,"
                " port) VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                (w.title, w.date, w.place, w.organisers, w.language, w.address, port),
            )
            # The file's identity (schema 6 -> 7): random, never changed afterwards.
            store._db.execute("UPDATE workshop SET uid = ?", (secrets.token_hex(16),))
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
        """Open a workshop file, after checking (without writing) that it is one; with
        `readonly=True` a Reader (same checks, no writes).

        Switching to WAL and migrating are writes: done on a stranger's `photos.db` they
        wrote the workshop schema into it. So the file is first looked at through a
        read-only connection, and only a healthy workshop file is opened for writing.
        An older file opened read-only is upgraded in memory, never on disk.
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(path)
        version = _check(path, check_wal=not readonly)
        if readonly:
            if version < SCHEMA_VERSION:
                return Reader(_upgraded_in_memory(path), path)
            return Reader(_connect(path, readonly=True), path)
        conn = _connect(path, readonly=False)
        try:
            store = cls(conn, path)
            if version < SCHEMA_VERSION:
                store._migrate()
            store._mark_writer_open()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        if self._writer:
            self._writer = False
            try:  # a clean close: the main file alone is complete again
                self._db.execute("UPDATE commits SET writer_open = 0")
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except sqlite3.Error:
                pass  # a disk that refuses writes: the next open finds its WAL
        self._db.close()

    def _mark_writer_open(self) -> None:
        """Say in the main file itself that it is open for writing (see copied_while_open)."""
        self.opened_without_wal = copied_while_open(self.path, self._db)
        self._db.execute("UPDATE commits SET writer_open = 1")
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        self._writer = True
        _make_private(self.path)

    def backup(self, *, keep: int = 12) -> Path:
        """Write a consistent copy into the rolling set beside the file."""
        from facilitator.store.backup import write_backup

        return write_backup(self._db, self.path, keep=keep)

    def count_commit(self) -> None:
        """Count one more commit of the engine's (call inside its transaction).

        The count travels with the file and every backup, so the newest copy is the one
        with the highest count, whatever the names and clocks say, and a file that lost
        its WAL shows a lower count than a backup taken after it.
        """
        self._db.execute("UPDATE commits SET n = n + 1")

    def checkpoint(self) -> None:
        """Copy committed pages from the WAL into the main file without waiting for readers."""
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

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
            self._db.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself failed (a full disk, a deferred constraint): SQLite
            # then leaves the transaction open, and the next BEGIN would fail for ever.
            self._rollback()
            raise

    def _rollback(self) -> None:
        if not self._db.in_transaction:
            return  # SQLite already rolled back (it does on some I/O errors)
        # A failing ROLLBACK is dropped: the original error says more, and the engine
        # reopens the file after a storage fault.
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("ROLLBACK")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """One command inside a group commit: its failure undoes only its own writes."""
        self._db.execute("SAVEPOINT command")
        try:
            yield
        except BaseException:
            # SQLite rolls the whole transaction back by itself on some errors (a full
            # disk): then there is no savepoint left, and the original error must win.
            if self._db.in_transaction:
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
