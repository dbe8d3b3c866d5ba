"""The workshop file: opening (integrity check, migrations), reads that return domain
objects, and the writes the engine performs inside its transactions.

A Store wraps one sqlite3 connection and belongs to one thread. The engine's writer
thread owns the only writing Store; the server and the GUI open read-only ones (WAL lets
readers run beside the writer without blocking it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.domain import ids
from facilitator.domain.model import (
    Action,
    Cluster,
    Group,
    Method,
    Note,
    Participant,
    Phase,
    Round,
    Snapshot,
    Visibility,
    Vote,
    Workshop,
)
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION

SUFFIX = ".workshop"


class DamagedFile(Exception):
    """The file fails SQLite's integrity check or is not a workshop file."""


class NewerFile(Exception):
    """The file was written by a newer Facilitator with a schema this one does not know."""


@dataclass(frozen=True, slots=True)
class GroupSpec:
    name: str
    colour: str = "#f6d365"
    host: str = ""


@dataclass(frozen=True, slots=True)
class RoundSpec:
    question: str
    method: Method = Method.BRAINSTORM
    duration_s: int = 600
    visibility: Visibility = Visibility.VISIBLE
    dot_budget: int = 3
    multi_dots: bool = False


@dataclass(frozen=True, slots=True)
class WorkshopSpec:
    """What a new workshop file starts with (from a template or the editor)."""

    workshop: Workshop
    groups: Sequence[GroupSpec] = field(default_factory=tuple)
    rounds: Sequence[RoundSpec] = field(default_factory=tuple)


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
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


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._db = conn
        self.path = path

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
                "INSERT INTO workshop (id, title, date, place, organisers, language)"
                " VALUES (1, ?, ?, ?, ?, ?)",
                (w.title, w.date, w.place, w.organisers, w.language),
            )
            for g in spec.groups:
                store.add_group(g.name, colour=g.colour, host=g.host)
            for r in spec.rounds:
                store.add_round(r)
            first = store._db.execute("SELECT min(id) FROM rounds").fetchone()[0]
            store._db.execute("UPDATE workshop SET active_round_id = ?", (first,))
        return store

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
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
        store = cls(conn, path)
        version = store.schema_version()
        if version > SCHEMA_VERSION:
            conn.close()
            raise NewerFile(f"{path.name} has schema {version}; this version knows {SCHEMA_VERSION}")
        if version < SCHEMA_VERSION:
            if readonly:
                raise DamagedFile(f"{path.name} needs an upgrade; open it for writing first")
            store._migrate()
        if store._db.execute("SELECT count(*) FROM workshop").fetchone()[0] != 1:
            conn.close()
            raise DamagedFile(f"{path.name} is not a workshop file")
        return store

    def close(self) -> None:
        self._db.close()

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def integrity_ok(self) -> bool:
        return self._db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]

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

    # -- reads -----------------------------------------------------------------

    def workshop(self) -> Workshop:
        row = self._db.execute(
            "SELECT title, date, place, organisers, language, active_round_id FROM workshop"
        ).fetchone()
        return Workshop(*row)

    def groups(self) -> list[Group]:
        rows = self._db.execute(
            "SELECT id, name, code, position, colour, host FROM groups ORDER BY position, id"
        )
        return [Group(*r) for r in rows]

    def group(self, group_id: int) -> Group | None:
        row = self._db.execute(
            "SELECT id, name, code, position, colour, host FROM groups WHERE id = ?", (group_id,)
        ).fetchone()
        return Group(*row) if row else None

    def group_by_code(self, code: str) -> Group | None:
        row = self._db.execute(
            "SELECT id, name, code, position, colour, host FROM groups WHERE code = ?", (code,)
        ).fetchone()
        return Group(*row) if row else None

    def rounds(self) -> list[Round]:
        rows = self._db.execute(f"SELECT {_ROUND_COLS} FROM rounds ORDER BY position, id")
        return [_round(r) for r in rows]

    def round(self, round_id: int) -> Round | None:
        row = self._db.execute(
            f"SELECT {_ROUND_COLS} FROM rounds WHERE id = ?", (round_id,)
        ).fetchone()
        return _round(row) if row else None

    def phase(self, round_id: int, group_id: int) -> Phase:
        row = self._db.execute(
            "SELECT phase FROM phases WHERE round_id = ? AND group_id = ?", (round_id, group_id)
        ).fetchone()
        return Phase(row[0]) if row else Phase.PREPARE

    def phases(self) -> dict[tuple[int, int], Phase]:
        rows = self._db.execute("SELECT round_id, group_id, phase FROM phases")
        return {(r, g): Phase(p) for r, g, p in rows}

    def participant_by_token(self, token: str) -> Participant | None:
        row = self._db.execute(
            f"SELECT {_PARTICIPANT_COLS} FROM participants WHERE token = ?", (token,)
        ).fetchone()
        return Participant(*row) if row else None

    def participants(self) -> list[Participant]:
        rows = self._db.execute(f"SELECT {_PARTICIPANT_COLS} FROM participants ORDER BY id")
        return [Participant(*r) for r in rows]

    def note(self, note_id: int) -> Note | None:
        row = self._db.execute(
            f"SELECT {_NOTE_COLS} FROM notes WHERE id = ? AND deleted = 0", (note_id,)
        ).fetchone()
        return _note(row) if row else None

    def note_by_client_id(self, participant_id: int, client_note_id: str) -> Note | None:
        """The note a phone already sent under this id, deleted ones included."""
        row = self._db.execute(
            f"SELECT {_NOTE_COLS} FROM notes WHERE participant_id = ? AND client_note_id = ?",
            (participant_id, client_note_id),
        ).fetchone()
        return _note(row) if row else None

    def notes(self, *, group_id: int | None = None, round_id: int | None = None) -> list[Note]:
        sql = f"SELECT {_NOTE_COLS} FROM notes WHERE deleted = 0"
        args: list[int] = []
        if group_id is not None:
            sql += " AND group_id = ?"
            args.append(group_id)
        if round_id is not None:
            sql += " AND round_id = ?"
            args.append(round_id)
        return [_note(r) for r in self._db.execute(sql + " ORDER BY id", args)]

    def clusters(self) -> list[Cluster]:
        rows = self._db.execute(
            "SELECT id, group_id, round_id, name, x, y FROM clusters ORDER BY id"
        )
        return [Cluster(*r) for r in rows]

    def votes(self) -> list[Vote]:
        rows = self._db.execute(
            "SELECT participant_id, round_id, note_id, cluster_id, dots FROM votes"
        )
        return [Vote(*r) for r in rows]

    def actions(self) -> list[Action]:
        rows = self._db.execute(
            "SELECT id, group_id, round_id, what, who, due, note_id, cluster_id"
            " FROM actions ORDER BY id"
        )
        return [Action(*r) for r in rows]

    def snapshot(self) -> Snapshot:
        """Everything at one instant: one read transaction so the parts agree."""
        self._db.execute("BEGIN")
        try:
            return Snapshot(
                workshop=self.workshop(),
                groups=tuple(self.groups()),
                rounds=tuple(self.rounds()),
                participants=tuple(self.participants()),
                notes=tuple(self.notes()),
                clusters=tuple(self.clusters()),
                votes=tuple(self.votes()),
                actions=tuple(self.actions()),
                phases=self.phases(),
            )
        finally:
            self._db.execute("COMMIT")

    # -- writes (the engine calls these inside a transaction) --------------------

    def add_group(self, name: str, *, colour: str = "#f6d365", host: str = "") -> Group:
        taken = {r[0] for r in self._db.execute("SELECT code FROM groups")}
        code = ids.new_join_code(taken)
        position = self._db.execute("SELECT coalesce(max(position), -1) + 1 FROM groups")
        cur = self._db.execute(
            "INSERT INTO groups (name, code, position, colour, host) VALUES (?, ?, ?, ?, ?)",
            (name, code, position.fetchone()[0], colour, host),
        )
        group = self.group(_rowid(cur))
        assert group is not None
        return group

    def add_round(self, spec: RoundSpec) -> Round:
        position = self._db.execute("SELECT coalesce(max(position), -1) + 1 FROM rounds")
        cur = self._db.execute(
            "INSERT INTO rounds (position, question, method, duration_s, visibility,"
            " dot_budget, multi_dots) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                position.fetchone()[0],
                spec.question,
                spec.method.value,
                spec.duration_s,
                spec.visibility.value,
                spec.dot_budget,
                int(spec.multi_dots),
            ),
        )
        round_ = self.round(_rowid(cur))
        assert round_ is not None
        return round_

    def set_active_round(self, round_id: int) -> None:
        self._db.execute("UPDATE workshop SET active_round_id = ?", (round_id,))

    def set_phase(self, round_id: int, group_id: int, phase: Phase) -> None:
        self._db.execute(
            "INSERT INTO phases (round_id, group_id, phase) VALUES (?, ?, ?)"
            " ON CONFLICT (round_id, group_id) DO UPDATE SET phase = excluded.phase",
            (round_id, group_id, phase.value),
        )

    def add_participant(self, group_id: int, token: str, name: str, organisation: str,
                        now: float) -> Participant:
        cur = self._db.execute(
            "INSERT INTO participants (group_id, token, name, organisation, joined_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (group_id, token, name, organisation, now),
        )
        return Participant(_rowid(cur), group_id, token, name, organisation, now)

    def add_note(self, *, group_id: int, round_id: int, text: str, participant_id: int | None,
                 client_note_id: str | None, now: float, is_paper: bool = False) -> Note:
        cur = self._db.execute(
            "INSERT INTO notes (group_id, round_id, participant_id, client_note_id, text,"
            " created_at, updated_at, is_paper) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (group_id, round_id, participant_id, client_note_id, text, now, now, int(is_paper)),
        )
        return Note(
            _rowid(cur), group_id, round_id, text, participant_id, client_note_id, now, now,
            is_paper,
        )

    def update_note_text(self, note_id: int, text: str, now: float) -> None:
        self._db.execute(
            "UPDATE notes SET text = ?, updated_at = ? WHERE id = ?", (text, now, note_id)
        )

    def delete_note(self, note_id: int, now: float) -> None:
        """Soft delete, so a late retry of the same client id still finds its note."""
        self._db.execute(
            "UPDATE notes SET deleted = 1, updated_at = ? WHERE id = ?", (now, note_id)
        )
        self._db.execute("DELETE FROM votes WHERE note_id = ?", (note_id,))

    def set_note_hidden(self, note_id: int, hidden: bool) -> None:
        self._db.execute("UPDATE notes SET hidden = ? WHERE id = ?", (int(hidden), note_id))

    def move_note(self, note_id: int, x: float, y: float) -> None:
        self._db.execute("UPDATE notes SET x = ?, y = ? WHERE id = ?", (x, y, note_id))


_ROUND_COLS = "id, position, question, method, duration_s, visibility, dot_budget, multi_dots"
_PARTICIPANT_COLS = "id, group_id, token, name, organisation, joined_at"
_NOTE_COLS = (
    "id, group_id, round_id, text, participant_id, client_note_id, created_at, updated_at,"
    " is_paper, hidden, cluster_id, x, y"
)


def _round(row: tuple[object, ...]) -> Round:
    rid, pos, question, method, duration, visibility, budget, multi = row
    return Round(
        int(rid),  # type: ignore[call-overload]
        int(pos),  # type: ignore[call-overload]
        str(question),
        Method(method),
        int(duration),  # type: ignore[call-overload]
        Visibility(visibility),
        int(budget),  # type: ignore[call-overload]
        bool(multi),
    )


def _note(row: tuple[object, ...]) -> Note:
    values = list(row)
    values[8] = bool(values[8])
    values[9] = bool(values[9])
    return Note(*values)  # type: ignore[arg-type]


def _rowid(cur: sqlite3.Cursor) -> int:
    assert cur.lastrowid is not None
    return cur.lastrowid


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would COMMIT our transaction)."""
    return [s.strip() for s in script.split(";") if s.strip()]
