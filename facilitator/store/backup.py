"""Rolling backups of a workshop file, taken with SQLite's online backup API.

Backups live beside the file in `<name>.backups/`, newest last by name (a UTC timestamp),
so a damaged file can be replaced by the newest copy that passes the integrity check.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

KEEP = 12  # an hour of five-minute backups
HOURLY = 24  # and before that, the newest of each hour: damage found late still has a copy


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def write_backup(conn: sqlite3.Connection, path: Path, *, keep: int = KEEP,
                 hourly: int = HOURLY, now: float | None = None) -> Path:
    """Copy the database behind `conn` into the rolling set: the `keep` newest, and of the
    older ones the newest of each of the last `hourly` hours."""
    folder = backup_dir(path)
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() if now is None else now))
    target = folder / f"{path.stem}-{stamp}{path.suffix}"
    partial = target.with_name(target.name + ".partial")
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    partial.replace(target)  # a backup is either whole or absent
    older = backups(path)[:-keep]
    newest_per_hour = {_hour(b): b for b in older}  # oldest first: the newest wins
    kept = set(sorted(newest_per_hour.values())[-hourly:]) if hourly else set()
    for old in older:
        if old not in kept:
            old.unlink(missing_ok=True)
    return target


def _hour(backup: Path) -> str:
    """'20261128-14' of 'dag-20261128-143500.workshop': the UTC hour it was taken in."""
    return backup.stem[-15:-4]


def backups(path: Path) -> list[Path]:
    """The backups of `path`, oldest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}-*{path.suffix}"))


def is_good(candidate: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{candidate}?mode=ro", uri=True)
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


def restore(path: Path, backup: Path) -> Path:
    """Put `backup` in place of the damaged `path`, keeping the damaged file aside."""
    damaged = path.with_name(f"{path.name}.damaged-{int(time.time())}")
    if path.exists():
        path.replace(damaged)
    for suffix in ("-wal", "-shm"):
        stale = path.with_name(path.name + suffix)
        if stale.exists():
            stale.replace(damaged.with_name(damaged.name + suffix))
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    dest = sqlite3.connect(path)
    try:
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    return damaged
