"""A `facilitator serve` process killed with SIGKILL while phones post loses nothing it
acknowledged, and the file it leaves passes SQLite's integrity check."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from facilitator.store import Store
from tests.http_client import call

PHONES = 8


def _start_server(path: Path) -> tuple[subprocess.Popen[str], str, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "facilitator.cli", "serve", str(path), "--port", "0",
         "--host", "127.0.0.1", "--address", "127.0.0.1", "--round", "1",
         "--phase", "collect"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    first_url = proc.stdout.readline().strip()  # one join URL per group, group 1 first
    assert first_url.startswith("http://127.0.0.1:"), (first_url, proc.stderr.read())
    parts = urlsplit(first_url)
    return proc, f"http://{parts.netloc}", parts.path.rsplit("/", 1)[-1]


@pytest.mark.parametrize("kill_after", [60, 150, 240])
def test_sigkill_mid_load_loses_no_acknowledged_note(workshop_path: Path,
                                                     kill_after: int) -> None:
    proc, base, code = _start_server(workshop_path)
    acknowledged: dict[str, str] = {}  # client_note_id -> token
    lock = threading.Lock()
    stop = threading.Event()

    def phone(n: int) -> None:
        status, joined = call(base, "POST", "/api/join", {"code": code})
        assert status == 201, joined
        token = joined["token"]
        i = 0
        while not stop.is_set():
            cid = f"crash-{n:02d}-{i:06d}"
            try:
                status, _ = call(base, "POST", "/api/notes",
                                 {"client_note_id": cid, "text": f"notitie {n}/{i}"},
                                 token=token, timeout=5)
            except OSError:
                return  # the server is gone: this note was never acknowledged
            if status in (200, 201):
                with lock:
                    acknowledged[cid] = token
            i += 1

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(PHONES)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    while len(acknowledged) < kill_after and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()  # reaps it and closes the pipes
    stop.set()
    for t in threads:
        t.join()
    assert len(acknowledged) >= kill_after, "too few notes acknowledged to prove much"

    store = Store.open(workshop_path)  # runs the integrity check; raises if damaged
    assert store.integrity_ok()
    # What was in flight at the kill may be stored without its answer: that is the
    # phone's retry to resolve (same client id, no duplicate). Lost is never allowed.
    stored = {n.client_note_id for n in store.notes()}
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} acknowledged notes lost, e.g. {sorted(missing)[:3]}"
