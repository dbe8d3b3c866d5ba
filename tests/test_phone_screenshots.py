"""Screenshots of the phone page at 390x844 for docs/screenshots (phone-*.png).

Skipped unless FACILITATOR_SCREENSHOTS=1, so the suite never rewrites tracked files:
    FACILITATOR_SCREENSHOTS=1 uv run pytest tests/test_phone_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import CreateCluster, Engine
from tests.test_phone_support import PHONE, browser_fixture, stored_notes, wait_for
from tests.test_server_support import collect, groups, join, post, running

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("FACILITATOR_SCREENSHOTS") != "1",
                       reason="set FACILITATOR_SCREENSHOTS=1 to rewrite docs/screenshots"),
]
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def test_phone_screenshots(engine: Engine, workshop_path: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    collect(engine, workshop_path)
    code = groups(workshop_path)[2].code
    with running(engine, workshop_path) as server:
        others = [join(server.port, code) for _ in range(2)]
        post(server.port, others[0], "seed-0001",
             "Digitale basisvaardigheden: samen één aanbod voor heel het land.")
        post(server.port, others[1], "seed-0002",
             "Jongeren bereiken waar ze zijn: school, sportclub, online.")
        for browser in browser_fixture():
            _shoot(browser, server.join_url(code, "127.0.0.1"))
            group = groups(workshop_path)[2]
            notes = [n.id for n in stored_notes(workshop_path) if n.group_id == group.id]
            rid = collect(engine, workshop_path, Phase.GROUP)
            engine.execute(CreateCluster(group.id, rid, "Jeugd en onderwijs", tuple(notes[:2])))
            collect(engine, workshop_path, Phase.VOTE)
            _shoot_vote(browser, server.join_url(code, "127.0.0.1"))


def _shoot_vote(browser: Any, url: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=1)
    page = context.new_page()
    page.goto(url)
    page.click("#join-button")
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    page.locator(".vote-item .dot-button:text('+')").first.click()
    page.locator(".vote-item .dot-button:text('+')").nth(1).click()
    page.locator("#vote-title").scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / "phone-vote.png"))
    context.close()


def _shoot(browser: Any, url: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=1)
    page = context.new_page()
    page.goto(url)
    page.fill("#name", "Marieke de Vries")
    page.fill("#org", "Bibliotheek Midden-Brabant")
    page.locator("#code").blur()
    page.screenshot(path=str(OUT / "phone-join.png"))

    page.click("#join-button")
    page.wait_for_selector("#note-text")
    saved = page.locator("#mine .note-state.saved")
    for n, text in enumerate(("Eén landelijke collectie, lokaal zichtbaar.",
                              "Data van de KB gebruiken om te laten zien wat al gebeurt."),
                             start=1):
        page.fill("#note-text", text)
        page.click("#send")
        wait_for(lambda n=n: saved.count() == n, what=f"note {n} saved")
    context.set_offline(True)  # the third note stays in the outbox for the picture
    page.fill("#note-text", "Leesbevordering <b>samen</b> met het onderwijs.")
    page.click("#send")
    page.wait_for_selector("#mine .note-state.sending")
    page.type("#note-text", "Gemeenten betrekken bij")
    page.locator("#note-text").blur()
    page.screenshot(path=str(OUT / "phone-collect.png"))
    page.locator("#others-title").scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / "phone-collect-notes.png"))
    context.set_offline(False)
    context.close()
