"""Helpers for the phone-page browser tests: Debian's Chromium through Playwright.

Never `playwright install`: the system Chromium is driven with executable_path.
Named test_phone_* so it sits with the tests it serves; it holds no tests itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from facilitator.domain.model import Note
from facilitator.store import Store
from tests.system_tools import require_tool

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str:
    return require_tool("chromium", "chromium", browser=True)


def browser_fixture() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def stored_notes(path: Path) -> list[Note]:
    store = Store.open(path, readonly=True)
    try:
        return store.notes()
    finally:
        store.close()


def wait_for(check: Callable[[], bool], timeout: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
