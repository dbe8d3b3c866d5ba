"""Rate limits: token buckets per participant and per network address, and how long
one connection may take to send a request.

A phone that loops (or a script on the venue Wi-Fi) must not starve the 299 others; the
refusal carries Retry-After so the phone's outbox waits exactly as long as needed. A
client that sends its request a byte at a time (slowloris) must not hold a connection,
and its file descriptor, for ever.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Burst size and steady refill rate (per second) of each bucket kind, and timeouts."""

    address_burst: int = 300  # every /api request from one address
    address_rate: float = 50.0
    join_burst: int = 20  # joins from one address: slows code guessing
    join_rate: float = 0.5
    write_burst: int = 40  # note writes by one participant; an outbox flush is a burst
    write_rate: float = 2.0
    # Live streams held open from one address. A phone has one (two while it
    # reconnects); without a cap one laptop on the Wi-Fi could hold thousands and run
    # the server out of open files, leaving none for the room.
    streams_per_address: int = 16
    # Live streams per participant token: a phone needs one (two while it reconnects, or
    # with a second tab). A new stream closes that token's oldest, so one token opening
    # streams from hundreds of addresses holds two, not thousands (issue 17).
    streams_per_token: int = 2
    streams_total: int = 4000  # 13 rooms of 300; beyond it 503 with Retry-After
    # Connections (see gate.py): per address, once the server is 3/4 full per address
    # (room kept for new phones), and in total (0: the open-files limit less a reserve).
    connections_per_address: int = 64
    crowded_per_address: int = 8
    connections_total: int = 0
    # Note writes from one address, whatever tokens it uses: one laptop on the Wi-Fi
    # that joined twenty times must not write for twenty people (issue 17).
    address_write_burst: int = 80
    address_write_rate: float = 8.0
    # /api/state reads per participant: a page reads it on load, after a reconnect and
    # when told to refresh; a loop that reads it as fast as it may is refused early.
    read_burst: int = 20
    read_rate: float = 2.0
    # ... and per address, whatever tokens it uses (one laptop joined twenty times).
    address_read_burst: int = 40
    address_read_rate: float = 4.0
    # aiohttp's only guard against a request head that never ends is its keep-alive
    # timeout (from connect, or from the last answer, to a whole request head), and its
    # default is an hour. 15 s is ample for a phone on bad Wi-Fi (a head is one packet;
    # TCP has resent it four times by then); it also closes idle keep-alive connections,
    # which browsers reopen (and retry on) by themselves. Was 30 s; halved so idle
    # connections give their descriptors back sooner (issue 17).
    head_timeout_s: float = 15.0
    # A connection that sends not one byte this long after it was accepted is closed
    # (server/gate.py): a phone sends its request at once, so only an idle or hostile
    # client (or a browser's unused preconnect, which it reopens itself) is cut off.
    # 0 leaves it to head_timeout_s. Live streams are requests in progress: untouched.
    first_request_s: float = 5.0
    # A body (at most 16 KB) that has not fully arrived this long after its head is
    # refused with 408: nothing else bounds `await request.read()`.
    body_timeout_s: float = 10.0
    # New participants one address may become per table (server/identities.py): a phone
    # coming back is the participant it was, so this bounds only re-joining for dots.
    identities_per_address: int = 4


class Buckets:
    """One token bucket per key; `take` returns 0 when allowed, else seconds to wait."""

    _MAX_KEYS = 20_000

    def __init__(self, burst: int, rate: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._burst = float(burst)
        self._rate = rate
        self._clock = clock
        self._state: dict[Hashable, tuple[float, float]] = {}

    def take(self, key: Hashable) -> int:
        now = self._clock()
        tokens, last = self._state.get(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        if tokens >= 1.0:
            self._state[key] = (tokens - 1.0, now)
            if len(self._state) > self._MAX_KEYS:
                self._forget_full(now)
            return 0
        self._state[key] = (tokens, now)
        return max(1, math.ceil((1.0 - tokens) / self._rate))

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled anyway, so the table cannot grow without end."""
        self._state = {
            k: (t, last) for k, (t, last) in self._state.items()
            if t + (now - last) * self._rate < self._burst
        }
