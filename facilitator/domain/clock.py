"""The one clock of timers: wall-clock time that moves only as fast as a monotonic clock.

A round's timer is stored as the time it ends and phones count down against the laptop's
`now`. With `time.time()` both jumped when the laptop's clock was set (by hand or by NTP
after the venue's Wi-Fi came up): an hour's jump showed -3000 s or 4200 s left. This clock
reads the wall clock once, at start, and from then on advances with `time.monotonic()`,
so a running timer keeps its remaining time whatever happens to the wall clock.
"""

from __future__ import annotations

import time

_WALL_AT_START = time.time()
_MONOTONIC_AT_START = time.monotonic()


def steady_time() -> float:
    """Seconds since the epoch as of this process's start, advanced monotonically."""
    return _WALL_AT_START + (time.monotonic() - _MONOTONIC_AT_START)
