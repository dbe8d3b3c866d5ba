"""One writer per workshop file across programs: the lock beside the file.

The window and `facilitator serve` both take it before their engine opens the file, so a
window and a headless server (or two of either) never write the same workshop: each
would show only its own new notes and the two would drift apart.

The lock is the operating system's lock on an open file (flock on Unix, a locked byte on
Windows), not the file's existence: it dies with the process, so a crash or a power cut
leaves nothing stale to clean up, and a window that runs all day is never taken over
for its age. The file holds who holds it (process id, program, host) so a refusal can
say so in plain words. Qt-free, so `serve` needs no Qt.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

WINDOW_PROGRAM = "facilitator"
SERVE_PROGRAM = "facilitator serve"
_WIN_LOCK_OFFSET = 1 << 20
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}
log = logging.getLogger(__name__)  # Windows locks are mandatory: lock a byte past the text


def lock_path(path: Path) -> Path:
    """The lock lives beside the workshop, so every program opening that file sees it."""
    return path.with_name(path.name + ".lock")


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a workshop: as written in its lock file (empty when unreadable)."""

    pid: int
    program: str
    host: str


class LockHeld(Exception):
    """Another live program holds the workshop; `holder` says which."""

    def __init__(self, path: Path, holder: Holder) -> None:
        super().__init__(
            f"{path.name} is in use by {holder.program or 'another program'} "
            f"(process {holder.pid} on {holder.host or 'this computer'})"
        )
        self.path = path
        self.holder = holder


class WorkshopLock:
    """Held until unlock() or the end of the process."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def unlock(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            # Removed while still locked: a program that opened the old file waits on a
            # lock that goes nowhere, then sees the file is gone and tries again.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
        os.close(fd)  # releases the lock
        if sys.platform == "win32":
            with contextlib.suppress(OSError):  # only when nobody else has it open
                os.unlink(self.path)

    @property
    def held(self) -> bool:
        return self._fd is not None


def take(workshop: Path, program: str = WINDOW_PROGRAM) -> WorkshopLock:
    """Hold `workshop` for this process; raises LockHeld when another process (or another
    lock in this one) holds it, OSError when the folder allows no lock file."""
    path = lock_path(Path(workshop))
    for _attempt in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(fd):
                holder = _read_holder(fd)
                raise LockHeld(Path(workshop), holder)
            if _same_file(fd, path):
                _write_holder(fd, program)
                return WorkshopLock(path, fd)
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file as we locked it: take the new one
    raise OSError(f"{path} keeps changing; cannot take the workshop lock")


def _same_file(fd: int, path: Path) -> bool:
    if sys.platform == "win32":
        return True  # an open file cannot be removed there
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_LOCKS:
            raise
        # A file system without locks (some network shares): opening the workshop
        # beats refusing it; the file still names this process for the next one.
        log.warning("no file locks on %s (%s); the workshop is not locked", fd, exc)
    return True


def _write_holder(fd: int, program: str) -> None:
    text = f"{os.getpid()}\n{program}\n{socket.gethostname()}\n".encode()
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.ljust(256))  # padded: a shorter holder after a longer one reads clean
    os.fsync(fd)


def _read_holder(fd: int) -> Holder:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        lines = os.read(fd, 256).decode("utf-8", "replace").split("\n")
        return Holder(int(lines[0]), lines[1].strip(), lines[2].strip())
    except (OSError, ValueError, IndexError):
        return Holder(0, "", "")
