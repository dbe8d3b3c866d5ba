"""Recovery of a damaged workshop file: keep everything it still holds.

Restoring the newest backup threw away what the damaged file still held (a backup from
note 300, a damaged file with 700 readable notes: 400 acknowledged notes gone). Here the
damaged file is read first, row by row where whole tables no longer read, its header
rebuilt when it was overwritten; then it is merged with the newest good backup. Notes are
identified by (participant, client_note_id) (paper notes by text and time), so a note in
both is kept once, and one in either is kept. The result is a new file; the damaged one
and the backups are never changed. The counts say, in numbers, what came back and what
could not (note ids are handed out in order, so a gap below the highest id seen is a
note known to be lost).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from facilitator.store.backup import newest_good_backup
from facilitator.store.pages import NOTE_COLUMNS, PARTICIPANT_COLUMNS, Found, scan

_MAGIC = b"SQLite format 3\x00"
# Parents before children, so every row's references exist when it is inserted.
_TABLES = (
    "workshop",
    "groups",
    "rounds",
    "phases",
    "participants",
    "clusters",
    "notes",
    "votes",
    "actions",
    "commits",
)


@dataclass(frozen=True, slots=True)
class Recovery:
    """What a recovery brought back. `lost` is a lower bound: notes known to have existed
    (their ids lie below the highest id seen) that neither the file nor the backup held."""

    target: Path
    notes: int  # notes in the recovered file
    from_file: int  # of which read from the damaged file
    from_backup_only: int  # of which only the backup had
    lost: int
    backup: Path | None
    rows_unreadable: int  # row ranges of the damaged file that did not read


def recover(damaged: Path, target: Path, backup: Path | None = None) -> Recovery:
    """Write the merge of what `damaged` still holds and `backup` (by default its newest
    good backup) into the new file `target`."""
    if target.exists():
        raise FileExistsError(target)
    if backup is None:
        backup = newest_good_backup(damaged)
    with tempfile.TemporaryDirectory(prefix="facilitator-recover-") as tmp:
        salvage = _readable_copy(damaged, backup, Path(tmp))
        rows, unreadable = _read_all(salvage)
        known = _indexed_notes(salvage)
    wal = damaged.with_name(damaged.name + "-wal")
    _add_from_pages(rows, scan(damaged.read_bytes(), wal.read_bytes() if wal.exists() else None))
    base = backup if backup is not None else _empty_like(damaged)
    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    src = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
    out = sqlite3.connect(target, isolation_level=None)
    try:
        src.backup(out)
        src.close()
        if backup is None:
            base.unlink()
        return _merge(out, rows, unreadable, target, backup, known)
    finally:
        out.close()


def _empty_like(damaged: Path) -> Path:
    """A file with the current schema and nothing else, when there is no backup."""
    from facilitator.store.db import Store  # the schema lives with the store

    fd, name = tempfile.mkstemp(suffix=".workshop", prefix="facilitator-empty-")
    os.close(fd)
    os.unlink(name)
    conn = sqlite3.connect(name, isolation_level=None)
    Store(conn, Path(name))._migrate()
    conn.close()
    return Path(name)


# -- reading what still reads --------------------------------------------------------


def _readable_copy(damaged: Path, backup: Path | None, folder: Path) -> Path:
    """A copy of the damaged file (with its WAL) that SQLite will open: when its first
    100 bytes (the header) were overwritten, they are rebuilt from the backup's."""
    copy = folder / "salvage.workshop"
    shutil.copyfile(damaged, copy)
    wal = damaged.with_name(damaged.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    data = bytearray(copy.read_bytes())
    if len(data) >= 100 and data[:16] != _MAGIC:
        header = bytearray(_template_header(backup))
        page_size = int.from_bytes(header[16:18], "big") or 65536
        header[28:32] = (len(data) // page_size).to_bytes(4, "big")  # pages in the file
        header[92:96] = header[24:28]  # so SQLite trusts that page count
        header[32:40] = bytes(8)  # no freelist: its pages are simply not reused
        data[:100] = header
        copy.write_bytes(bytes(data))
    return copy


def _template_header(backup: Path | None) -> bytes:
    if backup is not None:
        return backup.read_bytes()[:100]
    empty = _empty_like(Path("x"))
    try:
        conn = sqlite3.connect(empty)
        conn.execute("PRAGMA journal_mode = WAL")  # the workshop file's header says WAL
        conn.close()
        return empty.read_bytes()[:100]
    finally:
        empty.unlink(missing_ok=True)


Rows = dict[str, tuple[list[str], list[tuple[object, ...]]]]


def _read_all(salvage: Path) -> tuple[Rows, int]:
    rows: Rows = {}
    unreadable = 0
    try:
        conn = sqlite3.connect(f"{salvage.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return rows, 1
    try:
        for table in _TABLES:
            try:
                columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            except sqlite3.DatabaseError:
                unreadable += 1
                continue
            if not columns:
                continue
            got: dict[object, tuple[object, ...]] = {}
            unreadable += _read_table(conn, table, columns, got)
            rows[table] = (columns, list(got.values()))
    except sqlite3.DatabaseError:
        unreadable += 1
    finally:
        conn.close()
    return rows, unreadable


def _add_from_pages(rows: Rows, found: Found) -> None:
    """Rows SQL could not reach, read from leaf pages: added where SQL found nothing
    under that rowid (what SQL read is one consistent state; it wins)."""
    for table, canonical in (("notes", NOTE_COLUMNS), ("participants", PARTICIPANT_COLUMNS)):
        columns, table_rows = rows.get(table, (list(canonical), []))
        id_at = columns.index("id")
        have = {row[id_at] for row in table_rows}
        for rowid, values in found[table].items():
            if rowid in have:
                continue
            named = dict(zip(canonical, values, strict=False))
            named["id"] = rowid
            if table == "notes":
                named.setdefault("late", 0)  # a row written before the column was added
            table_rows.append(tuple(named.get(c) for c in columns))
        rows[table] = (columns, table_rows)


def _indexed_notes(salvage: Path) -> tuple[set[tuple[object, object]], int]:
    """What the damaged file's indexes still say existed: the phones' notes by
    (participant, client id), and the highest note id. An index survives damage to
    the table it indexes, so it counts notes that can no longer be read."""
    keys: set[tuple[object, object]] = set()
    top = 0
    try:
        conn = sqlite3.connect(f"{salvage.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return keys, top
    try:
        with contextlib.suppress(sqlite3.DatabaseError):
            for pid, cid in conn.execute(
                "SELECT participant_id, client_note_id FROM notes INDEXED BY notes_client_id"
                " WHERE client_note_id IS NOT NULL"
            ):
                keys.add((pid, cid))
        with contextlib.suppress(sqlite3.DatabaseError):
            for (rowid,) in conn.execute(
                "SELECT rowid FROM notes INDEXED BY notes_wall WHERE group_id IS NOT NULL"
            ):
                top = max(top, int(rowid))
    finally:
        conn.close()
    return keys, top


def _read_table(
    conn: sqlite3.Connection, table: str, columns: list[str], got: dict[object, tuple[object, ...]]
) -> int:
    """Every row of `table` that reads, keyed by rowid (tables WITHOUT ROWID by their
    whole row); the number of ranges that did not read."""
    cols = ", ".join(columns)
    with_rowid = table not in ("phases",)
    try:
        if with_rowid:
            for row in conn.execute(f"SELECT rowid, {cols} FROM {table}"):
                got[row[0]] = tuple(row[1:])
        else:
            for row in conn.execute(f"SELECT {cols} FROM {table}"):
                got[tuple(row)] = tuple(row)
        return 0
    except sqlite3.DatabaseError:
        if not with_rowid:
            return 1
    # The table does not read whole: read it in rowid ranges, halving the ones that fail.
    try:
        top = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        top = max((k for k in got if isinstance(k, int)), default=0) + 100_000
    return sum(_read_range(conn, table, cols, low, high, got) for low, high in _ranges(1, int(top)))


def _read_range(
    conn: sqlite3.Connection,
    table: str,
    cols: str,
    low: int,
    high: int,
    got: dict[object, tuple[object, ...]],
) -> int:
    try:
        for row in conn.execute(
            f"SELECT rowid, {cols} FROM {table} WHERE rowid BETWEEN ? AND ?", (low, high)
        ):
            got[row[0]] = tuple(row[1:])
        return 0
    except sqlite3.DatabaseError:
        if high <= low:
            return 1
        mid = (low + high) // 2
        return _read_range(conn, table, cols, low, mid, got) + _read_range(
            conn, table, cols, mid + 1, high, got
        )


def _ranges(low: int, high: int, step: int = 256) -> Iterator[tuple[int, int]]:
    for start in range(low, high + 1, step):
        yield start, min(high, start + step - 1)


# -- merging ---------------------------------------------------------------------------


def _note_key(columns: list[str], row: tuple[object, ...]) -> tuple[object, ...]:
    r = dict(zip(columns, row, strict=True))
    if r["client_note_id"] is not None:
        return ("phone", r["participant_id"], r["client_note_id"])
    return ("paper", r["group_id"], r["round_id"], r["text"], r["created_at"])


def _merge(
    out: sqlite3.Connection,
    rows: Rows,
    unreadable: int,
    target: Path,
    backup: Path | None,
    known: tuple[set[tuple[object, object]], int],
) -> Recovery:
    out.execute("PRAGMA foreign_keys = OFF")
    out.execute("BEGIN IMMEDIATE")
    base_notes = _base_note_keys(out)
    file_commits = _file_commits(rows)
    base_commits = int(out.execute("SELECT n FROM commits").fetchone()[0])
    file_is_newer = file_commits >= base_commits
    from_file_keys: set[tuple[object, ...]] = set()
    for table in _TABLES:
        if table not in rows or table == "commits":
            continue
        columns, table_rows = rows[table]
        target_cols = [r[1] for r in out.execute(f"PRAGMA table_info({table})")]
        shared = [c for c in columns if c in target_cols]
        picks = [columns.index(c) for c in shared]
        placeholders = ", ".join("?" for _ in shared)
        names = ", ".join(shared)
        if table == "notes":
            for row in table_rows:
                key = _note_key(columns, row)
                from_file_keys.add(key)
                values = tuple(row[i] for i in picks)
                if key in base_notes:
                    if file_is_newer:  # the file's later edits (moves, deletes) win
                        out.execute(f"REPLACE INTO notes ({names}) VALUES ({placeholders})", values)
                    continue
                note_id = row[columns.index("id")]
                taken = out.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone()
                if taken:  # the same id for another note: keep both, give this one a new id
                    values = tuple(
                        None if c == "id" else v for c, v in zip(shared, values, strict=True)
                    )
                out.execute(f"INSERT INTO notes ({names}) VALUES ({placeholders})", values)
        elif table == "votes":
            if file_is_newer or not _count(out, "votes"):
                out.execute("DELETE FROM votes")
                out.executemany(
                    f"INSERT INTO votes ({names}) VALUES ({placeholders})",
                    [tuple(r[i] for i in picks) for r in table_rows],
                )
        else:
            verb = "REPLACE" if file_is_newer else "INSERT OR IGNORE"
            for row in table_rows:
                # A row that contradicts the other copy (a unique code taken): theirs stays.
                with contextlib.suppress(sqlite3.IntegrityError):
                    out.execute(
                        f"{verb} INTO {table} ({names}) VALUES ({placeholders})",
                        tuple(row[i] for i in picks),
                    )
    out.execute("UPDATE commits SET n = ?, writer_open = 0", (max(file_commits, base_commits) + 1,))
    out.execute("COMMIT")
    out.execute("PRAGMA foreign_keys = ON")
    notes = _count(out, "notes")
    # Ids are handed out in order and notes are only soft-deleted: every id up to the
    # highest one seen was a note. Those in neither copy are lost.
    # The damaged file's indexes may know of notes no page still holds.
    top = int(out.execute("SELECT coalesce(max(id), 0) FROM notes").fetchone()[0])
    known_keys, known_top = known
    have = set(out.execute("SELECT participant_id, client_note_id FROM notes"))
    lost = max(0, max(top, known_top) - notes, len(known_keys - have))
    from_backup_only = len([k for k in base_notes if k not in from_file_keys])
    return Recovery(
        target,
        notes,
        len(from_file_keys),
        from_backup_only if backup else 0,
        lost,
        backup,
        unreadable,
    )


def _base_note_keys(out: sqlite3.Connection) -> dict[tuple[object, ...], int]:
    columns = [r[1] for r in out.execute("PRAGMA table_info(notes)")]
    keys: dict[tuple[object, ...], int] = {}
    for row in out.execute(f"SELECT {', '.join(columns)} FROM notes"):
        keys[_note_key(columns, tuple(row))] = int(row[0])
    return keys


def _file_commits(rows: Rows) -> int:
    if "commits" not in rows or not rows["commits"][1]:
        return -1
    columns, table_rows = rows["commits"]
    return int(str(table_rows[0][columns.index("n")]))


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
