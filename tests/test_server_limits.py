"""The rate limits that keep one address or one token from costing the others (issue 17):
note writes per address, /api/state reads per token and per address. Each is refused
with 429 and a Retry-After once its burst is spent, refills over time, and leaves other
addresses and tokens alone.

Time is the server's injected clock (`ParticipantServer(clock=...)`), moved by the test:
nothing sleeps and nothing depends on how fast this machine is. Requests go over real
HTTP on 127.0.0.1 from distinct loopback addresses (127.0.0.0/8 all reach lo on Linux),
as phones on the venue's Wi-Fi each have their own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.server.limits import Buckets, Limits
from tests.test_abuse import Answer, refused, send
from tests.test_server_support import collect, groups

LAPTOP = "127.0.0.5"  # one machine on the Wi-Fi that joined as several participants
OTHER = "127.0.0.6"  # someone else's phone


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@contextmanager
def served(engine: Engine, path: Path, limits: Limits, clock: Clock) -> Iterator[tuple[int, str]]:
    collect(engine, path)
    server = ParticipantServer(engine, path, host="127.0.0.1", port=0, limits=limits, clock=clock)
    server.start()
    try:
        yield server.port, groups(path)[0].code
    finally:
        server.stop()


def joined(port: int, code: str, src: str) -> str:
    answer = send(port, "POST", "/api/join", {"code": code}, src=src)
    assert answer.status == 201, answer.raw
    return str(answer.json["token"])


_ids = itertools.count()


def note(port: int, token: str, src: str, cid: str | None = None) -> Answer:
    cid = cid or f"limit-{next(_ids):06d}"
    return send(
        port,
        "POST",
        "/api/notes",
        {"client_note_id": cid, "text": "een notitie"},
        token=token,
        src=src,
    )


def state(port: int, token: str, src: str) -> Answer:
    return send(port, "GET", "/api/state", token=token, src=src)


def limited(answer: Answer, retry_after: int) -> None:
    refused(answer, 429, "rate_limited")
    assert answer.headers["Retry-After"] == str(retry_after)


# -- the bucket itself ---------------------------------------------------------------------


def test_a_bucket_gives_its_burst_then_says_how_long_to_wait_and_refills() -> None:
    clock = Clock()
    bucket = Buckets(3, 0.5, clock)
    assert [bucket.take("a") for _ in range(3)] == [0, 0, 0]
    assert bucket.take("a") == 2  # one token at 0.5/s: 2 s
    assert bucket.take("b") == 0  # another key has its own burst
    clock.advance(1.0)
    assert bucket.take("a") == 1  # half a token back: 1 s more
    clock.advance(1.0)
    assert bucket.take("a") == 0
    assert bucket.take("a") == 2
    clock.advance(3_600)
    assert [bucket.take("a") for _ in range(4)] == [0, 0, 0, 2]  # refilled to the burst only


def test_a_bucket_forgets_full_keys_so_its_table_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock()
    monkeypatch.setattr(Buckets, "_MAX_KEYS", 10)
    bucket = Buckets(2, 1.0, clock)
    for key in range(10):
        bucket.take(key)
    clock.advance(5)  # every one of them has refilled
    bucket.take("late")
    assert len(bucket._state) <= 2  # the bound is the point of the test


# -- note writes per address -----------------------------------------------------------------


def test_note_writes_per_address_cover_all_its_tokens_and_spare_other_addresses(
    engine: Engine, workshop_path: Path
) -> None:
    limits = Limits(
        identities_per_address=100, address_write_burst=4, address_write_rate=0.5, write_burst=100
    )
    clock = Clock()
    with served(engine, workshop_path, limits, clock) as (port, code):
        first, second = joined(port, code, LAPTOP), joined(port, code, LAPTOP)
        other = joined(port, code, OTHER)
        for token in (first, second, first, second):
            assert note(port, token, LAPTOP).status == 201
        # The burst is the address's, whichever of its tokens writes: 1 note at 0.5/s.
        limited(note(port, second, LAPTOP, "kept-for-later"), 2)
        limited(note(port, first, LAPTOP), 2)
        # Another address is not affected, nor is the same token from elsewhere.
        assert note(port, other, OTHER).status == 201
        assert note(port, first, OTHER).status == 201
        clock.advance(1.0)
        limited(note(port, second, LAPTOP, "kept-for-later"), 1)
        clock.advance(1.0)  # the Retry-After it was told: one note's worth is back
        retried = note(port, second, LAPTOP, "kept-for-later")
        assert retried.status == 201 and retried.json["created"], retried.raw
        limited(note(port, first, LAPTOP), 2)


def test_note_writes_per_token_spare_the_addresses_other_tokens(
    engine: Engine, workshop_path: Path
) -> None:
    limits = Limits(identities_per_address=100, write_burst=3, write_rate=0.25)
    clock = Clock()
    with served(engine, workshop_path, limits, clock) as (port, code):
        looping, neighbour = joined(port, code, LAPTOP), joined(port, code, LAPTOP)
        for _ in range(3):
            assert note(port, looping, LAPTOP).status == 201
        limited(note(port, looping, LAPTOP), 4)
        limited(note(port, looping, OTHER), 4)  # the token's own bucket, from anywhere
        assert note(port, neighbour, LAPTOP).status == 201
        clock.advance(4.0)
        assert note(port, looping, LAPTOP).status == 201


# -- /api/state reads per token and per address ---------------------------------------------


def test_state_reads_per_token_refill_and_spare_other_tokens(
    engine: Engine, workshop_path: Path
) -> None:
    limits = Limits(identities_per_address=100, read_burst=3, read_rate=1.0, address_read_burst=100)
    clock = Clock()
    with served(engine, workshop_path, limits, clock) as (port, code):
        looping, neighbour = joined(port, code, LAPTOP), joined(port, code, LAPTOP)
        for _ in range(3):
            assert state(port, looping, LAPTOP).status == 200
        limited(state(port, looping, LAPTOP), 1)
        limited(state(port, looping, OTHER), 1)  # the token's bucket, from any address
        assert state(port, neighbour, LAPTOP).status == 200  # same address, own token
        clock.advance(0.5)
        limited(state(port, looping, LAPTOP), 1)  # half a read back: rounded up to 1 s
        clock.advance(0.5)
        assert state(port, looping, LAPTOP).status == 200
        limited(state(port, looping, LAPTOP), 1)
        clock.advance(10.0)  # refilled to the burst, not beyond
        for _ in range(3):
            assert state(port, looping, LAPTOP).status == 200
        limited(state(port, looping, LAPTOP), 1)


def test_state_reads_per_address_cover_all_its_tokens_and_spare_other_addresses(
    engine: Engine, workshop_path: Path
) -> None:
    limits = Limits(
        identities_per_address=100, read_burst=100, address_read_burst=4, address_read_rate=0.25
    )
    clock = Clock()
    with served(engine, workshop_path, limits, clock) as (port, code):
        tokens = [joined(port, code, LAPTOP) for _ in range(4)]
        other = joined(port, code, OTHER)
        for token in tokens:  # twenty tokens would not read more than one
            assert state(port, token, LAPTOP).status == 200
        for token in tokens:
            limited(state(port, token, LAPTOP), 4)
        assert state(port, other, OTHER).status == 200
        assert state(port, tokens[0], OTHER).status == 200  # its token, another address
        clock.advance(4.0)
        assert state(port, tokens[3], LAPTOP).status == 200
        limited(state(port, tokens[2], LAPTOP), 4)
