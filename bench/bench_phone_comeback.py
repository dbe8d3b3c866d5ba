"""How soon a phone carries on by itself when its workshop is back on the laptop (issue 11).

Run: `uv run python bench/bench_phone_comeback.py [--away 5 30 60]`. Two workshop files on
one port, as on the day: the phone (Debian's Chromium, 390x844, never `playwright
install`) joins workshop A; the laptop closes A, a note is written meanwhile, the app
opens workshop B for AWAY seconds (the phone waits, asking again with backoff), then A
again. Reported per AWAY: from A listening again to (1) the waiting note stored in A,
(2) the page showing the round again. Also checked: B stores nothing, A ends with one
participant and the note once. The page's backoff is capped at 15 s (live.js
AWAY_CAP_MS), so the wait after A is back stays under ~15 s however long B was open.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from facilitator import templates
from facilitator.domain.model import Phase
from facilitator.engine import Engine, SetPhase
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _counts(path: Path) -> tuple[int, int]:
    store = Store.open(path, readonly=True)
    try:
        return len(store.participants()), len(store.notes())
    finally:
        store.close()


class Laptop:
    """The app on one workshop file, on the day's port."""

    def __init__(self, path: Path, port: int) -> None:
        self.engine = Engine(path).start()
        self.server = ParticipantServer(
            self.engine,
            path,
            host="127.0.0.1",
            port=port,
            limits=Limits(identities_per_address=1000),
        )
        self.server.start()

    def close(self) -> None:
        self.server.stop()
        self.engine.stop()


def _workshop(folder: Path, name: str) -> Path:
    path = folder / f"{name}.workshop"
    templates.create(path)
    store = Store.open(path, readonly=True)
    rid = store.workshop().active_round_id
    store.close()
    assert rid is not None
    with Engine(path) as engine:
        engine.execute(SetPhase(rid, Phase.COLLECT))
    return path


def _once(browser: Any, folder: Path, away_s: float) -> tuple[float, float]:
    a, b = _workshop(folder, f"a{away_s}"), _workshop(folder, f"b{away_s}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    store = Store.open(a, readonly=True)
    code = store.groups()[0].code
    store.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    try:
        laptop = Laptop(a, port)
        page.goto(laptop.server.join_url(code, "127.0.0.1"))
        page.click("#join-button:not([disabled])")
        page.wait_for_selector("#phase:text('Notities schrijven')")
        laptop.close()
        page.fill("#note-text", "tijdens het wisselen")
        page.click("#send")
        page.wait_for_selector("#mine .note-state.sending")
        laptop = Laptop(b, port)
        page.wait_for_selector("#away-screen:not([hidden])", timeout=60_000)
        time.sleep(away_s)
        laptop.close()
        laptop = Laptop(a, port)
        start = time.monotonic()
        stored = shown = 0.0
        while not (stored and shown):
            if not stored and _counts(a)[1] == 1:
                stored = time.monotonic() - start
            if not shown and page.is_visible("#round-screen"):
                shown = time.monotonic() - start
            assert time.monotonic() - start < 60, "the phone did not come back"
            time.sleep(0.05)
        assert _counts(a) == (1, 1) and _counts(b) == (0, 0)
        laptop.close()
        return stored, shown
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--away", type=float, nargs="+", default=[5.0, 30.0, 60.0])
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("Debian's chromium is not installed", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-comeback-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            for away in args.away:
                stored, shown = _once(browser, folder, away)
                print(
                    f"another workshop open for {away:.0f} s: the waiting note stored"
                    f" {stored:.1f} s after A was back, the round shown after {shown:.1f} s"
                )
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
