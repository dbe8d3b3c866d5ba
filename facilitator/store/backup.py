"""Rolling backups of a workshop file, and safe copies, taken with SQLite's backup API.

Backups live beside the file in `<name>.backups/`. They are named by the UTC time they
were taken (for people), but ordered by what they hold: the commit counter kept in the
file (schema 5), then the number and newest of its notes. Names and clocks lie when the
laptop's clock is set back; the counter only grows. So the newest backup offered after
damage is the one with the most committed work, and pruning never drops it.

A copy of the open `.workshop` file with a file manager is not a backup: the newest
commits are in its WAL beside it. `save_copy` goes through the backup API, so a copy is
one committed state, whole, and checked before it is reported as made.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

KEEP = 12  # an hour of five-minute backups
HOURLY = 24  # and before that, the newest of each hour: damage found late still has a copy


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


@dataclass(frozen=True, order=True, slots=True)
class Content:
    """How far a copy of a workshop got; a higher one holds later work.

    `commits` is -1 for files from before the commit counter (schema < 5)."""

    commits: int
    notes: int
    newest_note: float


_CONTENT_CACHE: dict[tuple[str, int, int], Content | None] = {}


def content_of(path: Path) -> Content | None:
    """What the copy at `path` holds, or None when it does not read as a workshop."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _CONTENT_CACHE:  # backups never change once renamed into place
        if len(_CONTENT_CACHE) > 1000:
            _CONTENT_CACHE.clear()
        _CONTENT_CACHE[key] = _read_content(path)
    return _CONTENT_CACHE[key]


def _read_content(path: Path) -> Content | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return _content(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _content(conn: sqlite3.Connection) -> Content:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    commits = -1
    if "commits" in tables:
        commits = int(conn.execute("SELECT n FROM commits").fetchone()[0])
    count, newest = conn.execute(
        "SELECT count(*), coalesce(max(max(created_at), max(updated_at)), 0) FROM notes"
    ).fetchone()
    return Content(commits, int(count), float(newest))


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, exist_ok=True)
    try:
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        pass  # a filesystem without permissions (FAT): nothing to tighten


def _copy(conn: sqlite3.Connection, target: Path) -> None:
    """One committed state of `conn`'s database into `target`, whole or not at all."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    # Created private before SQLite writes the tokens into it.
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # a copy is one file, no WAL beside it
        if _has_commits(dest):  # a copy is not the open file: see db.copied_while_open
            dest.execute("UPDATE commits SET writer_open = 0")
        dest.commit()
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    partial.replace(target)


def _has_commits(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='commits'").fetchone()
        is not None
    )


def write_backup(
    conn: sqlite3.Connection,
    path: Path,
    *,
    keep: int = KEEP,
    hourly: int = HOURLY,
    now: float | None = None,
) -> Path:
    """Copy the database behind `conn` into the rolling set: the `keep` holding the most
    work, and of the others the best of each of the last `hourly` hours (by name)."""
    folder = backup_dir(path)
    _private_folder(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() if now is None else now))
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    _copy(conn, target)
    ordered = backups(path)
    older = ordered[:-keep] if keep else ordered
    best_per_hour = {_hour(b): b for b in older}  # in content order: the most work wins
    kept = set(sorted(best_per_hour.values(), key=ordered.index)[-hourly:]) if hourly else set()
    for old in older:
        if old not in kept and old != target:
            old.unlink(missing_ok=True)
    return target


def _hour(backup: Path) -> str:
    """'20261128-14' of 'dag-20261128-143500.workshop': the UTC hour it was taken in."""
    return backup.stem[-15:-4]


def backups(path: Path) -> list[Path]:
    """The backups of `path`, the one holding the least work first.

    Ordered by content (commit counter, notes), never by name alone: with the clock set
    back, the newest backup has the oldest name. Unreadable ones sort first.
    """
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    found = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))  # by name: ties keep it
    contents = {b: content_of(b) for b in found}  # cached: a backup is never rewritten
    unreadable = Content(-2, -1, -1.0)
    return sorted(found, key=lambda b: contents[b] or unreadable)


def is_good(candidate: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def newest_good_backup(path: Path) -> Path | None:
    for candidate in reversed(backups(path)):
        if is_good(candidate):
            return candidate
    return None


def newer_backup(path: Path) -> Path | None:
    """A good backup holding more committed work than `path` itself, if there is one.

    That happens when the file lost its WAL (only the `.workshop` was copied after a
    crash, or the WAL was damaged): the file opens, but is older than its own backup.
    """
    here = _read_content(path)  # the live file: never from the cache
    best = newest_good_backup(path)
    if here is None or best is None or here.commits < 0:
        return None
    there = content_of(best)
    if there is None or there.commits <= here.commits:
        return None
    return best


def save_copy(conn: sqlite3.Connection, target: Path) -> Content:
    """A complete copy of the open workshop at `target` (a USB stick, another folder).

    Through the backup API, so it holds every committed note, the WAL's too; written
    beside the target and renamed, so a pulled stick leaves no half copy under the
    name; checked before it counts as made.
    """
    _copy(conn, target)
    if not is_good(target):
        raise OSError(f"the copy at {target} does not read back")
    content = content_of(target)
    assert content is not None  # it just passed the integrity check
    return content


def restore(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the damaged `path`, keeping the damaged file aside."""
    damaged = path.with_name(f"{path.name}.damaged-{int(time.time())}")
    if path.exists():
        path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.replace(damaged.with_name(damaged.name + suffix))
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    dest = sqlite3.connect(path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return damaged
