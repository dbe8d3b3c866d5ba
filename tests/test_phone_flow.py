"""The phone page through a whole round in Chromium: picking a table, the countdown on a
phone whose clock is wrong, dot voting by tapping, the language toggle, two groups that
never see each other, and not one request that leaves the laptop."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import AddTime, Engine, PauseTimer, StartTimer
from facilitator.engine.commands import UpdateRound
from facilitator.server import ParticipantServer
from facilitator.store import Store
from facilitator.store.specs import RoundSpec
from tests.test_phone_support import PHONE, stored_notes, wait_for
from tests.test_server_support import collect, groups, join, post

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


def _pick(page: Any, server: ParticipantServer, table: str) -> None:
    page.goto(server.event_url("127.0.0.1"))
    page.get_by_label(table, exact=True).check()
    page.click("#join-button")
    page.wait_for_selector("#round-screen:not([hidden])")


def _votes(path: Path) -> dict[str, int]:
    store = Store.open(path, readonly=True)
    try:
        return {f"n{v.note_id}" if v.note_id else f"c{v.cluster_id}": v.dots
                for v in store.votes() if v.dots}
    finally:
        store.close()


def _put_votes_by_hand(page: Any, code: str, dots: dict[str, int]) -> Any:
    """What a curious participant could type into the console: a raw PUT with its token."""
    return page.evaluate(
        """async ([code, dots]) => {
             const wid = document.documentElement.dataset.workshop;
             const token = JSON.parse(localStorage.getItem('fac.token.' + wid + '.' + code)).token;
             const res = await fetch('/api/votes', {method: 'PUT', body: JSON.stringify({dots}),
               headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + token}});
             return [res.status, (await res.json()).error?.code];
           }""",
        [code, dots],
    )


def test_pick_a_table_from_the_event_page_or_type_its_code(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    page = context.new_page()
    page.goto(server.event_url("127.0.0.1"))
    radios = page.locator("#group-list input[type=radio]")
    radios.first.wait_for()
    labels = [page.locator("#group-list label").nth(i).inner_text() for i in range(8)]
    assert labels == [f"Tafel {i}" for i in range(1, 9)]
    assert page.text_content("#code-label") == "Of typ de tafelcode"
    # Typing a code checks its table in the list; picking a table fills in its code.
    third = groups(workshop_path)[2]
    page.fill("#code", third.code.lower())
    assert page.get_by_label("Tafel 3", exact=True).is_checked()
    page.get_by_label("Tafel 5", exact=True).check()
    assert page.input_value("#code") == groups(workshop_path)[4].code
    page.click("#join-button")
    page.wait_for_selector("#round-screen:not([hidden])")
    assert page.text_content("#group-name") == "Tafel 5"
    wait_for(lambda: page.evaluate("document.activeElement.id") == "question", what="focus")
    assert page.url.endswith(f"/j/{groups(workshop_path)[4].code}")
    # A table card's QR code opens the page with the table already chosen.
    page.click("#leave")
    page.goto(server.join_url(third.code, "127.0.0.1"))
    page.get_by_label("Tafel 3", exact=True).wait_for()
    wait_for(lambda: page.get_by_label("Tafel 3", exact=True).is_checked(), what="Tafel 3")
    # Nothing chosen: told in words what to do.
    page.fill("#code", "")
    page.get_by_label("Tafel 3", exact=True).evaluate("r => { r.checked = false; }")
    page.click("#join-button")
    assert page.text_content("#join-error") == "Kies uw tafel of vul de tafelcode in."


def test_the_countdown_follows_the_laptop_clock_not_the_phone(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    page = context.new_page()
    page.clock.install(time=time.time() + 3600)  # this phone's clock is an hour fast
    _pick(page, server, "Tafel 1")
    assert page.text_content("#timer") == "duurt 12 min"  # not started: how long it takes
    rid = collect(engine, workshop_path)
    engine.execute(StartTimer(rid, 90))
    page.wait_for_selector("#timer:text-matches('^nog 1:(30|29)$')")
    page.clock.run_for(31_000)
    assert re.fullmatch(r"nog 0:(59|58)", page.text_content("#timer") or "")
    # Paused, it shows what the laptop says is left (its clock did not jump ahead).
    engine.execute(PauseTimer(rid))
    page.wait_for_selector("#timer:text-matches('^gepauzeerd, nog 1:(30|29|28)$')")
    engine.execute(AddTime(rid, 60))
    page.wait_for_selector("#timer:text-matches('^gepauzeerd, nog 2:(30|29|28)$')")
    engine.execute(StartTimer(rid))
    page.wait_for_selector("#timer:text-matches('^nog 2:(30|29|28|27)$')")
    page.clock.run_for(151_000)
    assert page.text_content("#timer") == "tijd is om"
    page.wait_for_selector("#status:text('De tijd is om.')")


def test_dot_voting_by_tapping_and_what_the_server_refuses(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    group = groups(workshop_path)[0]
    other = join(server.port, group.code)
    for i, text in enumerate(("Jeugd <i>eerst</i>", "Leesbevordering", "Data delen", "Eén pas")):
        post(server.port, other, f"other-000{i}", text)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    _pick(page, server, "Tafel 1")
    collect(engine, workshop_path, Phase.VOTE)
    page.wait_for_selector("#vote-section:not([hidden]) .vote-item")
    assert page.locator(".vote-item i").count() == 0  # labels are text, never HTML
    assert page.text_content("#vote-budget") == "Nog 3 van 3 stippen"
    data = page.get_by_role("button", name=re.compile("^Data delen"))
    data.click()
    assert data.get_attribute("aria-pressed") == "true"
    assert page.text_content("#vote-budget") == "Nog 2 van 3 stippen"
    data.click()  # tap again: the dot comes back
    assert data.get_attribute("aria-pressed") == "false"
    for name in ("Data delen", "Leesbevordering", "Eén pas"):
        page.get_by_role("button", name=re.compile("^" + name)).click()
    assert page.text_content("#vote-budget") == "Nog 0 van 3 stippen"
    page.get_by_role("button", name=re.compile("^Jeugd")).click()
    assert page.text_content("#vote-error") == "Uw stippen zijn op. Neem er eerst een terug."
    page.wait_for_selector("#vote-state.saved:text('opgeslagen')")  # saved by itself
    assert sorted(_votes(workshop_path).values()) == [1, 1, 1]

    every = {f"n{n.id}": 1 for n in stored_notes(workshop_path)}  # four items, three dots
    assert _put_votes_by_hand(page, group.code, every) == [422, "over_budget"]
    assert _put_votes_by_hand(page, group.code, {min(every): 2}) == [422, "one_dot_per_item"]
    assert sorted(_votes(workshop_path).values()) == [1, 1, 1]

    # A round that allows several dots on one item: tap adds, − takes back.
    rid = collect(engine, workshop_path, Phase.VOTE)
    store = Store.open(workshop_path, readonly=True)
    round_ = store.round(rid)
    store.close()
    assert round_ is not None
    spec = RoundSpec(round_.question, round_.method, round_.duration_s, round_.visibility,
                     dot_budget=4, multi_dots=True)
    engine.execute(UpdateRound(rid, spec))
    page.wait_for_selector("#vote-budget:text('van 4 stippen')")
    data = page.get_by_role("button", name=re.compile("^Data delen"))
    data.click()
    assert "2 stippen" in (data.text_content() or "")
    page.get_by_role("button", name="Stip terugnemen van: Eén pas").click()
    data.click()
    assert "3 stippen" in (data.text_content() or "")
    wait_for(lambda: page.text_content("#vote-state") == "opgeslagen", what="saved")
    assert sorted(_votes(workshop_path).values()) == [1, 3]
    assert page.text_content("#vote-budget") == "Nog 0 van 4 stippen"

    collect(engine, workshop_path, Phase.CLOSED)  # votes can change until the phase closes
    page.wait_for_selector("#vote-section", state="hidden")
    assert _put_votes_by_hand(page, group.code, {}) == [409, "wrong_phase"]
    origin = server.event_url("127.0.0.1")
    assert requests and all(url.startswith(origin) for url in requests), requests


def test_two_phones_in_different_groups_see_nothing_of_each_other(
    browser: Any, context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    anna = context.new_page()
    other = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        bert = other.new_page()
        _pick(anna, server, "Tafel 1")
        _pick(bert, server, "Tafel 2")
        for page, text in ((anna, "alleen voor tafel een"), (bert, "alleen voor tafel twee")):
            page.fill("#note-text", text)
            page.click("#send")
            page.wait_for_selector("#mine .note-state.saved")
        third = join(server.port, groups(workshop_path)[0].code)
        post(server.port, third, "third-0001", "ook voor tafel een")
        anna.wait_for_selector("#others .note-text:text('ook voor tafel een')")
        bert.reload()
        bert.wait_for_selector("#mine .note-state.saved")
        assert "tafel een" not in bert.inner_text("body")
        assert "tafel twee" not in anna.inner_text("body")
        assert bert.text_content("#others-count") == "Nog geen notities van anderen."
    finally:
        other.close()


def test_the_language_toggle_switches_everything_and_remembers(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    page = context.new_page()
    page.goto(server.event_url("127.0.0.1"))
    page.locator("#group-list input").first.wait_for()
    assert page.get_attribute("html", "lang") == "nl"
    page.click("#lang")
    assert page.get_attribute("html", "lang") == "en"
    assert page.text_content("#join-title") == "Join your table"
    assert page.text_content("#picker legend") == "Choose your table"
    assert page.get_attribute("#lang", "aria-label") == "NL: schakel naar Nederlands"
    assert page.get_attribute("#lang", "lang") == "nl"
    page.fill("#code", "ZZZZZ")
    page.click("#join-button")
    page.wait_for_selector("#join-error:text('This table code does not exist.')")
    page.get_by_label("Tafel 2", exact=True).check()
    page.click("#join-button")
    page.wait_for_selector("#round-screen:not([hidden])")
    # The round screen shows before the first state arrives: wait for its text.
    page.wait_for_selector("#phase:text('Writing notes')")
    page.wait_for_selector("#method-name:text('1-2-4-All: how it works')")
    collect(engine, workshop_path, Phase.GROUP)
    page.wait_for_selector("#phase:text('Grouping')")
    page.wait_for_selector("#status:text('Phase: Grouping.')")
    page.reload()
    page.wait_for_selector("#phase:text('Grouping')")
    page.click("#lang")
    assert page.text_content("#phase") == "Ordenen"
    message = "De begeleider ordent nu de notities op het scherm."
    assert page.text_content("#phase-message") == message


def test_a_round_change_and_a_refusal_are_told_in_words(
    context: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    page = context.new_page()
    _pick(page, server, "Tafel 1")
    collect(engine, workshop_path, Phase.GROUP)
    page.wait_for_selector("#note-form", state="hidden")
    # A note that waited in the outbox while the phase moved on: refused, kept, explained.
    page.evaluate("""([code]) => localStorage.setItem('fac.outbox.' + code, JSON.stringify(
        [{cid: 'late-note-0001', text: 'te laat', tries: 0, next: 0, error: null}]))""",
                  [groups(workshop_path)[0].code])
    page.reload()
    page.wait_for_selector("#mine .note-state.failed")
    assert page.text_content("#mine .note-state.failed") == (
        "Te laat aangekomen: bij die vraag kan niet meer geschreven worden. De tekst blijft"
        " hier staan; geef hem zo nodig aan de begeleider.")


def test_every_refusal_in_the_api_has_words_in_both_languages() -> None:
    root = Path(__file__).resolve().parent.parent
    api = (root / "docs" / "API.md").read_text(encoding="utf-8")
    codes = set(re.findall(r"`([a-z_]+)`", " ".join(
        re.findall(r"^\| [0-9]{3} \| ([^|]+)\|", api, re.M))))
    assert {"unknown_code", "over_budget", "wrong_phase", "rate_limited"} <= codes
    i18n = (root / "resources" / "web" / "i18n.js").read_text(encoding="utf-8")
    nl, en = i18n.split("\n  en: {", 1)
    for table in (nl, en):
        keys = set(re.findall(r"\berr_([a-z_]+):", table))
        assert not codes - keys, sorted(codes - keys)


def test_the_table_list_is_there_before_any_script(
    context: Any, server: ParticipantServer, workshop_path: Path
) -> None:
    page = context.new_page()
    page.route("**/static/*.js", lambda route: route.abort())  # scripts that never arrive
    page.goto(server.event_url("127.0.0.1"))
    assert page.is_visible("#picker")
    labels = page.locator("#group-list label")
    assert [labels.nth(i).inner_text() for i in range(labels.count())] == [
        g.name for g in groups(workshop_path)]
    assert (page.text_content("#event-title") or "").startswith("KB/OB")
    assert page.is_disabled("#join-button")  # a tap now would only reload the page
    page.goto(server.join_url(groups(workshop_path)[3].code, "127.0.0.1"))
    assert page.get_by_label("Tafel 4", exact=True).is_checked()
