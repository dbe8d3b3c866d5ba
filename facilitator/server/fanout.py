"""Live updates to phones: engine events in, one encoded batch per group per tick out.

Lives on the server's event loop. Engine events arrive through call_soon_threadsafe,
are translated into what phones of each group may see, and go out per group at most
once a tick (50 ms): a change to a quiet group leaves at once, and what arrives within
a tick of the last send waits for the next, so a busy group still gets at most 20
batches a second. Each group's batch is JSON-encoded ONCE and the same bytes are queued
to every stream of that group (ARCHITECTURE "Fan-out without melting"). Each batch carries
an SSE id `RUN-SEQ`; a bounded per-group ring of recent batches lets a phone that lost
its connection resume from Last-Event-ID, and anything older, or from another run of
the server, gets a `reset` telling the page to refetch /api/state.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
from collections import deque
from collections.abc import Sequence
from typing import Any

from facilitator.domain.model import Phase, Round
from facilitator.engine import events as ev
from facilitator.server.views import note_json, others_shown, timer_json
from facilitator.store import Reader

TICK_S = 0.05
RING_SIZE = 256  # batches kept per group for Last-Event-ID resume
STREAM_BACKLOG = 500  # chunks a slow phone may owe before it is cut (it resumes later)


class Stream:
    """One phone's open /api/events response: a queue of ready-encoded chunks."""

    __slots__ = ("_chunks", "_wake", "closed", "group_id")

    def __init__(self, group_id: int) -> None:
        self.group_id = group_id
        self._chunks: deque[bytes] = deque()
        self._wake = asyncio.Event()
        self.closed = False

    def push(self, chunk: bytes) -> None:
        if len(self._chunks) >= STREAM_BACKLOG:
            self.close()  # too far behind: the phone reconnects and resumes or resets
            return
        self._chunks.append(chunk)
        self._wake.set()

    def close(self) -> None:
        self.closed = True
        self._wake.set()

    async def next(self, timeout: float) -> bytes | None:
        """Everything queued, as one write; None when `timeout` passed (heartbeat time)."""
        if not self._chunks and not self.closed:
            try:
                # asyncio.timeout, not wait_for: no extra Task per wake-up, which adds
                # up at 300 streams x 20 batches a second.
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            except TimeoutError:
                return None
        self._wake.clear()
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


class Hub:
    """Per-group streams, pending changes, resume rings. Loop thread only, except
    `connected_count`, which any thread may call."""

    def __init__(self, store: Reader, loop: asyncio.AbstractEventLoop) -> None:
        self._store = store
        self._loop = loop
        self.run = secrets.token_hex(4)  # a new server run: ids of the last one mean reset
        self._seq = 0
        self._streams: dict[int, set[Stream]] = {}
        self._rings: dict[int, deque[tuple[int, bytes]]] = {}
        self._evicted: dict[int, int] = {}  # highest seq pushed out of each group's ring
        self._pending: dict[int, list[dict[str, Any]]] = {}
        self._recount: set[int] = set()
        self._flush: dict[int, asyncio.Handle] = {}  # group -> its scheduled send
        self._last_send: dict[int, float] = {}  # group -> loop time of its last send
        self._count_lock = threading.Lock()
        self._counts: dict[int, int] = {}
        self._round: Round | None = None
        self._phases: dict[int, Phase] = {}
        self._load_round()

    # -- ids -------------------------------------------------------------------

    def seq_id(self) -> str:
        return f"{self.run}-{self._seq}"

    def _parse(self, last: str | None) -> int | None:
        """The seq a phone last saw, or None when it cannot be resumed from here."""
        run, _, number = (last or "").partition("-")
        if run != self.run or not number.isdigit() or len(number) > 18:
            return None
        seq = int(number)
        return seq if seq <= self._seq else None

    # -- streams ---------------------------------------------------------------

    def open(self, group_id: int, last: str | None) -> Stream:
        stream = Stream(group_id)
        self._streams.setdefault(group_id, set()).add(stream)
        with self._count_lock:
            self._counts[group_id] = self._counts.get(group_id, 0) + 1
        stream.push(b"retry: 3000\n\n")
        if last is not None:
            seen = self._parse(last)
            if seen is None or seen < self._evicted.get(group_id, 0):
                stream.push(self._encode("reset", {"reason": "too_old"}))
                return stream
            for seq, chunk in self._rings.get(group_id, ()):
                if seq > seen:
                    stream.push(chunk)
        stream.push(self._encode("hello", {}))
        return stream

    def close(self, stream: Stream) -> None:
        streams = self._streams.get(stream.group_id)
        if streams is not None and stream in streams:
            streams.discard(stream)
            with self._count_lock:
                self._counts[stream.group_id] -= 1

    def connected_count(self, group_id: int | None = None) -> int:
        with self._count_lock:
            if group_id is None:
                return sum(self._counts.values())
            return self._counts.get(group_id, 0)

    def shutdown(self) -> None:
        for handle in self._flush.values():
            handle.cancel()
        self._flush.clear()
        for streams in self._streams.values():
            for stream in streams:
                stream.close()

    def _encode(self, kind: str, data: dict[str, Any]) -> bytes:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"id: {self.seq_id()}\nevent: {kind}\ndata: {body}\n\n".encode()

    # -- engine events ---------------------------------------------------------

    def _load_round(self) -> None:
        workshop = self._store.workshop()
        rid = workshop.active_round_id
        self._round = self._store.round(rid) if rid is not None else None
        self._phases = {}
        if self._round is not None:
            for group in self._store.groups():
                self._phases[group.id] = self._store.phase(self._round.id, group.id)

    def on_events(self, events: Sequence[ev.Event]) -> None:
        """Called on the loop (via call_soon_threadsafe) with one committed batch."""
        for event in events:
            self._translate(event)
        now = self._loop.time()
        for group_id in self._pending.keys() | self._recount:
            if group_id in self._flush:
                continue  # its send is due within a tick and will carry this too
            wait = self._last_send.get(group_id, -TICK_S) + TICK_S - now
            # call_soon still runs after this whole committed batch is translated, so
            # what the engine committed together goes out together.
            self._flush[group_id] = (self._loop.call_later(wait, self._send, group_id)
                                     if wait > 0 else
                                     self._loop.call_soon(self._send, group_id))

    def _add(self, group_id: int, item: dict[str, Any]) -> None:
        self._pending.setdefault(group_id, []).append(item)

    def _translate(self, event: ev.Event) -> None:
        round_ = self._round
        if isinstance(event, ev.ActiveRoundChanged):
            self._load_round()
            for group_id in self._phases or {g.id for g in self._store.groups()}:
                self._add(group_id, {"t": "round", "round_id": event.round_id})
            return
        if isinstance(event, (ev.RoundsChanged, ev.WorkshopChanged, ev.GroupsChanged)):
            # A question, visibility, title or group name was edited: phones refetch.
            self._load_round()
            for group_id in self._phases or {g.id for g in self._store.groups()}:
                self._add(group_id, {"t": "refresh"})
            return
        if isinstance(event, ev.PhaseChanged):
            if round_ is not None and event.round_id == round_.id:
                self._phases[event.group_id] = event.phase
                self._add(event.group_id, {"t": "phase", "phase": event.phase.value,
                                           "others_shown": others_shown(round_, event.phase)})
            return
        if isinstance(event, ev.TimerChanged):
            if round_ is not None and event.round.id == round_.id:
                self._round = event.round
                for group_id in self._phases:
                    self._add(group_id, {"t": "timer", "timer": timer_json(event.round)})
            return
        if round_ is None:
            return
        if isinstance(event, (ev.ClusterAdded, ev.ClusterChanged, ev.ClusterRemoved)):
            # What a group votes on changed: phones that are voting refetch their items.
            cluster = event.cluster
            if cluster.round_id == round_.id and self._voting(cluster.group_id):
                self._add(cluster.group_id, {"t": "refresh"})
            return
        if not isinstance(event, (ev.NoteAdded, ev.NoteChanged, ev.NoteRemoved)):
            return  # vote totals and action points stay on the laptop
        if isinstance(event, ev.NoteRemoved):
            if event.round_id == round_.id:
                self._add(event.group_id, {"t": "removed", "id": event.note_id})
                self._recount.add(event.group_id)
            return
        note = event.note
        if note.round_id != round_.id:
            return
        if self._voting(note.group_id):
            self._add(note.group_id, {"t": "refresh"})  # merged or hidden: items changed
        if note.hidden:
            # Moderated: it leaves every phone, its author's included.
            self._add(note.group_id, {"t": "removed", "id": note.id})
        elif note.merged_into is not None:
            # A duplicate folded into another note: others see only that one.
            self._add(note.group_id, {"t": "merged", "id": note.id, "into": note.merged_into})
        elif others_shown(round_, self._phases.get(note.group_id, Phase.PREPARE)):
            self._add(note.group_id, {"t": "note", "note": note_json(note)})
        self._recount.add(note.group_id)

    def _voting(self, group_id: int) -> bool:
        return self._phases.get(group_id) is Phase.VOTE

    def _send(self, group_id: int) -> None:
        """One batch for one group: everything pending for it, encoded once."""
        self._flush.pop(group_id, None)
        self._last_send[group_id] = self._loop.time()
        items = _latest_per_note(self._pending.pop(group_id, []))
        if sum(1 for i in items if i["t"] == "refresh") > 1:
            items = [i for i in items if i["t"] != "refresh"] + [{"t": "refresh"}]
        if group_id in self._recount and self._round is not None:
            # COUNT in SQLite: loading a 20,000-note wall 20 times a second would
            # make the fan-out the bottleneck under load (bench/bench_load.py).
            count = self._store.count_notes(group_id, self._round.id, merged=True)
            items.append({"t": "count", "count": count})
        self._recount.discard(group_id)
        if not items:
            return
        self._seq += 1
        chunk = self._encode("batch", {"events": items})
        ring = self._rings.setdefault(group_id, deque(maxlen=RING_SIZE))
        if len(ring) == RING_SIZE:
            self._evicted[group_id] = ring[0][0]
        ring.append((self._seq, chunk))
        for stream in self._streams.get(group_id, ()):
            stream.push(chunk)


def _latest_per_note(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A note moved ten times within one tick goes out once, in its last state."""
    last: dict[int, int] = {}
    for index, item in enumerate(items):
        if item["t"] in _PER_NOTE:
            last[_note_key(item)] = index
    kept = []
    for index, item in enumerate(items):
        if item["t"] in _PER_NOTE and last[_note_key(item)] != index:
            continue
        kept.append(item)
    return kept


_PER_NOTE = ("note", "removed", "merged")


def _note_key(item: dict[str, Any]) -> int:
    return int(item["note"]["id"] if item["t"] == "note" else item["id"])
