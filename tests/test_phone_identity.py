"""A phone never loses its identity to a wrong file (issue 11), in Chromium at 390x844.

The laptop's app closes workshop A and opens workshop B on the same port, then A again.
The phone holding A's token is not logged out by B's 401: it waits for A with its outbox
intact (nothing reaches B), and when A is back it carries on by itself: no second
participant, every waiting note stored exactly once. Real HTTP on 127.0.0.1, real files.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from facilitator import templates
from facilitator.engine import Engine
from facilitator.engine.commands import UpdateWorkshop
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store
from tests.test_phone_support import PHONE, stored_notes, wait_for
from tests.test_server_support import collect, groups

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(8000)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert not errors, errors


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """Two workshops from the same template, as a facilitator makes them for one day."""
    a, b = tmp_path / "ochtend.workshop", tmp_path / "middag.workshop"
    templates.create(a)
    templates.create(b)
    for path, title in ((a, "Ochtend A"), (b, "Middag B")):
        with Engine(path) as engine:
            engine.execute(UpdateWorkshop(title))
            collect(engine, path)
    return a, b


@pytest.fixture
def port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def laptop(path: Path, port: int) -> Iterator[ParticipantServer]:
    """The app on one workshop file, on the day's port (as after a restart)."""
    with Engine(path) as engine:
        server = ParticipantServer(
            engine, path, host="127.0.0.1", port=port, limits=Limits(identities_per_address=1000)
        )
        server.start()
        try:
            assert server.port == port
            yield server
        finally:
            server.stop()


def _shot(page: Any, name: str) -> None:
    """docs/screenshots/NAME.png, only when asked for (the suite never rewrites them):
    FACILITATOR_SCREENSHOTS=1 uv run pytest tests/test_phone_identity.py"""
    if os.environ.get("FACILITATOR_SCREENSHOTS") == "1":
        page.screenshot(
            path=str(
                Path(__file__).resolve().parent.parent / "docs" / "screenshots" / f"{name}.png"
            )
        )


def _count(path: Path) -> tuple[int, int]:
    """(participants, notes) in a workshop file."""
    store = Store.open(path, readonly=True)
    try:
        return len(store.participants()), len(store.notes())
    finally:
        store.close()


def _uid(path: Path) -> str:
    store = Store.open(path, readonly=True)
    try:
        return store.workshop_uid()
    finally:
        store.close()


def _join(page: Any, server: ParticipantServer, code: str) -> None:
    page.goto(server.join_url(code, "127.0.0.1"))
    page.wait_for_selector("#join-button:not([disabled])")
    page.click("#join-button")
    page.wait_for_selector("#phase:text('Notities schrijven')")


def _send(page: Any, text: str) -> None:
    page.fill("#note-text", text)
    page.click("#send")


def _token(page: Any, uid: str, code: str) -> str | None:
    raw = page.evaluate(f"localStorage.getItem('fac.token.{uid}.{code}')")
    return None if raw is None else str(raw)


def test_a_phone_waits_for_its_workshop_and_comes_back_by_itself(
    context: Any, files: tuple[Path, Path], port: int
) -> None:
    a, b = files
    code_a = groups(a)[0].code
    page = context.new_page()
    with laptop(a, port) as server:
        _join(page, server, code_a)
        _send(page, "voor de pauze")
        page.wait_for_selector("#mine .note-state.saved")
    # The laptop is closed: the next note waits on the phone.
    _send(page, "tijdens het wisselen")
    page.wait_for_selector("#mine .note-state.sending")
    token = _token(page, _uid(a), code_a)
    assert token is not None

    with laptop(b, port):  # the app opened on another workshop, on the same port
        page.wait_for_selector("#away-screen:not([hidden])", timeout=20000)
        assert page.is_hidden("#join-screen")  # not logged out
        assert page.text_content("#away-title") == "Even wachten op Ochtend A"
        wait_for(
            lambda: "Middag B" in (page.text_content("#away-text") or ""),
            what="the other workshop named",
        )
        assert page.is_hidden("#connection")  # the laptop answers: no "no connection"
        assert "1 notitie wacht" in (page.text_content("#away-kept") or "")
        assert _token(page, _uid(a), code_a) == token  # the token and the outbox stay
        outbox = (
            "Object.values(localStorage).filter(v => v.includes('tijdens het wisselen')).length"
        )
        assert page.evaluate(outbox) == 1
        page.wait_for_timeout(3000)  # a few of its retries reach B: none may store a thing
        assert _count(b) == (0, 0)
        _shot(page, "phone-away")
        page.click("#lang")  # English, as the rest of the page
        assert page.text_content("#away-title") == "Waiting for Ochtend A"
        assert page.text_content("#away-join") == "Join Middag B instead"
        _shot(page, "phone-away-en")
        page.click("#lang")
        # A reload while B serves the page: still waiting for A, still not logged out.
        page.reload()
        page.wait_for_selector("#away-screen:not([hidden])")
        assert page.is_hidden("#join-screen") and page.is_hidden("#round-screen")
        wait_for(
            lambda: "Middag B" in (page.text_content("#away-text") or ""),
            what="the other workshop named after the reload",
        )
        assert _count(b) == (0, 0)

    with laptop(a, port):  # A is back: the phone carries on without a tap
        page.wait_for_selector("#round-screen:not([hidden])", timeout=30000)
        wait_for(lambda: _count(a)[1] == 2, timeout=20, what="the waiting note stored")
        page.wait_for_selector("#mine .note-state.saved >> nth=1")
        assert page.evaluate(outbox) == 0
        page.wait_for_timeout(1000)
        assert sorted(n.text for n in stored_notes(a)) == ["tijdens het wisselen", "voor de pauze"]
        assert _count(a) == (1, 2)  # one participant, each note once
    assert _count(b) == (0, 0)


def test_a_phone_opening_another_workshops_code_joins_it_and_keeps_its_first_seat(
    context: Any, files: tuple[Path, Path], port: int
) -> None:
    """The afternoon's table card scanned while a note of the morning still waits: the
    phone joins B as any phone would, A's token and note stay (the note neither sent to B
    nor given up as refused), and A's card later resumes the same participant."""
    a, b = files
    code_a, code_b = groups(a)[0].code, groups(b)[1].code
    page = context.new_page()
    with laptop(a, port) as server:
        _join(page, server, code_a)
        _send(page, "in A")
        page.wait_for_selector("#mine .note-state.saved")
    _send(page, "nog voor A")  # the laptop is closed: it waits
    page.wait_for_selector("#mine .note-state.sending")
    token_a = _token(page, _uid(a), code_a)
    assert token_a is not None
    with laptop(b, port) as server:
        _join(page, server, code_b)
        _send(page, "in B")
        page.wait_for_selector("#mine .note-state.saved")
        page.wait_for_timeout(1500)
        assert _count(b) == (1, 1)
        assert [n.text for n in stored_notes(b)] == ["in B"]
        assert _token(page, _uid(a), code_a) == token_a  # A's seat kept beside B's
        page.wait_for_selector("#connection:text('1 notitie wacht op een andere werkplaats')")
    with laptop(a, port) as server:  # back to A's card: the same participant
        page.goto(server.join_url(code_a, "127.0.0.1"))
        page.wait_for_selector("#mine .note-text:text('in A')")
        assert page.is_hidden("#join-screen")
        wait_for(lambda: _count(a) == (1, 2), what="A's waiting note stored in A, once")
        page.wait_for_selector("#mine .note-state.saved >> nth=1")
        assert page.locator("#mine .note-state.failed").count() == 0


def test_a_token_its_own_workshop_does_not_know_still_asks_to_join_again(
    context: Any, files: tuple[Path, Path], port: int
) -> None:
    a, _ = files
    code_a = groups(a)[0].code
    page = context.new_page()
    with laptop(a, port) as server:
        _join(page, server, code_a)
        # As if the participant were gone from this very file (a restore from before it
        # joined): the same workshop answers 401, so the phone asks to join again.
        page.evaluate(
            f"localStorage.setItem('fac.token.{_uid(a)}.{code_a}', "
            "JSON.stringify({token: 'unknown-to-this-file'}))"
        )
        page.reload()
        page.wait_for_selector("#join-screen:not([hidden])")
        assert page.is_hidden("#away-screen")
        assert page.text_content("#join-error") == "Doe opnieuw mee aan uw tafel."


def test_the_waiting_screen_passes_axe_and_fits_200_percent_text(
    browser: Any, files: tuple[Path, Path], port: int
) -> None:
    from tests.system_tools import provide_axe
    from tests.test_phone_a11y import BAD, FITS

    axe = provide_axe()
    a, b = files
    context = browser.new_context(viewport=PHONE, locale="nl-NL", bypass_csp=True)
    try:
        page = context.new_page()
        with laptop(a, port) as server:
            _join(page, server, groups(a)[0].code)
        with laptop(b, port):
            page.wait_for_selector("#away-screen:not([hidden])", timeout=20000)
            wait_for(
                lambda: "Middag B" in (page.text_content("#away-join") or ""),
                what="the other workshop named",
            )
            assert page.evaluate("document.activeElement.id") == "away-title"
            page.add_script_tag(path=str(axe))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            bad = [
                f"{v['id']}: {[n['target'] for n in v['nodes']]}"
                for v in result["violations"]
                if v["impact"] in BAD
            ]
            assert not bad, bad
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            assert page.evaluate(FITS) == []
    finally:
        context.close()


def test_joining_the_other_workshop_from_the_waiting_screen_keeps_the_first_seat(
    context: Any, files: tuple[Path, Path], port: int
) -> None:
    """ "Toch meedoen aan Middag B": B's own page and tables; A's waiting note stays on the
    phone, is never sent to B, and reaches A once A is back."""
    a, b = files
    code_a = groups(a)[0].code
    page = context.new_page()
    with laptop(a, port) as server:
        _join(page, server, code_a)
    _send(page, "voor A")
    page.wait_for_selector("#mine .note-state.sending")
    with laptop(b, port):
        page.wait_for_selector("#away-join:text('Toch meedoen aan Middag B')", timeout=20000)
        page.click("#away-join")
        page.wait_for_selector("#join-screen:not([hidden])")
        listed = page.eval_on_selector_all("#group-list input", "els => els.map(e => e.value)")
        assert listed == [g.code for g in groups(b)]
        page.wait_for_selector("#connection:text('1 notitie wacht op een andere werkplaats')")
        page.get_by_label(groups(b)[0].name, exact=True).check()
        page.click("#join-button")
        page.wait_for_selector("#phase:text('Notities schrijven')")
        page.wait_for_timeout(1500)
        assert _count(b) == (1, 0)  # joined B; A's note not sent there
    with laptop(a, port) as server:
        # The page (at B's table) now waits for B, and sends what it holds for A to A.
        page.wait_for_selector("#away-title:text('Even wachten op Middag B')", timeout=30000)
        wait_for(lambda: _count(a) == (1, 1), timeout=20, what="A's note sent to A by itself")
        page.goto(server.join_url(code_a, "127.0.0.1"))
        page.wait_for_selector("#mine .note-text:text('voor A')", timeout=20000)
        wait_for(lambda: _count(a) == (1, 1), what="A's note stored in A, once")
        page.wait_for_selector("#mine .note-state.saved")
    assert [n.text for n in stored_notes(a)] == ["voor A"]
