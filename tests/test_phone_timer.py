"""A timer per phase on a real phone page: while the other tables still write against
the collect timer, a table that votes early shows no countdown; once every table votes
and the vote's own timer runs, every phone counts it down. Real browser at 390x844."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import AddTime, Engine, SetPhase, StartTimer
from facilitator.server import ParticipantServer
from tests.test_phone_support import PHONE, wait_for
from tests.test_server_support import active_round, groups

pytestmark = pytest.mark.browser
_NO_COUNTDOWN = "document.getElementById('timer').textContent === ''"


def _phone(browser: Any, server: ParticipantServer, code: str) -> Any:
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    page.goto(server.join_url(code))
    page.click("#join-button")
    page.wait_for_selector("#phase:text('Notities schrijven')")
    return context, page


def test_a_table_voting_early_does_not_see_the_others_writing_time(
    browser: Any, server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    first, second = groups(workshop_path)[:2]
    rid = active_round(workshop_path)
    early_context, early = _phone(browser, server, first.code)
    late_context, late = _phone(browser, server, second.code)
    try:
        engine.execute(StartTimer(rid, 600))
        for page in (early, late):
            page.wait_for_selector("#timer:text-matches('^nog (10:00|9:5\\d)$')")
        engine.execute(SetPhase(rid, Phase.VOTE, (first.id,)))  # table 1 votes early
        early.wait_for_selector("#vote-section:not([hidden])")
        early.wait_for_function(_NO_COUNTDOWN)
        assert (late.text_content("#timer") or "").startswith("nog ")  # still writing
        before = late.evaluate("window.FAC.S.state.round.timer.ends_at")
        engine.execute(AddTime(rid, 120))  # the writers get two more minutes, live
        wait_for(
            lambda: re.fullmatch(r"nog 1[12]:\d\d", late.text_content("#timer") or "") is not None,
            what="the writers' extra time on table 2's phone",
        )
        early.wait_for_function(  # the same stream event reached table 1's phone ...
            f"window.FAC.S.state.round.timer.ends_at > {before} + 100"
        )
        assert early.text_content("#timer") == ""  # ... and is not its countdown

        engine.execute(SetPhase(rid, Phase.VOTE))  # every table votes: a fresh vote time
        late.wait_for_selector("#vote-section:not([hidden])")
        late.wait_for_function(_NO_COUNTDOWN)  # set, not started
        engine.execute(StartTimer(rid, 120))
        for page in (early, late):
            page.wait_for_selector("#timer:text-matches('^nog (2:00|1:5\\d)$')")
    finally:
        early_context.close()
        late_context.close()
