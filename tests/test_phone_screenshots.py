"""Screenshots of the phone page at 390x844 for docs/screenshots (phone-*.png).

One phone at Tafel 3 goes through every phase of a round: join (group picker), waiting,
collect (one note still in the outbox), grouping, vote (dots placed), closed, and once
in English. Skipped unless FACILITATOR_SCREENSHOTS=1, so the suite never rewrites
tracked files:
    FACILITATOR_SCREENSHOTS=1 uv run pytest tests/test_phone_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import CreateCluster, Engine, StartTimer
from facilitator.server import ParticipantServer
from tests.test_phone_support import PHONE, browser_fixture, stored_notes, wait_for
from tests.test_server_support import collect, groups, join, post, running

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("FACILITATOR_SCREENSHOTS") != "1",
                       reason="set FACILITATOR_SCREENSHOTS=1 to rewrite docs/screenshots"),
]
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SEEDS = (
    "Digitale basisvaardigheden: samen één aanbod voor heel het land.",
    "Jongeren bereiken waar ze zijn: school, sportclub, online.",
    "Laaggeletterdheid samen met gemeenten aanpakken.",
    "Eén pas voor alle bibliotheken.",
    "De KB-data laten zien wat lokaal al gebeurt.",
    "Samen inkopen van e-content.",
)


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(OUT / f"phone-{name}.png"))


def test_phone_screenshots(engine: Engine, workshop_path: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rid = collect(engine, workshop_path, Phase.PREPARE)
    with running(engine, workshop_path) as server:
        for browser in browser_fixture():
            _session(browser, server, engine, workshop_path, rid)


def _session(browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path,
             rid: int) -> None:
    group = groups(workshop_path)[2]
    context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=1)
    page = context.new_page()
    page.goto(server.event_url("127.0.0.1"))
    page.get_by_label("Tafel 3").check()
    page.fill("#name", "Marieke de Vries")
    page.fill("#org", "Bibliotheek Midden-Brabant")
    page.locator("#org").blur()
    _shot(page, "join")

    page.click("#join-button")
    page.wait_for_selector("#phase-message:not([hidden])")
    _shot(page, "waiting")

    others = [join(server.port, group.code) for _ in range(3)]
    collect(engine, workshop_path)
    engine.execute(StartTimer(rid, 720))
    for i, text in enumerate(SEEDS):
        post(server.port, others[i % 3], f"seed-000{i}", text)
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
    _shot(page, "collect")
    page.locator("#others-title").scroll_into_view_if_needed()
    _shot(page, "collect-notes")
    context.set_offline(False)
    wait_for(lambda: saved.count() == 3, what="the outbox emptied")

    notes = [n.id for n in stored_notes(workshop_path) if n.group_id == group.id]
    collect(engine, workshop_path, Phase.GROUP)
    engine.execute(CreateCluster(group.id, rid, "Jeugd en onderwijs", tuple(notes[:2])))
    engine.execute(CreateCluster(group.id, rid, "Samen werken", tuple(notes[2:4])))
    page.wait_for_selector("#phase:text('Ordenen')")
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, "group")

    collect(engine, workshop_path, Phase.VOTE)
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    page.locator(".vote-pick").nth(0).click()
    page.locator(".vote-pick").nth(2).click()
    page.wait_for_selector("#vote-state.saved:text('opgeslagen')")
    _shot(page, "vote")
    page.click("#lang")
    _shot(page, "en")
    page.click("#lang")

    collect(engine, workshop_path, Phase.CLOSED)
    page.wait_for_selector("#phase:text('Afgesloten')")
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, "closed")
    context.close()


SMALL = {"width": 360, "height": 640}


def test_phone_screenshots_at_360x640_normal_and_200_percent_text(
    engine: Engine, workshop_path: Path
) -> None:
    """phone-360-*.png and phone-360-big-*.png: a table card's page, writing with a note
    that arrived late and one too late, and voting with a theme's notes open."""
    OUT.mkdir(parents=True, exist_ok=True)
    rid = collect(engine, workshop_path)
    group = groups(workshop_path)[2]
    with running(engine, workshop_path) as server:
        other = join(server.port, group.code)
        ids = [post(server.port, other, f"shot-360-{i}", text).json["note"]["id"]
               for i, text in enumerate(SEEDS)]
        for browser in browser_fixture():
            for big in (False, True):
                suffix = "360-big" if big else "360"
                context = browser.new_context(viewport=SMALL, locale="nl-NL")
                page = context.new_page()
                page.goto(server.join_url(group.code, "127.0.0.1"))
                if big:
                    page.evaluate("document.documentElement.style.fontSize = '200%'")
                page.wait_for_selector("#join-button:not([disabled])")
                _shot(page, f"{suffix}-join")
                page.click("#join-button")
                page.wait_for_selector("#phase:text('Notities schrijven')")
                if big:
                    page.evaluate("document.documentElement.style.fontSize = '200%'")
                page.fill("#note-text", "Gemeenschappelijke informatievoorzieningsinfrastructuur"
                          " voor alle bibliotheken 👨‍👩‍👧‍👦")
                page.click("#send")
                page.wait_for_selector("#mine .note-state.saved")
                page.fill("#note-text", "Nog een gedachte die ik half af heb")
                _shot(page, f"{suffix}-collect")
                context.close()
            cluster = CreateCluster(group.id, rid, "Jeugd en school", tuple(ids[:4]))
            engine.execute(cluster)
            collect(engine, workshop_path, Phase.VOTE)
            for big in (False, True):
                suffix = "360-big" if big else "360"
                context = browser.new_context(viewport=SMALL, locale="nl-NL")
                page = context.new_page()
                page.goto(server.join_url(group.code, "127.0.0.1"))
                page.click("#join-button")
                page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
                if big:
                    page.evaluate("document.documentElement.style.fontSize = '200%'")
                page.click(".vote-sample summary")
                page.locator(".vote-pick").first.click()
                page.wait_for_selector("#vote-state:text-matches('^opgeslagen$')")
                _shot(page, f"{suffix}-vote")
                context.close()
            collect(engine, workshop_path)
