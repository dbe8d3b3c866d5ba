"""Whether the workshop file can be written right now, as the engine last found it.

A full disk, a file or filesystem turned read-only, or a failing disk make SQLite refuse
writes. That is not a bug in a command: the same command succeeds once the fault goes.
The engine classifies such errors here, fails the batch with `StorageUnavailable` (the
server answers 503 and the phone's outbox keeps the note), tells its health watchers at
once (the window shows a banner) and keeps trying, so it recovers without a restart.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


@dataclass(frozen=True, slots=True)
class StorageHealth:
    """What the window and the server need to know about the disk.

    `reason` is "" while writes succeed, else "full", "read_only" or "io_error";
    `backup_error` is "" while the last backup succeeded, else why it failed.
    """

    reason: str = ""
    detail: str = ""
    backup_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.reason


def storage_reason(exc: BaseException) -> str:
    """ "full", "read_only" or "io_error" when `exc` is the disk refusing; "" otherwise."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return ""
        primary = code & 0xFF
        if primary == _SQLITE_FULL:
            return "full"
        if primary == _SQLITE_READONLY:
            return "read_only"
        if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN, _SQLITE_CORRUPT, _SQLITE_NOTADB):
            return "io_error"
        return ""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "read_only"
        if exc.errno == errno.EIO:
            return "io_error"
    return ""
