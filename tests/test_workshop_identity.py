"""Which workshop answered (issue 11): a stable identity per workshop file, named by the
server on every answer, so a phone can tell "the laptop is on another workshop" (keep
the token, wait) from "this workshop does not know me" (join again).

Store: random per file, the same on every reopen and in a copy, given once to a file of
the previous schema. Server: real HTTP on 127.0.0.1 against real files.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from facilitator import templates
from facilitator.engine import Engine, UpdateWorkshop
from facilitator.server.api import WORKSHOP_HEADER
from facilitator.store import SCHEMA_VERSION, Store
from facilitator.store.schema import MIGRATIONS
from tests.test_server_support import collect, groups, join, post, request, running

_UID = re.compile(r"[0-9a-f]{32}")


def _uid(path: Path) -> str:
    store = Store.open(path, readonly=True)
    try:
        return store.workshop_uid()
    finally:
        store.close()


def test_a_new_workshop_has_its_own_identity_that_never_changes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.workshop", tmp_path / "b.workshop"
    templates.create(a)
    templates.create(b)  # the same template, the same day: still another workshop
    assert _UID.fullmatch(_uid(a)), _uid(a)
    assert _uid(a) != _uid(b)
    first = _uid(a)
    with Engine(a):  # opened for writing, closed again
        pass
    assert _uid(a) == first


def test_a_copy_is_the_same_workshop(tmp_path: Path) -> None:
    """File > Kopie opslaan carries the tokens, so it carries the identity too."""
    path = tmp_path / "a.workshop"
    templates.create(path)
    store = Store.open(path, readonly=True)
    try:
        store.save_copy(tmp_path / "copy.workshop")
    finally:
        store.close()
    assert _uid(tmp_path / "copy.workshop") == _uid(path)


def test_a_file_of_the_schema_before_identities_gets_one_once(tmp_path: Path) -> None:
    # The schema just before the migration that added workshop.uid, wherever it sits.
    before = next(i for i, m in enumerate(MIGRATIONS) if "ADD COLUMN uid" in m)
    assert before < SCHEMA_VERSION
    path = tmp_path / "old.workshop"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:before]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {before}")
    db.execute("INSERT INTO workshop (id, title) VALUES (1, 'oud')")
    db.commit()
    db.close()
    Store.open(path).close()
    given = _uid(path)
    assert _UID.fullmatch(given), given
    Store.open(path).close()
    assert _uid(path) == given


def test_every_answer_names_the_workshop(engine: Engine, workshop_path: Path) -> None:
    uid = _uid(workshop_path)
    collect(engine, workshop_path)
    code = groups(workshop_path)[0].code
    with running(engine, workshop_path) as server:
        port = server.port
        joined = request(port, "POST", "/api/join", {"code": code})
        assert joined.status == 201
        assert joined.json["workshop"]["id"] == uid
        token = joined.json["token"]
        state = request(port, "GET", "/api/state", token=token)
        assert state.json["workshop"]["id"] == uid
        assert request(port, "GET", "/api/event").json["workshop"]["id"] == uid
        page = request(port, "GET", f"/j/{code}")
        assert f'<html data-workshop="{uid}" lang="nl"'.encode() in page.raw
        answers = [
            joined,
            state,
            page,
            post(port, token, "cid-00000001", "een"),
            request(port, "GET", "/static/core.js"),
            request(port, "GET", "/api/state", token="not-a-token-of-this-file"),
            request(port, "GET", "/api/nothing"),
        ]
        engine.execute(UpdateWorkshop("Day", "", "", "", "en"))  # an English page too
        english = request(port, "GET", f"/j/{code}")
        assert f'<html data-workshop="{uid}" lang="en"'.encode() in english.raw
        for reply in answers:
            assert reply.headers[WORKSHOP_HEADER] == uid, reply.raw[:80]


def test_a_token_of_another_workshop_is_refused_by_a_workshop_that_says_who_it_is(
    tmp_path: Path,
) -> None:
    """The 401 a phone of workshop A gets from workshop B names B, not A: that is how the
    phone knows to wait for A instead of dropping its token."""
    a, b = tmp_path / "a.workshop", tmp_path / "b.workshop"
    templates.create(a)
    templates.create(b)
    with Engine(a) as engine_a:
        collect(engine_a, a)
        with running(engine_a, a) as server:
            token = join(server.port, groups(a)[0].code)
    with Engine(b) as engine_b:
        collect(engine_b, b)
        with running(engine_b, b) as server:
            refused = request(server.port, "GET", "/api/state", token=token)
            assert refused.status == 401 and refused.code == "unknown_token"
            assert refused.headers[WORKSHOP_HEADER] == _uid(b) != _uid(a)
            sent = post(server.port, token, "cid-00000002", "voor A")
            assert sent.status == 401
    assert _uid(a) != _uid(b)
