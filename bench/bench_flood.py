"""Does one phone flooding the server slow the others down?

Run: `uv run python bench/bench_flood.py [--seconds 20] [--phones 20] [--rate 2]
[--flood 100] [--pairs 1] [--reads]`. Starts `python -m facilitator.cli serve` on a fresh template
workshop in a subprocess (so the clients here do not share its GIL), makes 20 phones
join (spread over the tables, each with its own live stream), and lets each post notes
at 2/s on its own kept-alive connection, measuring every note's acknowledgement latency
(send to 201). It does that once without and once with one more participant posting
notes at 100 requests/s with its own token; the flooder should get 429s (its write
bucket: a burst of 40, then 2/s) and the others should not notice. `--pairs N` repeats
the without/with pair N times, to see how noisy the machine is. `--reads` floods
GET /api/state instead, which only the per-address bucket (50/s, burst 300) limits.

Every client binds its own loopback source address (127.0.0.10 and up; Linux routes all
of 127/8 to lo), so the per-address buckets count each phone apart, as on the venue's
Wi-Fi; the flooder is 127.0.0.250.

Prints a markdown table: p50/p99/max of the normal phones' acknowledgements without and
with the flood, the flooder's statuses, the normal phones' errors and the server
process's CPU. Target from issue 6: the others' p99 moves by under 20%.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import random
import re
import resource
import secrets
import selectors
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from facilitator import templates
from facilitator.store import Store

FLOODER = "127.0.0.250"
# Flooder "statuses" that are not HTTP: -1 closed without an answer (or never
# connected), 0 open and silent half a second after it connected, OPEN_AT_END still open
# when the window ended (idle connections the server let the attacker keep).
OPEN_AT_END = -2
_STATUS_NAMES = {-1: "closed", 0: "open", OPEN_AT_END: "open at the end"}
WARMUP_S = 2.0


def _phone_address(i: int) -> str:
    return f"127.0.0.{10 + i}"


@dataclass
class Window:
    """What one measuring window saw."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    flood: Counter[int] = field(default_factory=Counter)
    flood_sent: int = 0
    joins_ms: list[float] = field(default_factory=list)  # newcomers' joins that worked
    joins_failed: int = 0
    cpu_s: float = 0.0
    seconds: float = 0.0


def _conn(port: int, src: str) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(src, 0))


def _call(conn: http.client.HTTPConnection, method: str, path: str, body: object,
          token: str | None = None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    payload = None if body is None else json.dumps(body).encode()
    conn.request(method, path, body=payload, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def _join(port: int, code: str, src: str) -> str:
    conn = _conn(port, src)
    try:
        status, raw = _call(conn, "POST", "/api/join", {"code": code})
    finally:
        conn.close()
    if status != 201:
        raise SystemExit(f"join failed: {status} {raw!r}")
    return str(json.loads(raw)["token"])


class Streams:
    """Every phone's live stream, drained on one thread (what a phone would read)."""

    def __init__(self, port: int, tokens: list[str]) -> None:
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        for i, token in enumerate(tokens):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10,
                                            source_address=(_phone_address(i), 0))
            sock.sendall(f"GET /api/events?token={token} HTTP/1.1\r\nHost: 127.0.0.1:{port}"
                         "\r\nAccept: text/event-stream\r\n\r\n".encode())
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ)
        self.bytes = 0
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(0.2):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    data = sock.recv(65536)
                except BlockingIOError:
                    continue
                if not data:
                    self._selector.unregister(sock)
                    sock.close()
                self.bytes += len(data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for key in list(self._selector.get_map().values()):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            sock.close()


def _phone(port: int, i: int, token: str, rate: float, until: float, window: Window,
           lock: threading.Lock, measure_from: float) -> None:
    """Posts at `rate`/s on a fixed schedule (open loop: a late note is sent at once)."""
    conn = _conn(port, _phone_address(i))
    period = 1.0 / rate
    due = time.perf_counter() + random.random() * period
    n = 0
    try:
        while due < until:
            time.sleep(max(0.0, due - time.perf_counter()))
            sent = time.perf_counter()
            try:
                status, _ = _call(conn, "POST", "/api/notes",
                                  {"client_note_id": f"p{i:02d}-{secrets.token_hex(8)}",
                                   "text": f"telefoon {i} notitie {n}"}, token)
                outcome = str(status)
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__
                conn.close()
                conn = _conn(port, _phone_address(i))
            took = (time.perf_counter() - sent) * 1000
            if sent >= measure_from:
                with lock:
                    if outcome == "201":
                        window.latencies_ms.append(took)
                    else:
                        window.errors[outcome] += 1
            n += 1
            due += period
    finally:
        conn.close()


def _flooder(port: int, token: str, rate: float, until: float, window: Window,
             measure_from: float, reads: bool) -> None:
    """POST /api/notes (or, with `reads`, GET /api/state) at `rate`/s on one connection."""
    conn = _conn(port, FLOODER)
    due = time.perf_counter()
    n = 0
    try:
        while due < until:
            time.sleep(max(0.0, due - time.perf_counter()))
            try:
                if reads:
                    status, _ = _call(conn, "GET", "/api/state", None, token)
                else:
                    status, _ = _call(conn, "POST", "/api/notes",
                                      {"client_note_id": f"flood-{secrets.token_hex(8)}",
                                       "text": f"flood {n}"}, token)
            except (OSError, http.client.HTTPException):
                status = -1
                conn.close()
                conn = _conn(port, FLOODER)
            if time.perf_counter() >= measure_from:
                window.flood[status] += 1
                window.flood_sent += 1
            n += 1
            due += 1.0 / rate
    finally:
        conn.close()


def _hold_connections(port: int, until: float, window: Window, measure_from: float,
                      count: int) -> None:
    """Open `count` idle connections from one address as fast as it can, hold them all."""
    held: list[socket.socket] = []
    try:
        for _ in range(count):
            try:
                held.append(socket.create_connection(("127.0.0.1", port), timeout=5,
                                                     source_address=(FLOODER, 0)))
            except OSError:
                window.flood[-1] += 1
            window.flood_sent += 1
        _sort_held(held, window)
        time.sleep(max(0.0, until - time.perf_counter()))
        window.flood[OPEN_AT_END] += sum(_still_open(sock) for sock in held)
    finally:
        for sock in held:
            sock.close()


def _still_open(sock: socket.socket) -> bool:
    """Open and silent (the server neither answered nor closed it)."""
    sock.setblocking(False)
    try:
        sock.recv(65536)  # an answer or the close: not held
    except BlockingIOError:
        return True
    except OSError:
        pass
    return False


def _sort_held(held: list[socket.socket], window: Window) -> None:
    """Which of the held connections the server refused (an answer, or closed): by status."""
    time.sleep(0.5)
    for sock in held:
        sock.setblocking(False)
        try:
            head = sock.recv(64)
        except BlockingIOError:
            window.flood[0] += 1  # still open, silent: held
            continue
        except OSError:
            window.flood[-1] += 1
            continue
        window.flood[int(head.split()[1]) if head.startswith(b"HTTP/") else -1] += 1


def _streams_one_token(port: int, token: str, until: float, window: Window,
                       count: int) -> None:
    """One token opens `count` live streams, each from another address, and holds them."""
    held = []
    try:
        for i in range(count):
            src = f"127.0.{2 + i // 250}.{1 + i % 250}"
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                                source_address=(src, 0))
                sock.sendall(f"GET /api/events?token={token} HTTP/1.1\r\nHost: 127.0.0.1:"
                             f"{port}\r\n\r\n".encode())
                held.append(sock)
            except OSError:
                window.flood[-1] += 1
            window.flood_sent += 1
        time.sleep(max(0.0, until - time.perf_counter()))
        open_now = 0
        for sock in held:
            sock.setblocking(False)
            try:
                while True:
                    data = sock.recv(1 << 16)
                    if not data:
                        break  # closed by the server (replaced by a newer stream)
            except BlockingIOError:
                open_now += 1
            except OSError:
                pass
        window.flood[200] = open_now  # streams of that token still open at the end
    finally:
        for sock in held:
            sock.close()


def _amplify(port: int, tokens: list[str], rate: float, until: float, window: Window,
             measure_from: float) -> None:
    """One address with many tokens: post notes round-robin, then read state, at `rate`."""
    conn = _conn(port, FLOODER)
    due = time.perf_counter()
    n = 0
    try:
        while due < until:
            time.sleep(max(0.0, due - time.perf_counter()))
            token = tokens[n % len(tokens)]
            try:
                if n % 2:
                    status, _ = _call(conn, "GET", "/api/state", None, token)
                else:
                    status, _ = _call(conn, "POST", "/api/notes",
                                      {"client_note_id": f"amp-{secrets.token_hex(8)}",
                                       "text": f"versterker {n}"}, token)
            except (OSError, http.client.HTTPException):
                status = -1
                conn.close()
                conn = _conn(port, FLOODER)
            if time.perf_counter() >= measure_from:
                window.flood[status] += 1
                window.flood_sent += 1
            n += 1
            due += 1.0 / rate
    finally:
        conn.close()


def _unknown_hosts(port: int, rate: float, until: float, window: Window,
                   measure_from: float) -> None:
    """Requests naming hosts this laptop is not, each a new name, at `rate`."""
    conn = _conn(port, FLOODER)
    due = time.perf_counter()
    try:
        while due < until:
            time.sleep(max(0.0, due - time.perf_counter()))
            try:
                conn.request("GET", "/api/event",
                             headers={"Host": f"x{secrets.token_hex(6)}.invalid:{port}"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = -1
                conn.close()
                conn = _conn(port, FLOODER)
            if time.perf_counter() >= measure_from:
                window.flood[status] += 1
                window.flood_sent += 1
            due += 1.0 / rate
    finally:
        conn.close()


def _newcomers(port: int, code: str, until: float, window: Window, lock: threading.Lock,
               measure_from: float) -> None:
    """A new phone scans the code twice a second: a fresh connection and a join each."""
    n = 0
    due = measure_from
    while due < until:
        time.sleep(max(0.0, due - time.perf_counter()))
        sent = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                              source_address=(f"127.0.9.{1 + n % 250}", 0))
            try:
                status, _ = _call(conn, "POST", "/api/join", {"code": code})
            finally:
                conn.close()
            ok = status == 201
        except (OSError, http.client.HTTPException):
            ok = False
        with lock:
            if ok:
                window.joins_ms.append((time.perf_counter() - sent) * 1000)
            else:
                window.joins_failed += 1
        n += 1
        due += 0.5


def _in_own_process(fn: Callable[..., None], fn_args: tuple[object, ...],
                    window: Window) -> None:
    """Run an attacker in a forked process of its own, so that its loop does not take
    the measuring phones' GIL here (which would count against the server); its Window's
    flooder figures come back through a pipe."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    own = Window()
    swapped = tuple(own if a is window else a for a in fn_args)

    def child() -> None:
        fn(*swapped)
        send.send((dict(own.flood), own.flood_sent))

    process = context.Process(target=child, daemon=True)
    process.start()
    flood, sent = receive.recv()
    process.join()
    window.flood.update(flood)
    window.flood_sent += sent


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _window(port: int, pid: int, tokens: list[str], flood_token: str | None,
            args: argparse.Namespace, flood_tokens: list[str] | None = None) -> Window:
    window = Window()
    lock = threading.Lock()
    start = time.perf_counter()
    measure_from = start + WARMUP_S
    until = measure_from + args.seconds
    threads = [threading.Thread(target=_phone, args=(port, i, token, args.rate, until,
                                                     window, lock, measure_from))
               for i, token in enumerate(tokens)]
    threads.append(threading.Thread(target=_newcomers, args=(
        port, args.newcomer_code, until, window, lock, measure_from)))
    if flood_token is not None:
        attack = {
            "notes": (_flooder, (port, flood_token, args.flood, until, window, measure_from,
                                 False)),
            "reads": (_flooder, (port, flood_token, args.flood, until, window, measure_from,
                                 True)),
            "connections": (_hold_connections, (port, until, window, measure_from,
                                                args.count)),
            "streams": (_streams_one_token, (port, flood_token, until, window, args.count)),
            "amplify": (_amplify, (port, flood_tokens or [flood_token], args.flood, until,
                                   window, measure_from)),
            "hosts": (_unknown_hosts, (port, args.flood, until, window, measure_from)),
        }[args.attack]
        threads.append(threading.Thread(target=_in_own_process, args=(attack[0], attack[1],
                                                                      window)))
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, measure_from - time.perf_counter()))
    cpu_before = _cpu_s(pid)
    for thread in threads:
        thread.join()
    window.cpu_s = _cpu_s(pid) - cpu_before
    window.seconds = time.perf_counter() - measure_from
    time.sleep(1.0)  # let the write buckets refill before the next window
    return window


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def _start_server(path: Path) -> tuple[subprocess.Popen[str], int]:
    """The server as on the day without a window; its port from the first join URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "serve", str(path), "--host", "127.0.0.1",
         "--port", "0", "--address", "127.0.0.1", "--round", "1", "--phase", "collect"],
        stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/j/\w+", url)
    if found is None:
        process.kill()
        raise SystemExit(f"unexpected server output: {url!r}")
    return process, int(found[1])


def _fill_wall(path: Path, notes: int) -> None:
    """Put `notes` notes on table 1's wall in round 1 through the engine, before serving."""
    from facilitator.engine import AddNote, Engine, SetActiveRound

    with Engine(path) as engine:
        store = Store.open(path, readonly=True)
        try:
            group = store.groups()[0].id
            round_id = store.rounds()[0].id
        finally:
            store.close()
        engine.execute(SetActiveRound(round_id))
        futures = [engine.submit(AddNote(group, f"eerder {i}")) for i in range(notes)]
        for future in futures:
            future.result()


def _codes(path: Path) -> list[str]:
    store = Store.open(path, readonly=True)
    try:
        return [g.code for g in store.groups()]
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--rate", type=float, default=2.0, help="notes/s per phone")
    parser.add_argument("--flood", type=float, default=100.0, help="flooder requests/s")
    parser.add_argument("--pairs", type=int, default=1, help="without/with pairs to run")
    parser.add_argument("--reads", action="store_true",
                        help="flood GET /api/state (the per-address bucket) instead of notes")
    parser.add_argument("--attack", default="notes",
                        choices=["notes", "reads", "connections", "streams", "amplify",
                                 "hosts"],
                        help="what the bad actor does (issue 17): post notes; read state; "
                             "hold --count idle connections from one address; open --count "
                             "streams with one token from as many addresses; post and read "
                             "with 20 tokens from one address; name unknown hosts")
    parser.add_argument("--count", type=int, default=2000,
                        help="connections or streams the attacker opens")
    parser.add_argument("--wall", type=int, default=0,
                        help="notes already on table 1's wall before the phones start")
    args = parser.parse_args()
    if args.reads:
        args.attack = "reads"
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.count + 1024)),
                                                    hard))

    folder = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    path = folder / "flood.workshop"
    templates.create(path)
    if args.wall:
        _fill_wall(path, args.wall)
    codes = _codes(path)
    process, port = _start_server(path)
    rows: list[tuple[str, Window]] = []
    try:
        tokens = [_join(port, codes[i % len(codes)], _phone_address(i))
                  for i in range(args.phones)]
        flood_token = _join(port, codes[0], FLOODER)
        args.newcomer_code = codes[1 % len(codes)]
        # One address may be at most 4 participants per table (Limits.identities_per_
        # address): the attacker's 20 tokens come from every table in turn.
        flood_tokens = ([flood_token] + [_join(port, codes[(i + 1) % len(codes)], FLOODER)
                                         for i in range(19)]
                        if args.attack == "amplify" else None)
        streams = Streams(port, tokens)
        try:
            for pair in range(args.pairs):
                suffix = f" #{pair + 1}" if args.pairs > 1 else ""
                rows.append((f"without flood{suffix}",
                             _window(port, process.pid, tokens, None, args)))
                rows.append((f"with {args.attack}{suffix}",
                             _window(port, process.pid, tokens, flood_token, args,
                                     flood_tokens)))
        finally:
            streams.close()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)

    print(f"\n{args.phones} phones x {args.rate:g} notes/s for {args.seconds:g} s per window "
          f"(after {WARMUP_S:g} s warm-up); attack `{args.attack}` (rate {args.flood:g}/s, "
          f"count {args.count}, wall {args.wall} notes); "
          f"server: `facilitator.cli serve` subprocess, {os.cpu_count()} cores\n")
    print("| window | acks | p50 ms | p99 ms | max ms | phone errors | new phones' joins "
          "(ok / failed, p50 ms) | flooder statuses (rate) | server CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, w in rows:
        flood = ", ".join(f"{_STATUS_NAMES.get(s, s)}: {n}"
                          for s, n in sorted(w.flood.items())) or "-"
        if w.flood_sent:
            flood += f" ({w.flood_sent / w.seconds:.0f}/s)"
        errors = ", ".join(f"{k}: {n}" for k, n in w.errors.items()) or "0"
        print(f"| {name} | {len(w.latencies_ms)} | {_pct(w.latencies_ms, 50):.1f} | "
              f"{_pct(w.latencies_ms, 99):.1f} | {max(w.latencies_ms, default=0):.1f} | "
              f"{errors} | {len(w.joins_ms)} / {w.joins_failed}, {_pct(w.joins_ms, 50):.0f} | "
              f"{flood} | {100 * w.cpu_s / w.seconds:.0f}% |")
    base = [w for name, w in rows if name.startswith("without")]
    loaded = [w for name, w in rows if not name.startswith("without")]
    p99_base = statistics.median(_pct(w.latencies_ms, 99) for w in base)
    p99_loaded = statistics.median(_pct(w.latencies_ms, 99) for w in loaded)
    change = 100 * (p99_loaded - p99_base) / p99_base if p99_base else 0.0
    print(f"\nothers' p99 with the flood: {change:+.0f}% (target: under +20%)")


if __name__ == "__main__":
    main()
