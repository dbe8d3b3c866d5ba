"""Live updates to phones: engine events in, one encoded batch per group out, written to
each stream as soon as that stream can take it.

Lives on the server's event loop. Engine events arrive through call_soon_threadsafe,
are translated into what phones of each group may see, and every committed batch goes
out at once, JSON-encoded ONCE per group, the same bytes queued to every stream of that
group (ARCHITECTURE "Fan-out without melting"). There is no fixed tick (issue 17: the
50 ms tick put ~30 ms on every note as soon as a group was busy). Coalescing adapts to
load instead: the fan-out writes a batch straight to each stream whose connection holds
nothing unsent (one `transport.write`, the chunk framed once per group); a stream that
is behind queues it, and its writer (`pump`) sends all that queued as one write once the
connection has drained. A group's sends take at most FANOUT_SHARE of the loop over time:
once a flooded group has used that up, what commits meanwhile waits a little and goes out
together. The note count is kept from the events, not asked of SQLite per batch.

Each batch carries an SSE id `RUN-SEQ`; a bounded per-group ring of recent batches lets a
phone that lost its connection resume from Last-Event-ID, and anything older, or from
another run of the server, gets a `reset` telling the page to refetch /api/state.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import web

from facilitator.domain.model import Phase, Round
from facilitator.engine import events as ev
from facilitator.server.gate import drained
from facilitator.server.views import note_json, others_shown, timer_json
from facilitator.store import Reader

TICK_S = 0.05  # no longer a send interval (issue 17); kept for tests that pace by it
RING_SIZE = 1024  # batches kept per group for resume (one per commit now, not per 50 ms)
STREAM_BACKLOG_BYTES = 4 * 1024 * 1024  # what a slow phone may owe before it is cut
HEARTBEAT_S = 15.0
# A group's sends may take at most this share of the loop's time, over time: a budget of
# loop time that fills at FANOUT_SHARE seconds per second (up to FANOUT_BURST_S) and that
# each send spends by what it took. While it lasts, every commit goes out at once; once
# a flooded group has spent it, its next send waits until the budget is back to zero
# and carries everything that committed meanwhile, at most MAX_HOLD_S later. A send to
# 300 streams takes ~4.5 ms of one core (the kernel's loopback work per write), so a
# group of 300 at 150 notes/s is held a little and sends ~2 notes at a time, while at
# 2,500 notes/s its batches grow instead of the loop drowning in writes. 0.4 and 15 ms
# were measured against 0.25 / 50 ms, 0.5 / 10 ms and 0.6 / 50 ms (docs/PERFORMANCE.md,
# "Third pass"): lower latency at 50-300 notes/s and the same ceiling under a flood.
FANOUT_SHARE = 0.4
FANOUT_BURST_S = 0.02
MAX_HOLD_S = 0.015  # a held group waits no longer than this, whatever it overspent


class StreamsFull(Exception):
    """The server holds `streams_total` live streams: a new one must wait (503)."""


class Stream:
    """One phone's open /api/events response.

    Until its pump has sent the response's head, chunks queue. From then on (`attach`)
    `push` writes a chunk straight to the connection when nothing is queued and the
    transport holds no unsent byte: the fan-out's common case costs one `transport.write`
    per stream and batch, with no task to wake, no timeout to arm and no aiohttp writer
    in between (issue 17: that per-stream machinery was most of the server's CPU at 150
    notes/s). While the transport is behind, chunks queue and the pump sends them all as
    one write once it has drained.
    """

    __slots__ = (
        "_chunked",
        "_chunks",
        "_queued",
        "_transport",
        "_wake",
        "closed",
        "group_id",
        "owner",
    )

    def __init__(self, group_id: int, owner: int | None = None) -> None:
        self.group_id = group_id
        self.owner = owner
        self._chunks: deque[bytes] = deque()
        self._queued = 0
        self._wake = asyncio.Event()
        self._transport: asyncio.Transport | None = None
        self._chunked = True
        self.closed = False

    def attach(self, transport: asyncio.Transport, chunked: bool) -> None:
        """Write to `transport` directly from now on (the response's head is out);
        `chunked`: the response uses chunked transfer coding, so each write is framed."""
        self._transport = transport
        self._chunked = chunked

    def push(self, chunk: bytes, framed: bytes | None = None) -> None:
        """Send `chunk` now if the connection can take it, else queue it for the pump.

        `framed` is the same chunk already framed for chunked transfer coding: the fan-out
        frames a batch once for all the streams of its group.
        """
        transport = self._transport
        if transport is not None and not self._chunks and not self.closed:
            if transport.is_closing():
                self.close()  # the phone went away; its handler ends and closes the stream
                return
            if not transport.get_write_buffer_size():
                if not self._chunked:
                    transport.write(chunk)
                else:
                    transport.write(framed if framed is not None else frame(chunk))
                return
        if self._queued + len(chunk) > STREAM_BACKLOG_BYTES:
            self.close()  # too far behind: the phone reconnects and resumes or resets
            return
        self._chunks.append(chunk)
        self._queued += len(chunk)
        self._wake.set()

    def write_now(self, data: bytes) -> None:
        """Write what the pump took (attached streams only), framed as the response is."""
        assert self._transport is not None
        if data and not self._transport.is_closing():
            self._transport.write(frame(data) if self._chunked else data)

    def close(self) -> None:
        self.closed = True
        self._wake.set()

    def take(self) -> bytes:
        """Everything queued, as one write."""
        self._wake.clear()
        data = b"".join(self._chunks)
        self._chunks.clear()
        self._queued = 0
        return data

    async def next(self, timeout: float) -> bytes | None:
        """Everything queued, as one write; None when `timeout` passed (heartbeat time)."""
        if not self._chunks and not self.closed:
            try:
                # asyncio.timeout, not wait_for: no extra Task per wake-up.
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            except TimeoutError:
                return None
        return self.take()


def frame(data: bytes) -> bytes:
    """`data` as one chunk of HTTP/1.1 chunked transfer coding."""
    return b"%x\r\n%b\r\n" % (len(data), data)


HEARTBEAT = b": heartbeat\n\n"


async def pump(
    stream: Stream,
    response: web.StreamResponse,
    transport: asyncio.Transport | None,
    heartbeat_s: float = HEARTBEAT_S,
) -> None:
    """Send a stream's head and queued chunks until it closes, coalescing only when behind.

    The first write goes through aiohttp (it carries the response's head); after it the
    stream is attached to the transport and the fan-out writes to it directly, so this
    task wakes only for a heartbeat, for chunks that queued while the transport was behind,
    or to close. The transport is told to report "paused" as soon as it holds any byte it
    could not hand to the kernel; while it does, new chunks wait in the stream's queue
    and the next write carries all of them.
    """
    if transport is not None:
        transport.set_write_buffer_limits(high=0)
    # Direct writes only where the framing is known: chunked (every HTTP/1.1 GET here);
    # a HEAD or an HTTP/1.0 request stays on aiohttp's writer throughout.
    direct = (
        transport is not None and response.headers.get("Transfer-Encoding", "").lower() == "chunked"
    )
    attached = False
    while True:
        chunk = await stream.next(heartbeat_s)
        if transport is not None and transport.get_write_buffer_size():
            await drained(transport)
            chunk = (chunk or b"") + stream.take()
        if chunk is None:
            chunk = HEARTBEAT
        if attached:
            stream.write_now(chunk)
        elif chunk:
            await response.write(chunk)
            if direct:
                assert transport is not None
                # aiohttp's first write carried the head; from here the fan-out writes.
                # Whatever queued during that write goes first, by this loop.
                stream.attach(transport, chunked=True)
                attached = True
        if stream.closed:
            # Replaced by a newer stream of its token, too far behind, or shutting down:
            # close the connection too, so its descriptor is free now, not at the
            # keep-alive timeout (the page's EventSource reconnects by itself).
            if attached:
                stream.write_now(stream.take())
            response.force_close()
            return


class Hub:
    """Per-group streams, pending changes, resume rings. Loop thread only, except
    `connected_count`, which any thread may call."""

    def __init__(
        self,
        store: Reader,
        loop: asyncio.AbstractEventLoop,
        *,
        streams_per_owner: int = 2,
        streams_total: int = 4000,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._store = store
        self._loop = loop
        self._clock = clock  # measures what a send cost (FANOUT_SHARE)
        # group -> (send time left in its budget, loop time of that figure): FANOUT_SHARE
        self._budget: dict[int, tuple[float, float]] = {}
        self._per_owner = max(1, streams_per_owner)
        self._total = streams_total
        self._owned: dict[int, deque[Stream]] = {}  # participant -> its streams, oldest first
        self._open_count = 0
        self.run = secrets.token_hex(4)  # a new server run: ids of the last one mean reset
        self._seq = 0
        self._streams: dict[int, set[Stream]] = {}
        self._rings: dict[int, deque[tuple[int, bytes]]] = {}
        self._evicted: dict[int, int] = {}  # highest seq pushed out of each group's ring
        self._pending: dict[int, list[dict[str, Any]]] = {}
        self._recount: set[int] = set()
        self._flush: dict[int, asyncio.Handle] = {}  # group -> its scheduled send
        # group -> (visible notes, highest id counted): NoteAdded events add to it; any
        # other note change drops it, and the next send asks SQLite again. The id says
        # which added notes that answer already held (their events may still be queued).
        self._note_counts: dict[int, tuple[int, int]] = {}
        self._count_lock = threading.Lock()
        self._counts: dict[int, int] = {}
        self._round: Round | None = None
        self._phases: dict[int, Phase] = {}
        # group -> how many changes its phones were told of (walls.py's cache key)
        self._versions: dict[int, int] = {}
        self._load_round()

    # -- ids -------------------------------------------------------------------

    def seq_id(self) -> str:
        return f"{self.run}-{self._seq}"

    def version(self, group_id: int) -> int:
        """Changes to this group's view so far; a cached state older than this is stale."""
        return self._versions.get(group_id, 0)

    def _parse(self, last: str | None) -> int | None:
        """The seq a phone last saw, or None when it cannot be resumed from here."""
        run, _, number = (last or "").partition("-")
        if run != self.run or not number.isdigit() or len(number) > 18:
            return None
        seq = int(number)
        return seq if seq <= self._seq else None

    # -- streams ---------------------------------------------------------------

    def has_room(self) -> bool:
        return self._open_count < self._total

    def open(self, group_id: int, last: str | None, owner: int | None = None) -> Stream:
        """A new stream; past `streams_per_owner`, the owner's oldest stream is closed."""
        if not self.has_room():
            raise StreamsFull
        stream = Stream(group_id, owner)
        if owner is not None:
            owned = self._owned.setdefault(owner, deque())
            while len(owned) >= self._per_owner:
                owned.popleft().close()  # its pump ends; its handler calls close() below
            owned.append(stream)
        self._open_count += 1
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
        owner = stream.owner
        owned = self._owned.get(owner) if owner is not None else None
        if owner is not None and owned is not None:
            with contextlib.suppress(ValueError):  # already replaced by a newer stream
                owned.remove(stream)
            if not owned:
                del self._owned[owner]
        streams = self._streams.get(stream.group_id)
        if streams is not None and stream in streams:
            streams.discard(stream)
            self._open_count -= 1
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
        self._note_counts.clear()
        if self._round is not None:
            for group in self._store.groups():
                self._phases[group.id] = self._store.phase(self._round.id, group.id)

    def on_events(self, events: Sequence[ev.Event]) -> None:
        """Called on the loop (via call_soon_threadsafe) with one committed batch."""
        for event in events:
            self._translate(event)
        for group_id in self._pending.keys() | self._recount:
            self._versions[group_id] = self._versions.get(group_id, 0) + 1
            if group_id not in self._flush:
                # call_soon still runs after this whole committed batch is translated,
                # so what the engine committed together goes out together, and batches
                # that reach a busy loop together go out as one. A group that has spent
                # its budget (FANOUT_SHARE) waits until it is back, then sends all at once.
                wait = min(MAX_HOLD_S, -self._budget_left(group_id) / FANOUT_SHARE)
                self._flush[group_id] = (
                    self._loop.call_later(wait, self._send, group_id)
                    if wait > 0
                    else self._loop.call_soon(self._send, group_id)
                )

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
                self._add(
                    event.group_id,
                    {
                        "t": "phase",
                        "phase": event.phase.value,
                        "others_shown": others_shown(round_, event.phase),
                    },
                )
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
                self._note_counts.pop(event.group_id, None)
                self._recount.add(event.group_id)
            return
        note = event.note
        if note.round_id != round_.id:
            return
        known = self._note_counts.get(note.group_id)
        if isinstance(event, ev.NoteChanged) or known is None:
            self._note_counts.pop(note.group_id, None)
        elif not note.hidden and note.id > known[1]:
            self._note_counts[note.group_id] = (known[0] + 1, note.id)
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
        items = _latest_per_note(self._pending.pop(group_id, []))
        if sum(1 for i in items if i["t"] == "refresh") > 1:
            items = [i for i in items if i["t"] != "refresh"] + [{"t": "refresh"}]
        if group_id in self._recount and self._round is not None:
            # Counted from the events (a COUNT is 5 ms at 40,000 notes, and there is a
            # send per committed batch); SQLite is asked only after an edit or removal.
            known = self._note_counts.get(group_id)
            if known is None:
                known = self._store.visible_count_and_last_id(group_id, self._round.id)
                self._note_counts[group_id] = known
            items.append({"t": "count", "count": known[0]})
        self._recount.discard(group_id)
        if not items:
            return
        self._seq += 1
        chunk = self._encode("batch", {"events": items})
        ring = self._rings.setdefault(group_id, deque(maxlen=RING_SIZE))
        if len(ring) == RING_SIZE:
            self._evicted[group_id] = ring[0][0]
        ring.append((self._seq, chunk))
        framed = frame(chunk)  # once for the group: every stream gets the same bytes
        streams = self._streams.get(group_id, ())
        started = self._clock()
        for stream in streams:
            stream.push(chunk, framed)
        spent = self._clock() - started
        self._budget[group_id] = (self._budget_left(group_id) - spent, self._loop.time())

    def _budget_left(self, group_id: int) -> float:
        """The group's send time left now (negative: overspent), refilled since last asked."""
        left, at = self._budget.get(group_id, (FANOUT_BURST_S, 0.0))
        return min(FANOUT_BURST_S, left + (self._loop.time() - at) * FANOUT_SHARE)


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
