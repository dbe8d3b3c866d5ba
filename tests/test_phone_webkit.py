"""The phone page's core flow in a real WebKit engine: WebKitGTK's MiniBrowser driven by
Debian's WebKitWebDriver through selenium. iOS Safari is WebKit too; docs/WEBKIT.md says
what this does and does not cover of an iPhone.

Join from a table card, write a note, lose the laptop and get it back (the note waits
and goes once), vote by tapping. MiniBrowser needs a display: without one, this starts
its own Xvfb. Skipped, loudly, only where the driver binary is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import Engine, SetPhase
from facilitator.server import ParticipantServer
from facilitator.store import Store
from tests.test_phone_support import stored_notes, wait_for
from tests.test_server_support import collect, groups, join, post

pytestmark = [
    pytest.mark.browser,
    # selenium's own WebKitGTK driver class still uses its deprecated way of connecting.
    pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
]

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
DRIVER = shutil.which("WebKitWebDriver")
MINIBROWSER = next(
    (str(p) for p in Path("/usr/lib").glob("*/webkit2gtk-4.*/MiniBrowser") if p.exists()), None
)


@pytest.fixture(scope="module")
def display() -> Iterator[None]:
    if os.environ.get("DISPLAY"):
        yield
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.fail(
            "Xvfb is missing: WebKitGTK's MiniBrowser needs a display (.ci/run installs xvfb)"
        )
    read, write = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    os.environ["DISPLAY"] = f":{number}"
    try:
        yield
    finally:
        del os.environ["DISPLAY"]
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def webkit(display: None) -> Iterator[Any]:
    if DRIVER is None or MINIBROWSER is None:
        pytest.skip(
            "!!! WEBKIT NOT TESTED: WebKitWebDriver (Debian package webkit2gtk-driver) "
            "is not installed; `apt-get install webkit2gtk-driver` or run .ci/run !!!"
        )
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    driver = webdriver.WebKitGTK(options=options, service=Service(executable_path=DRIVER))
    driver.set_window_size(390, 844)
    try:
        yield driver
    finally:
        driver.quit()


def _text(driver: Any, css: str) -> str:
    """The element's text; "" while a live update is redrawing it (a stale element)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        found = driver.find_elements(By.CSS_SELECTOR, css)
        return str(found[0].text) if found else ""
    except StaleElementReferenceException:
        return ""


def _click(driver: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, css).click()


def _tap(driver: Any, label: str) -> bool:
    """Tap the vote item with this label; False when a live update redrew it meanwhile."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        for pick in driver.find_elements(By.CSS_SELECTOR, ".vote-pick"):
            if label in pick.text:
                pick.click()
                return True
    except StaleElementReferenceException:
        pass
    return False


def _votes(path: Path) -> dict[int, int]:
    store = Store.open(path, readonly=True)
    try:
        return {v.note_id or 0: v.dots for v in store.votes() if v.dots}
    finally:
        store.close()


def test_webkit_join_write_offline_and_back_and_vote(
    webkit: Any, engine: Engine, workshop_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    rid = collect(engine, workshop_path)
    group = groups(workshop_path)[0]
    server = ParticipantServer(engine, workshop_path, host="127.0.0.1", port=0)
    port = server.start()
    try:
        webkit.get(server.join_url(group.code, "127.0.0.1"))
        wait_for(lambda: webkit.find_element(By.ID, "join-button").is_enabled(), what="scripts")
        _click(webkit, "#join-button")
        wait_for(lambda: _text(webkit, "#phase") == "Notities schrijven", what="the round")
        box = webkit.find_element(By.ID, "note-text")
        # WebKitWebDriver types no characters outside the BMP: paste the emoji instead.
        box.send_keys("uit WebKit ")
        webkit.execute_script(
            "var b = arguments[0]; b.value += arguments[1]; b.dispatchEvent(new Event('input'));",
            box,
            FAMILY,
        )
        assert _text(webkit, "#counter") == "12 van 280 tekens"  # the family is one
        _click(webkit, "#send")
        wait_for(lambda: _text(webkit, "#mine .note-state") == "opgeslagen", what="saved")
        # The laptop goes away (the app restarts): the note waits, then goes once.
        server.stop()
        webkit.find_element(By.ID, "note-text").send_keys("terwijl de laptop weg is")
        _click(webkit, "#send")
        wait_for(lambda: "Geen verbinding" in _text(webkit, "#connection"), what="offline shown")
        assert "wordt verzonden" in _text(webkit, "#mine .note-state")
        server = ParticipantServer(engine, workshop_path, host="127.0.0.1", port=port)
        server.start()
        wait_for(lambda: len(stored_notes(workshop_path)) == 2, timeout=20, what="sent on return")
        assert sorted(n.text for n in stored_notes(workshop_path)) == [
            "terwijl de laptop weg is",
            "uit WebKit 👨‍👩‍👧‍👦",
        ]
        # Vote: tap a note of someone else for a dot; it is saved by itself.
        other = join(server.port, group.code)
        theirs = post(server.port, other, "webkit-other-1", "van een ander").json["note"]["id"]
        engine.execute(SetPhase(rid, Phase.VOTE))
        wait_for(
            lambda: len(webkit.find_elements(By.CSS_SELECTOR, ".vote-pick")) == 3,
            timeout=15,
            what="the vote items",
        )
        wait_for(lambda: _tap(webkit, "van een ander"), what="a tap on the item")
        wait_for(lambda: _votes(workshop_path) == {theirs: 1}, timeout=10, what="the dot stored")
        wait_for(lambda: "Nog 2 van 3" in _text(webkit, "#vote-budget"), what="dots left")
    finally:
        server.stop()
