"""The phone page speaks the workshop's language (one language at a time: the page's
own words match the questions), whatever the browser's; a person's own choice (the
EN/NL button) still wins. Real browser at 390x844, real server and engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.engine import Engine, UpdateWorkshop
from facilitator.server import ParticipantServer
from tests.test_phone_support import PHONE, wait_for
from tests.test_server_support import groups

pytestmark = pytest.mark.browser


def _language(engine: Engine, language: str) -> None:
    from facilitator.store import Store

    store = Store.open(engine.path, readonly=True)
    try:
        w = store.workshop()
    finally:
        store.close()
    engine.execute(UpdateWorkshop(w.title, w.date, w.place, w.organisers, language))


def _page(browser: Any, locale: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def test_an_english_browser_at_a_dutch_workshop_reads_dutch(
    browser: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    context, page, errors = _page(browser, "en-GB")
    try:
        page.goto(server.join_url(groups(workshop_path)[0].code))
        assert page.get_attribute("html", "lang") == "nl"
        assert page.text_content("#join-button") != "Join"
        page.click("#join-button")
        page.wait_for_selector("#phase:text('Notities schrijven')")
        assert page.text_content("#lang") == "EN"  # English is one tap away
    finally:
        context.close()
    assert not errors, errors


def test_a_dutch_browser_at_an_english_workshop_reads_english_and_may_switch(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    _language(engine, "en")
    context, page, errors = _page(browser, "nl-NL")
    try:
        page.goto(server.join_url(groups(workshop_path)[0].code))
        assert page.get_attribute("html", "lang") == "en"
        assert page.text_content("#join-button") == "Join"
        page.click("#join-button")
        page.wait_for_selector("#note-text")
        wait_for(lambda: page.text_content("#send") == "Send", what="English page")
        page.click("#lang")  # the person's own choice wins over the workshop's
        assert page.text_content("#send") != "Send"
        page.reload()
        page.wait_for_selector("#note-text")
        wait_for(lambda: page.text_content("#send") != "Send", what="own choice kept")
    finally:
        context.close()
    assert not errors, errors


def test_the_page_follows_a_change_of_the_workshops_language(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    context, page, errors = _page(browser, "nl-NL")
    try:
        page.goto(server.join_url(groups(workshop_path)[0].code))
        page.click("#join-button")
        page.wait_for_selector("#phase:text('Notities schrijven')")
        _language(engine, "en")  # the phones refetch on WorkshopChanged
        page.wait_for_selector("#phase:text('Writing notes')", timeout=10000)
        assert page.get_attribute("html", "lang") == "en"
    finally:
        context.close()
    assert not errors, errors
