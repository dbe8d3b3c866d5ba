"""Accessibility of the phone page: axe-core on every screen, and 200% text size.

axe-core comes from npm, pinned in tests/a11y/package-lock.json; `.ci/run` installs it
with `npm ci --prefix tests/a11y`. It is injected as a script tag, which the page's CSP
(default-src 'self') rightly refuses, so only the axe context bypasses the CSP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import CreateCluster, Engine, StartTimer
from facilitator.server import ParticipantServer
from tests.test_phone_support import PHONE, browser_fixture, stored_notes
from tests.test_server_support import collect, groups, join, post, running

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
BAD = ("serious", "critical")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from browser_fixture()


@pytest.fixture
def server(engine: Engine, workshop_path: Path) -> Iterator[ParticipantServer]:
    collect(engine, workshop_path, Phase.PREPARE)
    with running(engine, workshop_path) as srv:
        yield srv


def _walk(page: Any, server: ParticipantServer, engine: Engine, path: Path,
          check: Callable[[str], None]) -> None:
    """One phone at Tafel 2 through every screen of a round; `check` runs on each."""
    group = groups(path)[1]
    rid = collect(engine, path, Phase.PREPARE)
    page.goto(server.event_url("127.0.0.1"))
    page.locator("#group-list input").first.wait_for()
    check("join")
    page.click("#join-button")  # nothing chosen: the refusal shows
    page.wait_for_selector("#join-error:not([hidden])")
    check("join-error")
    page.get_by_label("Tafel 2", exact=True).check()
    page.click("#join-button")
    page.wait_for_selector("#phase-message:not([hidden])")
    check("waiting")

    other = join(server.port, group.code)
    collect(engine, path)
    engine.execute(StartTimer(rid, 600))
    for i, text in enumerate(("Jeugd zonder drempels", "Eén pas voor alle bibliotheken",
                              "Data van de KB laten zien")):
        post(server.port, other, f"other-000{i}", text)
    page.wait_for_selector("#note-text")
    page.fill("#note-text", "Samen inkopen")
    page.click("#send")
    page.wait_for_selector("#mine .note-state.saved")
    page.context.set_offline(True)
    page.fill("#note-text", "Wacht in de outbox")
    page.click("#send")
    page.wait_for_selector("#mine .note-state.sending")
    page.wait_for_selector("#others .note-text")
    page.click("#method-name")  # the method's instruction unfolded
    check("collect")
    page.context.set_offline(False)
    page.wait_for_selector("#mine .note-state.sending", state="detached")

    notes = [n.id for n in stored_notes(path) if n.group_id == group.id]
    collect(engine, path, Phase.GROUP)
    engine.execute(CreateCluster(group.id, rid, "Jeugd en onderwijs", tuple(notes[:2])))
    page.wait_for_selector("#phase:text('Ordenen')")
    check("group")
    collect(engine, path, Phase.VOTE)
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    page.locator(".vote-pick").first.click()
    page.wait_for_selector("#vote-state.saved:text('opgeslagen')")
    check("vote")
    collect(engine, path, Phase.CLOSED)
    page.wait_for_selector("#phase:text('Afgesloten')")
    check("closed")


def test_axe_finds_nothing_serious_on_any_screen(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    if not AXE.exists():
        pytest.skip("axe-core missing: npm ci --prefix tests/a11y --no-audit --no-fund")
    context = browser.new_context(viewport=PHONE, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    found: dict[str, list[str]] = {}
    checked: list[str] = []

    def axe(screen: str) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        checked.append(screen)
        for v in result["violations"]:
            print(screen, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
               for v in result["violations"] if v["impact"] in BAD]
        if bad:
            found[screen] = bad

    try:
        _walk(page, server, engine, workshop_path, axe)
        page.click("#lang")  # and the English page once
        axe("closed-en")
    finally:
        context.close()
    assert len(checked) == 8
    assert not found, found


def test_200_percent_text_fits_and_nothing_leaves_the_laptop(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    """A phone's larger-text setting: root font size 200%, still 390 px wide. The same
    walk through a whole round records every request: all go to the laptop's origin."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    problems: list[str] = []

    def fits(screen: str) -> None:
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        report = page.evaluate(
            """() => {
                 const root = document.documentElement, out = [];
                 const size = parseFloat(getComputedStyle(document.body).fontSize);
                 if (size < 33) out.push('text did not grow: ' + size + 'px');
                 if (root.scrollWidth > root.clientWidth)
                   out.push('page scrolls sideways: ' + root.scrollWidth);
                 for (const b of document.querySelectorAll('button, input, textarea, summary')) {
                   const r = b.getBoundingClientRect(), name = b.id || b.textContent;
                   if (!b.offsetParent && getComputedStyle(b).position !== 'fixed') continue;
                   if (r.width === 0 || r.height === 0) out.push('collapsed: ' + name);
                   else if (r.left < 0 || r.right > root.clientWidth + 0.5)
                     out.push('cut off: ' + name + ' ' + r.left + '-' + r.right);
                 }
                 return out;
               }"""
        )
        problems.extend(f"{screen}: {p}" for p in report)

    try:
        _walk(page, server, engine, workshop_path, fits)
    finally:
        context.close()
    assert not problems, problems
    origin = server.event_url("127.0.0.1")
    kinds = {u.removeprefix(origin).split("?")[0] for u in requests}
    assert {"api/event", "api/join", "api/notes", "api/votes", "api/events"} <= kinds, kinds
    assert all(url.startswith(origin) for url in requests), requests
