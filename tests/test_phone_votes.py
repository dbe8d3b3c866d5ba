"""Dots that are never lost: the phone keeps its pending allocation in localStorage.

A tap is on disk at once (fac.votes.WORKSHOP.CODE: round id and dots) and leaves it only after a
2xx for exactly that allocation; a reload, going offline or a lost answer never costs a
tap, and the newest allocation wins. Chromium at 390x844, traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.store import Store
from tests.test_phone_support import PHONE, wait_for
from tests.test_server_support import collect, groups, join, post

pytestmark = pytest.mark.browser
ITEMS = ("Jeugd eerst", "Leesbevordering", "Data delen")


@pytest.fixture
def page(browser: Any, server: ParticipantServer, engine: Engine,
         workshop_path: Path) -> Iterator[Any]:
    """A phone at Tafel 1, voting on three notes of someone else."""
    code = groups(workshop_path)[0].code
    other = join(server.port, code)
    for i, text in enumerate(ITEMS):
        post(server.port, other, f"other-000{i}", text)
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(8000)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(server.join_url(code, "127.0.0.1"))
    page.click("#join-button")
    page.wait_for_selector("#round-screen:not([hidden])")
    collect(engine, workshop_path, Phase.VOTE)
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    yield page
    context.close()
    assert not errors, errors
    assert all(url.startswith(server.event_url("127.0.0.1")) for url in requests), requests


def _votes(path: Path) -> dict[str, int]:
    store = Store.open(path, readonly=True)
    try:
        return {f"n{v.note_id}" if v.note_id else f"c{v.cluster_id}": v.dots
                for v in store.votes() if v.dots}
    finally:
        store.close()


def _keys(path: Path) -> dict[str, str]:
    store = Store.open(path, readonly=True)
    try:
        return {n.text: f"n{n.id}" for n in store.notes()}
    finally:
        store.close()


def _tap(page: Any, name: str) -> None:
    page.get_by_role("button", name=re.compile("^" + name)).click()


def _pending(page: Any, path: Path) -> Any:
    raw = page.evaluate("localStorage.getItem('fac.votes.' + document.documentElement.dataset"
                        f".workshop + '.{groups(path)[0].code}')")
    return None if raw is None else json.loads(raw)


def test_a_tap_right_before_a_reload_reaches_the_laptop(page: Any, workshop_path: Path) -> None:
    keys = _keys(workshop_path)
    puts: list[str] = []
    page.on("request", lambda r: puts.append(r.post_data) if r.method == "PUT" else None)
    _tap(page, "Data delen")
    assert _pending(page, workshop_path)["dots"] == {keys["Data delen"]: 1}  # on disk at once
    page.reload()  # well within the 0.6 s before the automatic save
    assert puts == []
    wait_for(lambda: _votes(workshop_path) == {keys["Data delen"]: 1}, what="the tap stored")
    wait_for(lambda: _pending(page, workshop_path) is None, what="the pending choice cleared")
    assert page.get_by_role("button", name=re.compile("^Data delen")).get_attribute(
        "aria-pressed") == "true"
    assert _votes(workshop_path) == {keys["Data delen"]: 1}


def test_offline_taps_replace_the_saved_choice_after_a_reload(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    from playwright.sync_api import Error

    keys = _keys(workshop_path)
    _tap(page, "Jeugd eerst")
    wait_for(lambda: _votes(workshop_path) == {keys["Jeugd eerst"]: 1}, what="first choice")
    wait_for(lambda: _pending(page, workshop_path) is None, what="nothing pending")
    page.context.set_offline(True)
    _tap(page, "Leesbevordering")
    _tap(page, "Jeugd eerst")  # the dot comes back: the newest allocation is one dot
    page.wait_for_timeout(900)  # the automatic save fails: no network
    assert _pending(page, workshop_path)["dots"] == {keys["Leesbevordering"]: 1}
    with pytest.raises(Error):
        page.reload()  # no service worker on plain http: offline, the reload fails
    page.context.set_offline(False)
    page.goto(server.join_url(groups(workshop_path)[0].code, "127.0.0.1"))
    wait_for(lambda: _votes(workshop_path) == {keys["Leesbevordering"]: 1}, what="replaced")
    wait_for(lambda: _pending(page, workshop_path) is None, what="the pending choice cleared")

    # Offline without a reload: the `online` event sends it.
    page.context.set_offline(True)
    _tap(page, "Data delen")
    page.wait_for_timeout(900)
    page.context.set_offline(False)
    want = {keys["Leesbevordering"]: 1, keys["Data delen"]: 1}
    wait_for(lambda: _votes(workshop_path) == want, what="sent when back online")


def test_only_the_answer_for_exactly_that_allocation_clears_it(
    page: Any, workshop_path: Path
) -> None:
    keys = _keys(workshop_path)
    held: list[Any] = []
    page.route("**/api/votes", lambda route: held.append(route))

    def pump(n: int) -> bool:
        page.wait_for_timeout(20)  # lets Playwright hand over the routed request
        return len(held) == n

    _tap(page, "Jeugd eerst")
    wait_for(lambda: pump(1), what="the first save on its way")
    _tap(page, "Data delen")  # tapped while the first save is under way
    newer = {keys["Jeugd eerst"]: 1, keys["Data delen"]: 1}
    assert _pending(page, workshop_path)["dots"] == newer
    held[0].continue_()  # the laptop stores the older allocation and answers 200
    wait_for(lambda: pump(2), what="the newer allocation sent after it")
    assert _votes(workshop_path) == {keys["Jeugd eerst"]: 1}
    assert _pending(page, workshop_path)["dots"] == newer  # that 200 was not for this one
    held[1].continue_()
    wait_for(lambda: _pending(page, workshop_path) is None, what="cleared by its own 200")
    assert _votes(workshop_path) == newer


def test_a_choice_kept_for_another_round_is_dropped_not_sent(
    page: Any, workshop_path: Path
) -> None:
    keys = _keys(workshop_path)
    code = groups(workshop_path)[0].code
    puts: list[str] = []
    page.on("request", lambda r: puts.append(r.url) if r.method == "PUT" else None)
    page.evaluate("""([code, key]) => localStorage.setItem('fac.votes.'
        + document.documentElement.dataset.workshop + '.' + code,
        JSON.stringify({round: 987654, dots: {[key]: 1}, error: null}))""",
                  [code, keys["Data delen"]])
    page.reload()
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    wait_for(lambda: _pending(page, workshop_path) is None, what="the stale choice dropped")
    page.wait_for_timeout(300)
    assert puts == [] and _votes(workshop_path) == {}
