"""Hands the memory a big wall freed back to the system (issue 17).

glibc keeps freed small blocks in the process's heap for reuse, so after a wall of
thousands of notes is cleared (the facilitator switched tables) the window's RSS stayed
where it was, as if the items were still held. `malloc_trim(0)` returns the free pages.
Only glibc has it; elsewhere (macOS, Windows, musl) this does nothing, and the memory is
still reused by the next wall.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_freed_memory() -> bool:
    """True when some memory went back to the system."""
    return bool(_TRIM(0)) if _TRIM is not None else False
