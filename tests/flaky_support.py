"""Phones that post notes through tests/flaky_proxy.py and retry exactly as the phone
page's outbox does (resources/web/notes.js), shared by tests/test_flaky_network.py (a few
hundred notes) and bench/bench_flaky.py (10,000).

The outbox, as notes.js has it: one request at a time per phone, the first item whose
`next` has come; a 2xx removes it; 429/503 waits Retry-After (at least 1 s) and sends it
again; another 4xx is a refusal and stays put; no answer (or a 5xx) is a network error:
`tries += 1`, then wait min(cap, base * 2**tries) * (0.5 + random() * 0.5). The page's
base is 1 s and cap 30 s; `scale` shrinks both so thousands of notes finish in seconds.
The client_note_id is kept across every retry.

The server runs in this process with generous limits (ParticipantServer(limits=...)):
behind the proxy every request comes from 127.0.0.1, and the per-participant write limit
(2/s) would make 10,000 notes take minutes; the limiter is not what is under test here,
the retries and their idempotency are. A 429 is still handled as a phone would.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from facilitator.domain.model import Phase
from facilitator.engine import Engine, SetActiveRound, SetPhase
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store
from tests.flaky_proxy import FlakyProxy, ProxyStats

GENEROUS = Limits(identities_per_address=1_000_000,
                  address_burst=1_000_000, address_rate=1_000_000.0,
                  join_burst=1_000_000, join_rate=1_000_000.0,
                  write_burst=1_000_000, write_rate=1_000_000.0)
PAGE_RETRY_BASE_S = 1.0  # notes.js: 1000 * Math.pow(2, item.tries)
PAGE_RETRY_CAP_S = 30.0  # notes.js: RETRY_CAP_MS
PAGE_TIMEOUT_S = 15.0  # core.js: the AbortController's timer


class NoAnswer(Exception):
    """What fetch() rejects with: no complete HTTP answer."""


async def http(port: int, method: str, path: str, body: Any, token: str | None,
               timeout: float) -> tuple[int, Any, int]:
    """One request on its own connection: (status, JSON, Retry-After) or NoAnswer."""
    payload = json.dumps(body).encode()
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
            "Content-Type: application/json", f"Content-Length: {len(payload)}",
            "Connection: close"]
    if token:
        head.append(f"Authorization: Bearer {token}")
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), timeout)
    except (TimeoutError, OSError) as exc:
        raise NoAnswer(repr(exc)) from exc
    try:
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    except (TimeoutError, OSError) as exc:
        raise NoAnswer(repr(exc)) from exc
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return parse_answer(raw)


def parse_answer(raw: bytes) -> tuple[int, Any, int]:
    header, sep, content = raw.partition(b"\r\n\r\n")
    if not sep:
        raise NoAnswer(f"no complete head ({len(raw)} bytes)")
    lines = header.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) < 2 or not parts[1].isdigit():
        raise NoAnswer(f"bad status line {lines[0]!r}")
    fields = {k.strip().lower(): v.strip()
              for k, _, v in (line.partition(":") for line in lines[1:])}
    if "content-length" not in fields:
        raise NoAnswer("no Content-Length")
    if len(content) < int(fields["content-length"]):
        raise NoAnswer(f"cut answer: {len(content)} of {fields['content-length']} bytes")
    try:
        data = json.loads(content) if content else None
    except ValueError as exc:
        raise NoAnswer("body is not JSON") from exc
    return int(parts[1]), data, int(fields.get("retry-after", "0") or 0)


@dataclass
class Item:
    cid: str
    text: str
    tries: int = 0
    next: float = 0.0
    error: str | None = None


@dataclass
class Counts:
    requests: int = 0
    no_answer: int = 0
    retries: int = 0  # sends of an id that had been sent before
    rate_limited: int = 0
    join_requests: int = 0
    refused: list[str] = field(default_factory=list)


@dataclass
class Phone:
    number: int
    token: str = ""
    outbox: list[Item] = field(default_factory=list)
    sent_before: set[str] = field(default_factory=set)
    acknowledged: dict[str, tuple[int, str]] = field(default_factory=dict)  # cid: (id, text)


class Crowd:
    """PHONES phones posting NOTES notes between them through one proxy port."""

    def __init__(self, port: int, code: str, *, phones: int, notes: int, seed: int,
                 scale: float, give_up_s: float) -> None:
        self.port = port
        # A real phone never gives up; a test must end. What is left then counts as lost.
        self.give_up_at = time.monotonic() + give_up_s
        self.code = code
        self.rng = random.Random(seed)
        self.base_s = PAGE_RETRY_BASE_S * scale
        self.cap_s = PAGE_RETRY_CAP_S * scale
        self.counts = Counts()
        self.phones = [Phone(n) for n in range(phones)]
        self.created: list[str] = []
        for i in range(notes):
            phone = self.phones[i % phones]
            cid = f"flaky-{phone.number:03d}-{i:06d}"
            phone.outbox.append(Item(cid, f"notitie {i} van telefoon {phone.number}"))
            self.created.append(cid)

    async def run(self) -> None:
        await asyncio.gather(*(self._phone(p) for p in self.phones))

    async def _join(self, phone: Phone) -> None:
        """As join.js: one client_join_id per attempt to join, kept across retries, so a
        lost answer gives the same participant again, not a second one."""
        tries = 0
        body = {"code": self.code, "client_join_id": f"join-{phone.number:05d}"}
        while time.monotonic() < self.give_up_at:
            self.counts.join_requests += 1
            try:
                status, data, retry_after = await http(
                    self.port, "POST", "/api/join", body, None, PAGE_TIMEOUT_S)
            except NoAnswer:
                tries += 1
                await asyncio.sleep(self._backoff(tries))
                continue
            if status == 201:
                phone.token = data["token"]
                return
            if status == 429:
                await asyncio.sleep(max(1, retry_after))
                continue
            raise AssertionError(f"join refused: {status} {data}")

    def _backoff(self, tries: int) -> float:
        # JS's Math.pow goes to Infinity and min() to the cap; Python's int would not fit.
        return (min(self.cap_s, self.base_s * 2.0 ** min(tries, 60))
                * (0.5 + self.rng.random() * 0.5))

    async def _phone(self, phone: Phone) -> None:
        await self._join(phone)
        while phone.token and time.monotonic() < self.give_up_at:
            waiting = [i for i in phone.outbox if i.error is None]
            if not waiting:
                return
            now = time.monotonic()
            item = next((i for i in waiting if i.next <= now), None)
            if item is None:
                soonest = min(i.next for i in waiting)
                await asyncio.sleep(max(0.0, min(soonest, self.give_up_at) - now))
                continue
            await self._send(phone, item)

    async def _send(self, phone: Phone, item: Item) -> None:
        self.counts.requests += 1
        if item.cid in phone.sent_before:
            self.counts.retries += 1
        phone.sent_before.add(item.cid)
        try:
            status, data, retry_after = await http(
                self.port, "POST", "/api/notes", {"client_note_id": item.cid, "text": item.text},
                phone.token, PAGE_TIMEOUT_S)
        except NoAnswer:
            status, data, retry_after = 0, None, 0
        if status in (200, 201):
            phone.outbox.remove(item)
            note = data["note"]
            phone.acknowledged[item.cid] = (note["id"], note["text"])
        elif status in (429, 503):
            self.counts.rate_limited += 1
            item.next = time.monotonic() + max(1, retry_after)
        elif 400 <= status < 500:
            item.error = f"{status} {data}"
            self.counts.refused.append(f"{item.cid}: {item.error}")
        else:
            self.counts.no_answer += 1
            item.tries += 1
            item.next = time.monotonic() + self._backoff(item.tries)


@dataclass
class Outcome:
    notes: int
    phones: int
    counts: Counts
    proxy: ProxyStats
    acknowledged: int
    lost: int  # acknowledged but not in the file, or never acknowledged
    duplicates: int  # client ids stored more than once
    mismatched: int  # acknowledged id or text differs from the stored note
    wall_s: float
    problems: list[str]


def prepare_workshop(path: Path) -> None:
    """Round 1 active and collecting in every group, as `facilitator serve --round 1
    --phase collect` leaves it."""
    with Engine(path) as engine:
        reader = Store.open(path, readonly=True)
        try:
            engine.execute(SetActiveRound(reader.rounds()[0].id))
            active = reader.workshop().active_round_id
            assert active is not None
            engine.execute(SetPhase(active, Phase.COLLECT))
        finally:
            reader.close()


def first_code(path: Path) -> str:
    reader = Store.open(path, readonly=True)
    try:
        return reader.groups()[0].code
    finally:
        reader.close()


def run(path: Path, *, notes: int, phones: int, seed: int, scale: float = 0.01,
        drop_connection: float = 0.05, drop_response: float = 0.30,
        cut_response: float = 0.05, hang_up: float = 0.05,
        give_up_s: float = 60.0) -> Outcome:
    """Serve `path` in-process behind a FlakyProxy, post, stop, and check the file."""
    prepare_workshop(path)
    code = first_code(path)
    engine = Engine(path).start()
    server = ParticipantServer(engine, path, host="127.0.0.1", port=0, limits=GENEROUS)
    try:
        upstream = server.start()

        async def main() -> tuple[Crowd, ProxyStats, float]:
            proxy = FlakyProxy(upstream, seed=seed, drop_connection=drop_connection,
                               drop_response=drop_response, cut_response=cut_response,
                               hang_up=hang_up)
            port = await proxy.start()
            crowd = Crowd(port, code, phones=phones, notes=notes, seed=seed + 1, scale=scale,
                          give_up_s=give_up_s)
            started = time.monotonic()
            try:
                await crowd.run()
            finally:
                await proxy.close()
            return crowd, proxy.stats, time.monotonic() - started

        crowd, stats, wall = asyncio.run(main())
    finally:
        server.stop()
        engine.stop()
    return check(path, crowd, stats, wall)


def check(path: Path, crowd: Crowd, stats: ProxyStats, wall: float) -> Outcome:
    db = sqlite3.connect(path)  # raw SQL: the check does not go through the code it checks
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        rows = db.execute("SELECT client_note_id, id, text FROM notes "
                          "WHERE client_note_id LIKE 'flaky-%'").fetchall()
        participants = db.execute("SELECT count(*) FROM participants").fetchone()[0]
    finally:
        db.close()
    problems: list[str] = [] if integrity == [("ok",)] else [f"integrity: {integrity[:3]}"]
    stored: dict[str, list[tuple[int, str]]] = {}
    for cid, note_id, text in rows:
        stored.setdefault(cid, []).append((note_id, text))
    wanted = set(crowd.created)
    acknowledged: dict[str, tuple[int, str]] = {}
    for phone in crowd.phones:
        acknowledged.update(phone.acknowledged)
    lost = [cid for cid in wanted if cid not in acknowledged or cid not in stored]
    doubled = [cid for cid, notes in stored.items() if len(notes) > 1]
    mismatched = [cid for cid, ack in acknowledged.items()
                  if cid in stored and stored[cid][0] != ack]
    if lost:
        problems.append(f"{len(lost)} lost, e.g. {sorted(lost)[:3]}")
    if doubled:
        problems.append(f"{len(doubled)} stored twice, e.g. {sorted(doubled)[:3]}")
    if mismatched:
        problems.append(f"{len(mismatched)} acknowledged differently from what is stored")
    if participants != len(crowd.phones):
        problems.append(f"{participants} participants for {len(crowd.phones)} phones")
    if crowd.counts.refused:
        problems.append(f"refused: {crowd.counts.refused[:3]}")
    return Outcome(len(wanted), len(crowd.phones), crowd.counts, stats, len(acknowledged),
                   len(lost), len(doubled), len(mismatched), wall, problems)
