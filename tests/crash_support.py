"""Kill-the-server trials shared by tests/test_crash.py (a few, fast) and
bench/bench_crash.py (many): start `facilitator serve` on a file, let phones post, SIGKILL
it at a chosen moment, check the file, restart it, resend what the phones still had in
their outboxes, and check again.

The phones behave as resources/web/notes.js does: a note leaves the outbox only on a 2xx
for its client_note_id; a 429 waits Retry-After and sends the same id again; a network
error leaves the note in the outbox for the next try (here: after the restart).
Each phone connects from its own loopback address (all of 127.0.0.0/8 reaches lo on
Linux), as real phones have their own addresses, so the per-address limit (300 burst,
50/s) is not shared by all of them; the per-participant write limit applies as usual.
Where only 127.0.0.1 exists (macOS) they share it, and the phones wait out the 429s.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from facilitator.store import DamagedFile, Store


@dataclass
class Served:
    """One running `facilitator serve` process."""

    proc: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    code: str  # the first group's join code
    started: float  # time.monotonic() just before Popen


def start_server(path: Path) -> Served:
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "serve", str(path), "--port", "0",
         "--host", "127.0.0.1", "--address", "127.0.0.1", "--round", "1",
         "--phase", "collect"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    first_url = proc.stdout.readline().strip()  # one join URL per group, group 1 first
    if not first_url.startswith("http://127.0.0.1:"):
        proc.kill()
        _out, err = proc.communicate()
        raise RuntimeError(f"serve did not start: {first_url!r} {err}")
    parts = urlsplit(first_url)
    return Served(proc, f"http://{parts.netloc}", parts.path.rsplit("/", 1)[-1], started)


def sigkill(served: Served) -> None:
    os.kill(served.proc.pid, signal.SIGKILL)
    served.proc.communicate()  # reaps it and closes the pipes


def stop(served: Served) -> None:
    """The ordinary end: SIGTERM, as Ctrl+C or a service manager would."""
    served.proc.send_signal(signal.SIGTERM)
    try:
        served.proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        served.proc.communicate()
        raise


def request(base: str, method: str, path: str, body: Any = None, *, token: str | None = None,
            source: str | None = None, timeout: float = 5.0) -> tuple[int, Any, int]:
    """One request on a fresh connection: (status, parsed JSON or None, Retry-After s).

    Raises OSError (or http.client.HTTPException) when no answer came.
    """
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port,
                                      timeout=timeout,
                                      source_address=(source, 0) if source else None)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body),
                     headers=headers)
        response = conn.getresponse()
        raw = response.read()
        retry_after = int(response.getheader("Retry-After") or 0)
    finally:
        conn.close()
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    return response.status, data, retry_after


NO_ANSWER = (OSError, http.client.HTTPException)


@dataclass
class Phone:
    """A phone's token and outbox; `acknowledged` holds the ids answered 2xx."""

    number: int
    source: str
    token: str = ""
    outbox: list[str] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    made: int = 0
    unanswered: int = 0  # requests that got no answer (the kill came while they were out)
    refused: list[str] = field(default_factory=list)  # answers no phone should get here

    def new_note(self) -> str:
        cid = f"crash-{self.number:02d}-{self.made:06d}"
        self.made += 1
        self.outbox.append(cid)
        return cid

    def send(self, base: str, cid: str) -> tuple[int, int]:
        status, _data, retry_after = request(
            base, "POST", "/api/notes",
            {"client_note_id": cid, "text": f"notitie {cid}"},
            token=self.token, source=self.source)
        if status in (200, 201):
            self.outbox.remove(cid)
            self.acknowledged.append(cid)
        return status, retry_after


def _many_loopbacks() -> bool:
    """Linux routes all of 127.0.0.0/8 to lo; macOS has only 127.0.0.1 unless told."""
    probe = socket.socket()
    try:
        probe.bind(("127.0.0.10", 0))
        return True
    except OSError:
        return False
    finally:
        probe.close()


def join(base: str, code: str, phones: int) -> list[Phone]:
    made = []
    many = _many_loopbacks()
    for n in range(phones):
        phone = Phone(n, f"127.0.0.{10 + n}" if many else "")
        status, joined, _ = request(base, "POST", "/api/join", {"code": code},
                                    source=phone.source)
        assert status == 201, joined
        phone.token = joined["token"]
        made.append(phone)
    return made


def post_until_gone(base: str, phone: Phone, stop_event: threading.Event) -> None:
    """Post notes one after another (the outbox sends one at a time) until the server dies.

    Runs on its own thread. The note whose request failed stays in the outbox.
    """
    while not stop_event.is_set():
        cid = phone.outbox[0] if phone.outbox else phone.new_note()
        try:
            status, retry_after = phone.send(base, cid)
        except NO_ANSWER:
            phone.unanswered += 1
            return  # the server is gone: the note stays in the outbox
        if status == 429:
            stop_event.wait(max(1, retry_after))
        elif status not in (200, 201):
            phone.refused.append(f"{cid}: {status}")
            return


@dataclass
class Trial:
    """What one kill-and-restart trial saw; `problems` is empty when all was well."""

    seed: int
    kill_after_s: float
    acknowledged: int = 0
    in_flight: int = 0  # requests that the kill left without an answer
    resent: int = 0  # notes still in an outbox at the kill, sent again after the restart
    resent_found_stored: int = 0  # of those, answered 200: stored but unacknowledged
    lost: int = 0
    duplicates: int = 0
    integrity_failures: int = 0
    restart_s: float = 0.0  # process start to the first successful request
    problems: list[str] = field(default_factory=list)


def stored_ids(path: Path) -> Counter[str]:
    """Every client_note_id in the file, with how often it is there (raw SQL on purpose:
    the check does not go through the code it checks)."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT client_note_id FROM notes WHERE client_note_id IS NOT NULL").fetchall()
    finally:
        db.close()
    return Counter(r[0] for r in rows)


def check_file(path: Path, acknowledged: set[str], trial: Trial, when: str) -> None:
    """Integrity, nothing acknowledged lost, no id twice."""
    try:
        store = Store.open(path)  # runs PRAGMA integrity_check; raises if damaged
        try:
            ok = store.integrity_ok()
        finally:
            store.close()
    except DamagedFile as exc:
        ok = False
        trial.problems.append(f"{when}: {exc}")
    if not ok:
        trial.integrity_failures += 1
        trial.problems.append(f"{when}: integrity check failed")
        return
    counts = stored_ids(path)
    missing = acknowledged - set(counts)
    doubled = {cid: n for cid, n in counts.items() if n > 1}
    trial.lost = max(trial.lost, len(missing))
    trial.duplicates = max(trial.duplicates, len(doubled))
    if missing:
        trial.problems.append(f"{when}: {len(missing)} acknowledged notes lost, "
                              f"e.g. {sorted(missing)[:3]}")
    if doubled:
        trial.problems.append(f"{when}: {len(doubled)} ids stored twice, "
                              f"e.g. {sorted(doubled)[:3]}")


def first_success(served: Served, timeout: float = 20.0) -> float:
    """Seconds from the process start until a request got its 200."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, _, _ = request(served.base, "GET", "/api/event", timeout=2)
            if status == 200:
                return time.monotonic() - served.started
        except NO_ANSWER:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the restarted server never answered")
        time.sleep(0.005)


def run_trial(path: Path, seed: int, *, phones: int = 8, max_kill_s: float = 1.5,
              kill_after_s: float | None = None, kill_after_acks: int = 0,
              log: Any = None) -> Trial:
    """One trial on `path` (a workshop whose round 1 is collecting after `serve`).

    The kill comes `kill_after_s` after the phones start, or at a moment drawn from
    `seed` between 0 and `max_kill_s`; with `kill_after_acks`, that long after so many
    notes were acknowledged (at most 20 s of waiting for them).
    """
    rng = random.Random(seed)
    if kill_after_s is None:
        kill_after_s = round(rng.uniform(0.0, max_kill_s), 3)
    trial = Trial(seed, kill_after_s)
    served = start_server(path)
    team = join(served.base, served.code, phones)
    stop_event = threading.Event()
    threads = [threading.Thread(target=post_until_gone, args=(served.base, p, stop_event))
               for p in team]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while (sum(len(p.acknowledged) for p in team) < kill_after_acks
           and time.monotonic() < deadline):
        time.sleep(0.01)
    time.sleep(trial.kill_after_s)
    sigkill(served)
    stop_event.set()
    for t in threads:
        t.join()
    acknowledged = {cid for p in team for cid in p.acknowledged}
    trial.acknowledged = len(acknowledged)
    trial.in_flight = sum(p.unanswered for p in team)
    trial.problems.extend(r for p in team for r in p.refused)
    trial.resent = sum(len(p.outbox) for p in team)
    if log:
        log(f"seed {seed}: killed after {trial.kill_after_s:.3f} s, "
            f"{trial.acknowledged} acknowledged, {trial.in_flight} in flight")
    check_file(path, acknowledged, trial, "after the kill")

    served = start_server(path)
    try:
        trial.restart_s = first_success(served)
        # The phones' outboxes go out again with the same ids, as after a reconnect.
        for phone in team:
            for cid in list(phone.outbox):
                status, retry_after = phone.send(served.base, cid)
                while status == 429:
                    time.sleep(retry_after)
                    status, retry_after = phone.send(served.base, cid)
                if status == 200:
                    trial.resent_found_stored += 1
                elif status != 201:
                    trial.problems.append(f"resending {cid}: {status}")
        # And the restarted server takes a new note.
        fresh = team[0].new_note()
        status, _ = team[0].send(served.base, fresh)
        if status != 201:
            trial.problems.append(f"a new note after the restart got {status}")
    finally:
        stop(served)
    everything = {cid for p in team for cid in p.acknowledged}
    leftover = [cid for p in team for cid in p.outbox]
    if leftover:
        trial.problems.append(f"{len(leftover)} notes never acknowledged: {leftover[:3]}")
    check_file(path, everything, trial, "after the restart")
    return trial
