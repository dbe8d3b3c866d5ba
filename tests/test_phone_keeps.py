"""The phone keeps every word (issue 15) in Chromium: two tabs on one outbox, notes that
arrive after writing ended, drafts that belong to their round, coming back to a table,
an edit under live updates, and prompt sending once the laptop is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase, Visibility
from facilitator.engine import Engine, SetActiveRound, SetPhase
from facilitator.engine.commands import UpdateRound
from facilitator.server import ParticipantServer
from facilitator.store import Store
from facilitator.store.specs import RoundSpec
from tests.test_phone_support import PHONE, stored_notes, wait_for
from tests.test_server_support import active_round, collect, groups, join, post, running

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    context.set_default_timeout(8000)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    context.on("page", lambda page: page.on("dialog", lambda d: d.accept()))
    yield context
    context.close()
    assert not errors, errors


def _open(context: Any, server: ParticipantServer, code: str) -> Any:
    page = context.new_page()
    page.goto(server.join_url(code, "127.0.0.1"))
    page.wait_for_selector("#join-button:not([disabled])", state="attached")
    if page.is_visible("#join-button"):  # a second tab resumes by itself
        page.click("#join-button")
    page.wait_for_selector("#phase:text('Notities schrijven')")
    return page


def _send(page: Any, text: str) -> None:
    page.fill("#note-text", text)
    page.click("#send")


def _participants(path: Path) -> int:
    store = Store.open(path, readonly=True)
    try:
        return len(store.participants())
    finally:
        store.close()


def _round_ids(path: Path) -> list[int]:
    store = Store.open(path, readonly=True)
    try:
        return [r.id for r in store.rounds()]
    finally:
        store.close()


def test_two_tabs_share_the_outbox_and_closing_one_loses_nothing(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    tab_a = _open(context, server, code)
    tab_b = _open(context, server, code)  # the QR code scanned twice: a second tab
    assert _participants(workshop_path) == 1
    context.set_offline(True)
    _send(tab_a, "uit tab A")
    _send(tab_b, "uit tab B")
    wait_for(
        lambda: tab_b.locator("#mine .note-state.sending").count() == 2,
        what="tab B shows both waiting notes",
    )
    tab_a.close()  # closed with its note still waiting
    context.set_offline(False)
    wait_for(lambda: len(stored_notes(workshop_path)) == 2, what="both notes stored")
    assert sorted(n.text for n in stored_notes(workshop_path)) == ["uit tab A", "uit tab B"]
    wait_for(lambda: tab_b.locator("#mine .note-state.saved").count() == 2, what="saved")


def test_a_slow_snapshot_never_takes_back_a_saved_note(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    """/api/state asked before a note was stored, answered after the note's own 2xx: the
    phone keeps showing the note as saved (it used to vanish: outbox emptied, snapshot
    without it, and the stream's copy is not recognisable as this phone's)."""
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    held: list[tuple[Any, Any]] = []
    page.route("**/api/state*", lambda route: held.append((route, route.fetch())))
    # The phone comes back from the lock screen: it asks for the state again.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    wait_for(lambda: page.wait_for_timeout(20) is None and bool(held), what="snapshot taken")
    _send(page, "net op tijd")
    page.wait_for_selector("#mine .note-state.saved")
    route, stale = held[0]
    with page.expect_event("requestfinished", lambda r: "/api/state" in r.url):
        route.fulfill(response=stale)  # the snapshot from before the note
    page.wait_for_timeout(300)  # the page reads the answer and draws it
    assert page.locator("#mine .note-text:text('net op tijd')").count() == 1
    assert page.locator("#mine .note-state.saved").count() == 1
    assert [n.text for n in stored_notes(workshop_path)] == ["net op tijd"]


def test_a_note_saved_in_one_tab_shows_as_mine_in_the_other(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    tab_a = _open(context, server, code)
    tab_b = _open(context, server, code)
    _send(tab_a, "van tab A")
    tab_b.wait_for_selector("#mine .note-text:text('van tab A')")
    tab_b.wait_for_selector("#mine .note-state.saved")
    assert tab_b.locator("#others .note-text:text('van tab A')").count() == 0


def test_a_note_that_arrives_after_writing_ended_is_stored_in_its_round_marked_late(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    first = active_round(workshop_path)
    context.set_offline(True)  # in the lift
    _send(page, "geschreven in ronde 1")
    page.wait_for_selector("#mine .note-state.sending")
    # The table moves on: grouping, and even the next question, before the lift opens.
    engine.execute(SetPhase(first, Phase.GROUP))
    second = _round_ids(workshop_path)[1]
    engine.execute(SetActiveRound(second))
    engine.execute(SetPhase(second, Phase.COLLECT))
    context.set_offline(False)
    wait_for(lambda: len(stored_notes(workshop_path)) == 1, what="the late note stored")
    note = stored_notes(workshop_path)[0]
    assert (note.round_id, note.late, note.text) == (first, True, "geschreven in ronde 1")
    # Under the new question the phone shows nothing of round 1 as its own.
    page.wait_for_selector("#mine-empty:not([hidden])")
    assert page.locator("#mine .note").count() == 0


def test_a_note_too_late_for_its_round_stays_on_screen_in_plain_words(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    first = active_round(workshop_path)
    context.set_offline(True)
    _send(page, "te laat")
    page.wait_for_selector("#mine .note-state.sending")
    engine.execute(SetPhase(first, Phase.VOTE))  # past grouping: the wall is voted on
    context.set_offline(False)
    page.wait_for_selector("#mine .note-state.failed")
    state = page.text_content("#mine .note-state.failed") or ""
    assert "schrijffase" not in state and "wrong_phase" not in state
    assert "te laat" in state.lower()
    assert page.text_content("#mine .note-text") == "te laat"
    assert stored_notes(workshop_path) == []
    # The next question: still there, with its own explanation, never in the box.
    second = _round_ids(workshop_path)[1]
    engine.execute(SetActiveRound(second))
    engine.execute(SetPhase(second, Phase.COLLECT))
    page.wait_for_selector("#phase:text('Notities schrijven')")
    page.wait_for_selector("#mine .note-text:text('te laat')")
    assert page.input_value("#note-text") == ""
    page.click("#mine button:text('Gebruik bij deze vraag')")  # the person's choice
    assert page.input_value("#note-text") == "te laat"


def test_a_draft_belongs_to_its_round(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    page.type("#note-text", "half af")
    second = _round_ids(workshop_path)[1]
    engine.execute(SetActiveRound(second))
    engine.execute(SetPhase(second, Phase.COLLECT))
    page.wait_for_selector("#mine .note-text:text('half af')")
    assert page.input_value("#note-text") == ""
    assert "niet verstuurd" in (page.text_content("#mine .note-state") or "").lower()
    page.reload()
    page.wait_for_selector("#mine .note-text:text('half af')")
    assert page.input_value("#note-text") == ""


def test_coming_back_to_a_table_resumes_the_same_participant(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    first, second = groups(workshop_path)[:2]
    page = _open(context, server, first.code)
    _send(page, "mijn notitie")
    page.wait_for_selector("#mine .note-state.saved")
    for code in (second.code, first.code, second.code, first.code):
        page.click("#leave")
        page.fill("#code", code)
        page.click("#join-button")
        page.wait_for_selector("#round-screen:not([hidden])")
    assert _participants(workshop_path) == 2  # one per table, however often
    page.wait_for_selector("#mine .note-state.saved")
    assert page.text_content("#mine .note-text") == "mijn notitie"
    assert page.locator("#mine button:text('Bewerk')").count() == 1
    # The back button after "Andere tafel kiezen" returns to the table.
    page.click("#leave")
    page.wait_for_selector("#join-screen:not([hidden])")
    page.go_back()
    page.wait_for_selector("#round-screen:not([hidden])")
    page.wait_for_selector("#mine .note-text:text('mijn notitie')")


def test_a_note_waiting_at_a_switch_of_table_is_still_sent(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    first, second = groups(workshop_path)[:2]
    page = _open(context, server, first.code)
    context.set_offline(True)
    _send(page, "nog onderweg")
    page.wait_for_selector("#mine .note-state.sending")
    page.click("#leave")
    page.wait_for_selector("#connection:not([hidden])")
    assert "1 notitie" in (page.text_content("#connection") or "")
    context.set_offline(False)
    page.fill("#code", second.code)
    page.click("#join-button")
    wait_for(lambda: len(stored_notes(workshop_path)) == 1, what="the note sent")
    note = stored_notes(workshop_path)[0]
    assert (note.group_id, note.text) == (first.id, "nog onderweg")
    page.wait_for_selector("#connection", state="hidden")


def test_an_edit_in_progress_survives_live_updates(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    _send(page, "eerste versie")
    page.wait_for_selector("#mine .note-state.saved")
    page.click("#mine button:text('Bewerk')")
    box = page.locator("#mine textarea")
    box.wait_for()
    box.press("End")
    box.type(" en meer")
    box.press("ArrowLeft")
    box.press("ArrowLeft")
    other = join(server.port, code)
    for i in range(3):
        post(server.port, other, f"other-000{i}", f"van een ander {i}")
    page.wait_for_selector("#others .note-text:text('van een ander 2')")
    assert box.input_value() == "eerste versie en meer"
    assert page.evaluate("document.activeElement.id").startswith("edit-")
    assert page.evaluate("document.activeElement.selectionStart") == len("eerste versie en me")
    assert page.text_content("#edit-counter") == "21 van 280 tekens"
    box.type("x" * 260)
    assert "te lang" in (page.text_content("#edit-counter") or "")
    assert page.is_disabled("#mine button:text('Bewaar')")


def test_waiting_notes_go_as_soon_as_the_laptop_is_back(
    context: Any, engine: Engine, workshop_path: Path
) -> None:
    collect(engine, workshop_path)
    code = groups(workshop_path)[0].code
    with running(engine, workshop_path) as srv:
        port = srv.port
        page = context.new_page()
        # Timers stand still from here: a note that waits for its backoff never goes.
        page.clock.install()
        page.goto(srv.join_url(code, "127.0.0.1"))
        page.click("#join-button")
        page.wait_for_selector("#phase:text('Notities schrijven')")
        page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    _send(page, "terwijl de laptop weg is")  # the laptop's app is restarting
    page.wait_for_selector("#mine .note-state.sending")
    wait_for(
        lambda: "Geen verbinding" in (page.text_content("#connection") or ""),
        what="the phone notices",
    )
    server = ParticipantServer(engine, workshop_path, host="127.0.0.1", port=port)
    server.start()
    try:
        # Only the browser's own stream reconnection runs; the reconnect sends the note.
        wait_for(
            lambda: len(stored_notes(workshop_path)) == 1,
            timeout=15,
            what="the note sent on reconnect",
        )
    finally:
        server.stop()


def test_the_hidden_count_is_right_without_a_reload(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    rid = active_round(workshop_path)
    store = Store.open(workshop_path, readonly=True)
    try:
        round_ = store.round(rid)
    finally:
        store.close()
    assert round_ is not None
    spec = RoundSpec(
        question=round_.question,
        method=round_.method,
        duration_s=round_.duration_s,
        visibility=Visibility.HIDDEN,
        dot_budget=round_.dot_budget,
    )
    engine.execute(UpdateRound(rid, spec))
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    held: list[Any] = []
    page.route("**/api/notes", lambda route: held.append(route))
    _send(page, "verborgen")
    wait_for(lambda: bool(held), what="the note on its way")
    response = held[0].fetch()  # stored; the count reaches the phone before the answer
    page.wait_for_selector("#others-count:text-matches('^1 notitie')")
    held[0].fulfill(response=response)
    page.wait_for_selector("#mine .note-state.saved")
    other = join(server.port, code)
    post(server.port, other, "other-0001", "van een ander")
    page.wait_for_selector("#others-count:text-matches('^2 notities')")
    assert page.text_content("#others-count").startswith("2 notities")  # type: ignore[union-attr]


SMALL = {"width": 360, "height": 640}
BIG_TEXT = "document.documentElement.style.fontSize = '200%'"  # a phone's largest text


def test_from_a_table_card_the_join_button_is_in_view_at_360x640_and_200_percent(
    browser: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    group = groups(workshop_path)[2]
    context = browser.new_context(viewport=SMALL, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(server.join_url(group.code, "127.0.0.1"))
        for big in (False, True):
            if big:
                page.evaluate(BIG_TEXT)
            box = page.locator("#join-button").bounding_box()
            assert box is not None and box["y"] + box["height"] <= SMALL["height"], (big, box)
        assert page.text_content("#group-name") == group.name
        # One word for a table, no jargon, in everything the join screen says.
        text = (page.text_content("#join-screen") or "").lower()
        assert "groep" not in text and "schrijffase" not in text
        page.click("#join-button")
        page.wait_for_selector("#phase:text('Notities schrijven')")
    finally:
        context.close()


def test_notes_hyphenate_run_in_their_direction_and_count_what_a_person_sees(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    page = _open(context, server, code)
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    page.fill("#note-text", family)
    assert page.text_content("#counter") == "1 van 280 tekens"
    page.fill("#note-text", family * 280)
    assert not page.is_disabled("#send")
    page.fill("#note-text", "مكتبة عامة")
    page.click("#send")
    page.wait_for_selector("#mine .note-state.saved")
    assert page.get_attribute("#mine .note-text", "dir") == "auto"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#mine .note-text')).direction")
        == "rtl"
    )
    assert page.evaluate("document.documentElement.lang") == "nl"
    for selector in ("#question", "#mine .note-text"):
        hyphens = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).hyphens")
        assert hyphens == "auto", selector


def test_voting_at_200_percent_keeps_the_bar_small_and_a_theme_shows_its_notes(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    from facilitator.engine import CreateCluster

    group = groups(workshop_path)[0]
    rid = active_round(workshop_path)
    other = join(server.port, group.code)
    ids = [
        post(server.port, other, f"theme-{i:04d}", f"notitie {i}").json["note"]["id"]
        for i in range(5)
    ]
    engine.execute(CreateCluster(group.id, rid, "Jeugd", tuple(ids[:4])))
    context = browser.new_context(viewport=SMALL, locale="nl-NL")
    try:
        page = _open(context, server, group.code)
        engine.execute(SetPhase(rid, Phase.VOTE))
        page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
        assert page.text_content("#timer") == ""  # not started: nothing to count down
        page.evaluate(BIG_TEXT)
        bar = page.locator(".vote-bar").bounding_box()
        assert bar is not None and bar["height"] <= SMALL["height"] * 0.25, bar
        page.click(".vote-sample summary")
        shown = page.locator(".vote-sample-notes .note-text").all_text_contents()
        assert shown == ["notitie 0", "notitie 1", "notitie 2"]
        assert "en nog 1" in (page.text_content(".vote-sample-notes") or "")
        engine.execute(SetPhase(rid, Phase.GROUP))
        page.wait_for_selector("#phase:text('Ordenen')")
        assert page.text_content("#timer") == ""  # grouping: the message says what happens
    finally:
        context.close()


def test_one_form_of_address_as_the_workshop_sets_it(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    from facilitator.engine.commands import UpdateWorkshop

    group = groups(workshop_path)[0]
    page = context.new_page()
    page.route("**/static/*.js", lambda route: route.abort())  # the first paint alone
    page.goto(server.join_url(group.code, "127.0.0.1"))
    assert page.text_content("#join-title") == "Doe mee aan uw tafel"  # the template: "u"
    page.unroute("**/static/*.js")
    page.close()
    page = _open(context, server, group.code)
    said = (page.text_content("body") or "").lower()
    assert "uw notitie" in said and "jouw" not in said and " je " not in f" {said} "
    store = Store.open(workshop_path, readonly=True)
    try:
        w = store.workshop()
    finally:
        store.close()
    assert w.address == "u"
    engine.execute(UpdateWorkshop(w.title, w.date, w.place, w.organisers, w.language, "je"))
    page.wait_for_selector("label[for=note-text]:text('Jouw notitie')")
    said = (page.text_content("body") or "").lower()
    assert "uw notitie" not in said.replace("jouw notitie", "")
