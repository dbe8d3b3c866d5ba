"""The phone page in a real browser at 390x844: join, send, offline outbox, plain text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.engine import Engine
from facilitator.server import ParticipantServer
from facilitator.store import Store
from tests.test_phone_support import PHONE, stored_notes, wait_for
from tests.test_server_support import groups, join, post

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def _join(page: Any, server: ParticipantServer, code: str) -> None:
    page.goto(server.join_url(code, "127.0.0.1"))
    assert page.input_value("#code") == code
    page.click("#join-button")
    page.wait_for_selector("#note-text")


def _send(page: Any, text: str) -> None:
    page.fill("#note-text", text)
    page.click("#send")


def test_join_and_send_a_note_that_shows_literally(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    _join(page, server, code)
    page.wait_for_selector("#phase:text('Notities schrijven')")  # after the first state
    assert page.text_content("#group-name") == "Tafel 1"
    _send(page, "<b>x</b>")
    page.wait_for_selector("#mine .note-state.saved")
    assert [n.text for n in stored_notes(workshop_path)] == ["<b>x</b>"]
    assert page.text_content("#mine .note-text") == "<b>x</b>"
    assert page.locator("#mine b").count() == 0
    assert page.input_value("#note-text") == ""
    # A note from someone else in the group arrives live, also as plain text.
    other = join(server.port, code)
    post(server.port, other, "other-0001", "<img src=x onerror=alert(1)>")
    page.wait_for_selector("#others .note-text")
    assert page.text_content("#others .note-text") == "<img src=x onerror=alert(1)>"
    assert page.locator("#others img").count() == 0


def test_offline_notes_are_stored_exactly_once(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    from playwright.sync_api import Error

    code = groups(workshop_path)[0].code
    _join(page, server, code)
    page.context.set_offline(True)
    _send(page, "in de lift")
    _send(page, "nog een")
    wait_for(lambda: page.locator("#mine .note-state.sending").count() == 2, what="queued")
    assert page.is_visible("#connection")
    with pytest.raises(Error):
        page.reload()  # no service worker on plain http: offline, the reload fails
    page.context.set_offline(False)
    page.goto(server.join_url(code, "127.0.0.1"))  # the person opens the page again
    wait_for(lambda: len(stored_notes(workshop_path)) >= 2, what="both notes stored")
    wait_for(lambda: page.locator("#mine .note-state.saved").count() == 2, what="saved")
    # wait_for_function would eval a string, which the page's CSP rightly forbids.
    outbox = ("Object.keys(localStorage).filter(k => k.startsWith("
              f"'fac.ob.' + document.documentElement.dataset.workshop + '.{code}.')).length")
    wait_for(lambda: page.evaluate(outbox) == 0, what="an empty outbox")
    assert sorted(n.text for n in stored_notes(workshop_path)) == ["in de lift", "nog een"]

    # Back online without a reload: the `online` event sends what waits.
    page.context.set_offline(True)
    _send(page, "derde")
    page.wait_for_selector("#mine .note-state.sending")
    page.context.set_offline(False)
    wait_for(lambda: len(stored_notes(workshop_path)) == 3, what="the third note")


def _lose_the_first_answer(page: Any, pattern: str) -> list[str]:
    """The first request to `pattern` reaches the laptop, its answer never the phone;
    the list gets that request's body."""
    lost: list[str] = []

    def drop_first_answer(route: Any) -> None:
        if not lost:
            route.fetch()  # the laptop does the work ...
            lost.append(route.request.post_data)
            route.abort()  # ... but the answer never reaches the phone
        else:
            route.continue_()

    page.route(pattern, drop_first_answer)
    return lost


def test_a_lost_acknowledgement_is_retried_without_a_duplicate(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    _join(page, server, code)
    lost = _lose_the_first_answer(page, "**/api/notes")
    _send(page, "maar één keer")
    page.wait_for_selector("#mine .note-state.saved", timeout=15000)
    assert lost
    assert [n.text for n in stored_notes(workshop_path)] == ["maar één keer"]


def test_a_join_whose_answer_was_lost_is_one_participant(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    lost = _lose_the_first_answer(page, "**/api/join")
    page.goto(server.join_url(code, "127.0.0.1"))
    page.click("#join-button")
    page.wait_for_selector("#join-error:not(:empty)")
    page.click("#join-button")  # the person taps again
    page.wait_for_selector("#note-text")
    assert lost
    store = Store.open(workshop_path, readonly=True)
    try:
        assert len(store.participants()) == 1
    finally:
        store.close()


def test_a_408_for_a_slow_body_is_retried_like_a_network_failure(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    _join(page, server, code)
    refused: list[int] = []

    def too_slow_once(route: Any) -> None:
        if not refused:
            refused.append(408)
            route.fulfill(status=408, content_type="application/json",
                          body='{"error":{"code":"too_slow","message":"too slow"}}')
        else:
            route.continue_()

    page.route("**/api/notes", too_slow_once)
    _send(page, "over een traag netwerk")
    page.wait_for_selector("#mine .note-state.saved", timeout=15000)
    assert refused == [408]
    assert [n.text for n in stored_notes(workshop_path)] == ["over een traag netwerk"]


def test_reload_keeps_participant_draft_and_language(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    _join(page, server, code)
    _send(page, "eerste")
    page.wait_for_selector("#mine .note-state.saved")
    page.type("#note-text", "half af")
    assert page.text_content("#counter") == "7 van 280 tekens"
    page.click("#lang")
    assert page.text_content("#send") == "Send"
    page.reload()
    page.wait_for_selector("#mine .note-state.saved")
    assert page.input_value("#note-text") == "half af"
    assert page.text_content("#send") == "Send"
    assert page.text_content("#mine .note-state") == "saved"
    page.fill("#note-text", "x" * 281)
    assert page.is_disabled("#send")
    assert "too long" in page.text_content("#counter")


def test_english_workshop_and_refusals_in_its_language(
        browser: Any, server: ParticipantServer, engine: Engine) -> None:
    from tests.test_phone_language import _language

    _language(engine, "en")  # the page speaks the workshop's language (issue 11)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(server.event_url("127.0.0.1"))
        assert page.text_content("#join-button") == "Join"
        page.fill("#code", "zzzzz")
        page.click("#join-button")
        page.wait_for_selector("#join-error:not([hidden])")
        assert "does not exist" in page.text_content("#join-error")
    finally:
        context.close()


def test_polling_takes_over_when_the_stream_is_blocked(
    page: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    page.route("**/api/events*", lambda route: route.abort())  # a proxy that kills SSE
    code = groups(workshop_path)[0].code
    _join(page, server, code)
    other = join(server.port, code)
    post(server.port, other, "other-0001", "via polling")
    page.wait_for_selector("#others .note-text", timeout=9000)
    assert page.text_content("#others .note-text") == "via polling"
