"""Accessibility of the phone page: axe-core on every screen, and 200% text size.

axe-core comes from npm, pinned in tests/a11y/package-lock.json; the `axe` fixture runs
`npm ci --prefix tests/a11y` once when it is missing, and fails loudly if it cannot
(tests/system_tools.py): never a silent skip. It is injected as a script tag, which the
page's CSP (default-src 'self') rightly refuses, so only the axe context bypasses the CSP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import CreateCluster, Engine, StartTimer
from facilitator.server import ParticipantServer
from tests.system_tools import provide_axe
from tests.test_phone_support import PHONE, stored_notes
from tests.test_server_support import collect, groups, join, post, running

pytestmark = pytest.mark.browser
BAD = ("serious", "critical")


@pytest.fixture(scope="session")
def axe() -> Path:
    return provide_axe()


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


FITS = """() => {
  const root = document.documentElement, out = [];
  const size = parseFloat(getComputedStyle(document.body).fontSize);
  if (size < 33) out.push('text did not grow: ' + size + 'px');
  if (root.scrollWidth > root.clientWidth) out.push('page scrolls sideways: ' + root.scrollWidth);
  for (const b of document.querySelectorAll('button, input, textarea, summary')) {
    const r = b.getBoundingClientRect(), name = b.id || b.textContent;
    if (!b.offsetParent && getComputedStyle(b).position !== 'fixed') continue;
    if (r.width === 0 || r.height === 0) out.push('collapsed: ' + name);
    else if (r.left < 0 || r.right > root.clientWidth + 0.5)
      out.push('cut off: ' + name + ' ' + r.left + '-' + r.right);
  }
  return out;
}"""


def test_every_screen_passes_axe_fits_200_percent_text_and_stays_on_the_laptop(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path, axe: Path
) -> None:
    """One walk through a whole round (one walk, because each phase change costs the page
    a jittered refetch). On each screen: axe-core finds nothing serious or critical; at
    200% text (a phone's larger-text setting, still 390 px wide) nothing scrolls sideways
    and every control stays whole on screen. Every request of the walk goes to the
    laptop's own origin (with the CSP bypassed for axe, a stray one would even succeed)."""
    context = browser.new_context(viewport=PHONE, locale="nl-NL", bypass_csp=True)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    found: dict[str, list[str]] = {}
    problems: list[str] = []
    checked: list[str] = []

    def run_axe(screen: str) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(axe))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            print(screen, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
               for v in result["violations"] if v["impact"] in BAD]
        if bad:
            found[screen] = bad

    def check(screen: str) -> None:
        checked.append(screen)
        run_axe(screen)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        problems.extend(f"{screen}: {p}" for p in page.evaluate(FITS))
        page.evaluate("document.documentElement.style.fontSize = ''")

    try:
        _walk(page, server, engine, workshop_path, check)
        page.click("#lang")  # and the English page once
        check("closed-en")
    finally:
        context.close()
    assert len(checked) == 8
    assert not found, found
    assert not problems, problems
    origin = server.event_url("127.0.0.1")
    kinds = {u.removeprefix(origin).split("?")[0] for u in requests}
    assert {"api/join", "api/notes", "api/votes", "api/events"} <= kinds, kinds
    assert "api/event" not in kinds  # the table list comes with the page itself
    assert all(url.startswith(origin) for url in requests), requests
