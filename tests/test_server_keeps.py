"""The server's side of "the phone keeps every word" (issue 15): late notes stored in the
round they were written in, a client_note_id stored once per workshop whoever retries
it, and a bounded number of identities per address and table. Real HTTP on 127.0.0.1."""

from __future__ import annotations

import gzip
import re
import sqlite3
from pathlib import Path

import pytest

from facilitator.domain.model import Phase
from facilitator.domain.rules import LATE_NOTE_WINDOW_S, RuleViolation, late_note_allowed
from facilitator.domain.text import NOTE_MAX_CHARS, graphemes
from facilitator.engine import AddNote, Engine, Join, NotFound, SetPhase
from facilitator.server import ParticipantServer
from facilitator.server.identities import IDENTITIES_PER_ADDRESS
from facilitator.server.limits import Limits
from facilitator.store import Store
from facilitator.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.test_phone_support import stored_notes
from tests.test_server_support import active_round, collect, groups, join, request, running


def _note(port: int, token: str, cid: str, text: str, round_id: object = None) -> object:
    body: dict[str, object] = {"client_note_id": cid, "text": text}
    if round_id is not None:
        body["round_id"] = round_id
    return request(port, "POST", "/api/notes", body, token=token)


def test_a_note_written_in_a_collecting_round_is_stored_there_late_while_grouping(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    token = join(server.port, code)
    rid = active_round(workshop_path)
    engine.execute(SetPhase(rid, Phase.GROUP))
    # Without the round it was written in, a note is refused as before.
    refused = _note(server.port, token, "late-0000-a", "zonder ronde")
    assert (refused.status, refused.code) == (409, "wrong_phase")  # type: ignore[attr-defined]
    reply = _note(server.port, token, "late-0000-b", "laat maar welkom", rid)
    assert reply.status == 201, reply.raw  # type: ignore[attr-defined]
    assert reply.json["note"]["late"] is True  # type: ignore[attr-defined]
    assert reply.json["note"]["round_id"] == rid  # type: ignore[attr-defined]
    [note] = stored_notes(workshop_path)
    assert (note.round_id, note.late, note.text) == (rid, True, "laat maar welkom")
    # Its retry is the same note, not a second one.
    again = _note(server.port, token, "late-0000-b", "laat maar welkom", rid)
    assert (again.status, again.json["created"]) == (200, False)  # type: ignore[attr-defined]


def test_a_note_for_a_round_being_voted_on_is_refused_as_round_closed(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    token = join(server.port, groups(workshop_path)[0].code)
    rid = active_round(workshop_path)
    engine.execute(SetPhase(rid, Phase.VOTE))
    reply = _note(server.port, token, "late-0000-c", "te laat", rid)
    assert (reply.status, reply.code) == (409, "round_closed")  # type: ignore[attr-defined]
    bad = _note(server.port, token, "late-0000-d", "x", "1")
    assert (bad.status, bad.code) == (400, "wrong_type")  # type: ignore[attr-defined]
    assert stored_notes(workshop_path) == []


def test_the_late_window_is_measured_from_leaving_collecting(
    engine: Engine, workshop_path: Path
) -> None:
    rid = collect(engine, workshop_path)
    group = groups(workshop_path)[0]
    token_holder = engine.execute(Join(group.id))
    engine.execute(SetPhase(rid, Phase.GROUP))
    store = Store.open(workshop_path, readonly=True)
    try:
        left = store.phase_changed_at(rid, group.id)
    finally:
        store.close()
    assert left is not None
    assert late_note_allowed(Phase.GROUP, left, left + LATE_NOTE_WINDOW_S)
    assert not late_note_allowed(Phase.GROUP, left, left + LATE_NOTE_WINDOW_S + 1)
    assert not late_note_allowed(Phase.VOTE, left, left + 1)
    assert not late_note_allowed(Phase.GROUP, None, left)
    with pytest.raises(NotFound):
        engine.execute(
            AddNote(
                group.id,
                "x",
                participant_id=token_holder.id,
                client_note_id="late-0000-e",
                round_id=rid + 100_000,
            )
        )
    engine.execute(SetPhase(rid, Phase.CLOSED))
    with pytest.raises(RuleViolation):
        engine.execute(
            AddNote(
                group.id,
                "x",
                participant_id=token_holder.id,
                client_note_id="late-0000-g",
                round_id=rid,
            )
        )
    engine.execute(SetPhase(rid, Phase.GROUP))
    engine.execute(
        AddNote(
            group.id,
            "x",
            participant_id=token_holder.id,
            client_note_id="late-0000-f",
            round_id=rid,
        )
    )


def test_a_client_note_id_is_stored_once_per_workshop_whoever_retries_it(
    server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    one = join(server.port, code, client_join_id="phone-a-first-join")
    other = join(server.port, code, client_join_id="phone-a-second-join")
    stored = _note(server.port, one, "same-note-0001", "één keer")
    assert stored.status == 201  # type: ignore[attr-defined]
    # The answer was lost, the phone joined the table again (a browser of before this
    # version, without one join id per table) and retries it as a second participant.
    retried = _note(server.port, other, "same-note-0001", "één keer")
    assert (retried.status, retried.json["created"]) == (200, False)  # type: ignore[attr-defined]
    assert retried.json["note"]["id"] == stored.json["note"]["id"]  # type: ignore[attr-defined]
    assert [n.text for n in stored_notes(workshop_path)] == ["één keer"]


def test_identities_per_address_and_table_are_bounded(engine: Engine, workshop_path: Path) -> None:
    collect(engine, workshop_path)
    with running(engine, workshop_path, Limits()) as server:
        _bounded(server, workshop_path)


def _bounded(server: ParticipantServer, workshop_path: Path) -> None:
    first, second = groups(workshop_path)[:2]
    tokens = [
        join(server.port, first.code, client_join_id=f"script-join-{i:04d}")
        for i in range(IDENTITIES_PER_ADDRESS)
    ]
    assert len(set(tokens)) == IDENTITIES_PER_ADDRESS
    one_more = request(
        server.port, "POST", "/api/join", {"code": first.code, "client_join_id": "script-join-9999"}
    )
    assert (one_more.status, one_more.code) == (429, "too_many_participants")
    anonymous = request(server.port, "POST", "/api/join", {"code": first.code})
    assert (anonymous.status, anonymous.code) == (429, "too_many_participants")
    # A phone coming back (same join id) is the participant it was, bound or not.
    back = join(server.port, first.code, client_join_id="script-join-0000")
    assert back == tokens[0]
    # Another table is another count.
    join(server.port, second.code, client_join_id="script-join-0000")
    store = Store.open(workshop_path, readonly=True)
    try:
        assert len(store.participants()) == IDENTITIES_PER_ADDRESS + 1
    finally:
        store.close()


def test_migrates_from_the_previous_schema_keeping_notes_and_phases(tmp_path: Path) -> None:
    path = tmp_path / "v5.workshop"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:5]:
        db.executescript(script)
    db.execute("PRAGMA user_version = 5")
    db.execute("INSERT INTO workshop (id, title) VALUES (1, 'oud')")
    db.execute("INSERT INTO groups (id, name, code, position) VALUES (1, 'T', 'AAAAA', 0)")
    db.execute(
        "INSERT INTO rounds (id, position, question, method, duration_s, visibility,"
        " dot_budget) VALUES (1, 0, 'v', 'brainstorm', 60, 'visible', 3)"
    )
    db.execute("INSERT INTO phases (round_id, group_id, phase) VALUES (1, 1, 'group')")
    db.execute(
        "INSERT INTO notes (group_id, round_id, client_note_id, text, created_at,"
        " updated_at) VALUES (1, 1, 'old-note-0001', 'oud', 0, 0)"
    )
    db.commit()
    db.close()
    store = Store.open(path)
    try:
        assert store.schema_version() == SCHEMA_VERSION
        [note] = store.notes()
        assert (note.text, note.late) == ("oud", False)
        assert store.note_by_client_id("old-note-0001") == note
        assert store.phase(1, 1) is Phase.GROUP
        assert store.phase_changed_at(1, 1) is None  # unknown: no late notes for it
    finally:
        store.close()


def test_the_page_is_served_compressed_and_its_scripts_cached_for_good(
    server: ParticipantServer, workshop_path: Path
) -> None:
    code = groups(workshop_path)[0].code
    gz = {"Accept-Encoding": "gzip, deflate"}
    page = request(server.port, "GET", f"/j/{code}", headers=gz)
    assert page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Cache-Control"] == "no-cache"  # the HTML: always the newest
    html = gzip.decompress(page.raw).decode()
    assert f'value="{code}"' in html
    names = re.findall(r'<script src="/static/([a-z0-9]+\.[0-9a-f]{10}\.js)" defer>', html)
    assert len(names) == 7
    plain_total, packed_total = len(html.encode()), len(page.raw)
    for name in names:
        packed = request(server.port, "GET", f"/static/{name}", headers=gz)
        assert packed.status == 200 and packed.headers["Content-Encoding"] == "gzip"
        assert packed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "Accept-Encoding" in packed.headers["Vary"]
        plain = request(server.port, "GET", "/static/" + name.split(".")[0] + ".js")
        assert gzip.decompress(packed.raw) == plain.raw
        assert plain.headers["Cache-Control"] == "no-cache"  # an unversioned name
        plain_total += len(plain.raw)
        packed_total += len(packed.raw)
    assert packed_total < plain_total / 2.5
    assert packed_total < 28_000  # the whole first visit, gzipped (was 70 KB unzipped)
    assert request(server.port, "GET", "/static/core.0000000000.js").status == 404


def test_the_length_limit_counts_what_a_person_sees(
    server: ParticipantServer, workshop_path: Path
) -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    assert graphemes(family) == 1 and len(family) == 7
    assert graphemes("🇳🇱🇧🇪") == 2 and graphemes("👍🏽") == 1 and graphemes("1️⃣") == 1
    assert graphemes("e\u0301") == 1 and graphemes("a\u200db") == 2
    assert graphemes("Bibliotheek") == 11
    token = join(server.port, groups(workshop_path)[0].code)
    thumb = "👍🏽"  # two code points, one character (family * 280 is over the 16 KB body)
    ok = _note(server.port, token, "emoji-note-1", family + thumb * (NOTE_MAX_CHARS - 1))
    assert ok.status == 201, ok.raw  # type: ignore[attr-defined]
    over = _note(server.port, token, "emoji-note-2", family + thumb * NOTE_MAX_CHARS)
    assert (over.status, over.code) == (422, "too_long")  # type: ignore[attr-defined]
