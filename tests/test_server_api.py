"""The participant API over real HTTP on 127.0.0.1: joining, notes, and every refusal."""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import threading
from pathlib import Path

import pytest

from facilitator.domain.model import Phase
from facilitator.engine import AddNote, Engine, SetNoteHidden, UpdateGroup, UpdateWorkshop
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store
from tests.test_server_support import collect, groups, join, post, request, running

STATIC = Path(__file__).resolve().parent.parent / "resources" / "web"


@pytest.fixture
def code(workshop_path: Path) -> str:
    return groups(workshop_path)[0].code


def test_join_post_and_repeat(server: ParticipantServer, code: str) -> None:
    reply = request(server.port, "POST", "/api/join",
                    {"code": f" {code.lower()[:2]} {code.lower()[2:]} ", "name": "Anna"})
    assert reply.status == 201
    body = reply.json
    assert body["group"]["code"] == code and body["participant"]["name"] == "Anna"
    assert body["workshop"]["title"].startswith("KB/OB")
    token = body["token"]

    first = post(server.port, token, "note-0001", "  Jeugd   zonder drempels ")
    assert first.status == 201 and first.json["created"] is True
    note = first.json["note"]
    assert note["text"] == "Jeugd zonder drempels" and note["client_note_id"] == "note-0001"
    again = post(server.port, token, "note-0001", "Jeugd zonder drempels")
    assert again.status == 200 and again.json["note"]["id"] == note["id"]

    state = request(server.port, "GET", "/api/state", token=token).json
    assert [n["id"] for n in state["notes"]["mine"]] == [note["id"]]
    assert state["round"]["phase"] == "collect" and state["round"]["method"]["instruction"]["nl"]
    assert state["notes"]["others"] == [] and state["notes"]["count"] == 1


def test_five_concurrent_identical_posts_store_one_note(
    server: ParticipantServer, code: str, workshop_path: Path
) -> None:
    token = join(server.port, code)
    statuses: list[int] = []
    barrier = threading.Barrier(5)

    def send() -> None:
        barrier.wait()
        statuses.append(post(server.port, token, "same-note-1", "één keer").status)

    threads = [threading.Thread(target=send) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200, 200, 200, 200, 201]
    store = Store.open(workshop_path, readonly=True)
    assert [n.text for n in store.notes()] == ["één keer"]
    store.close()


def test_a_retried_join_gets_the_same_participant(
    server: ParticipantServer, code: str, workshop_path: Path
) -> None:
    body = {"code": code, "name": "Anna", "client_join_id": "join-attempt-1"}
    tokens: list[str] = []
    barrier = threading.Barrier(4)

    def send() -> None:  # the answer was lost: the phone asks again, and again at once
        barrier.wait()
        reply = request(server.port, "POST", "/api/join", body)
        assert reply.status == 201, reply.json
        tokens.append(reply.json["token"])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(tokens)) == 1
    other = request(server.port, "POST", "/api/join",
                    {"code": code, "client_join_id": "join-attempt-2"}).json["token"]
    assert other != tokens[0], "another attempt is another participant"
    store = Store.open(workshop_path, readonly=True)
    assert len(store.participants()) == 2
    store.close()
    bad = request(server.port, "POST", "/api/join", {"code": code, "client_join_id": "x"})
    assert (bad.status, bad.json["error"]["code"]) == (400, "bad_client_join_id")


def test_edit_and_delete_only_own_notes_only_while_collecting(
    server: ParticipantServer, engine: Engine, workshop_path: Path, code: str
) -> None:
    anna, bert = join(server.port, code), join(server.port, code)
    note_id = post(server.port, anna, "anna-0001", "eerst").json["note"]["id"]
    edited = request(server.port, "PATCH", f"/api/notes/{note_id}", {"text": "daarna"},
                     token=anna)
    assert edited.status == 200 and edited.json["note"]["text"] == "daarna"
    not_his = request(server.port, "PATCH", f"/api/notes/{note_id}", {"text": "x"}, token=bert)
    assert (not_his.status, not_his.code) == (404, "unknown_note")
    assert request(server.port, "DELETE", f"/api/notes/{note_id}", token=bert).status == 404

    collect(engine, workshop_path, Phase.GROUP)
    late = request(server.port, "PATCH", f"/api/notes/{note_id}", {"text": "x"}, token=anna)
    assert (late.status, late.code) == (409, "wrong_phase")
    assert request(server.port, "DELETE", f"/api/notes/{note_id}", token=anna).status == 409
    assert post(server.port, anna, "anna-0002", "te laat").status == 409

    collect(engine, workshop_path)
    gone = request(server.port, "DELETE", f"/api/notes/{note_id}", token=anna)
    assert gone.status == 200 and gone.json == {"deleted": note_id}
    assert request(server.port, "DELETE", f"/api/notes/{note_id}", token=anna).status == 404


@pytest.mark.parametrize(
    ("method", "path", "raw", "headers", "status", "error"),
    [
        ("POST", "/api/notes", b"{not json", {}, 400, "bad_json"),
        ("POST", "/api/notes", b"[1, 2]", {}, 400, "bad_json"),
        ("POST", "/api/notes", b'{"text": NaN, "client_note_id": "abcdefgh"}', {}, 400,
         "bad_json"),
        ("POST", "/api/notes", b"[" * 5000 + b"]" * 5000, {}, 400, "bad_json"),
        ("POST", "/api/notes", b'{"text": "\xff\xfe", "client_note_id": "abcdefgh"}', {},
         400, "bad_encoding"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh"}', {}, 400, "missing_field"),
        ("POST", "/api/notes", b'{"client_note_id": 12345678, "text": "x"}', {}, 400,
         "wrong_type"),
        ("POST", "/api/notes", b'{"client_note_id": "a b", "text": "x"}', {}, 400,
         "bad_client_note_id"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh", "text": ["x"]}', {}, 400,
         "wrong_type"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh", "text": " \\n\\t"}', {}, 422,
         "empty"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh", "text": "' + b"x" * 281 + b'"}',
         {}, 422, "too_long"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh", "text": "' + b"x" * 17000
         + b'"}', {}, 413, "too_large"),
        ("POST", "/api/notes", b"text=hallo", {"Content-Type": "application/x-www-form-urlencoded"},
         415, "not_json"),
        ("PATCH", "/api/notes/999999", b'{"text": "x"}', {}, 404, "unknown_note"),
        ("PATCH", "/api/notes/abc", b'{"text": "x"}', {}, 404, "not_found"),
        ("PATCH", "/api/notes/99999999999999999999999", b'{"text": "x"}', {}, 404, "not_found"),
        ("GET", "/api/nothing-here", None, {}, 404, "not_found"),
        ("PUT", "/api/notes", b"{}", {}, 405, "method_not_allowed"),
        ("POST", "/api/notes", b'{"client_note_id": "abcdefgh", "text": "x"}',
         {"Origin": "http://evil.example"}, 403, "bad_origin"),
        ("GET", "/api/state", None, {"Host": "evil.example"}, 421, "bad_host"),
    ],
)
def test_refusals_are_json_with_the_right_status(
    server: ParticipantServer, code: str, method: str, path: str, raw: bytes | None,
    headers: dict[str, str], status: int, error: str,
) -> None:
    token = join(server.port, code)
    reply = request(server.port, method, path, raw=raw, token=token, headers=headers)
    assert (reply.status, reply.code) == (status, error), reply.raw
    assert reply.headers["Content-Type"].startswith("application/json")
    assert reply.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in reply.headers["Content-Security-Policy"]


def test_auth_and_codes(server: ParticipantServer) -> None:
    assert request(server.port, "GET", "/api/state").code == "no_token"
    unknown = request(server.port, "GET", "/api/state", token="nobody-has-this-token")
    assert (unknown.status, unknown.code) == (401, "unknown_token")
    wrong = request(server.port, "POST", "/api/join", {"code": "ZZZZZ"})
    assert (wrong.status, wrong.code) == (404, "unknown_code")
    assert request(server.port, "POST", "/api/join", {"code": 5}).status == 400
    assert request(server.port, "POST", "/api/join", {}).code == "missing_field"
    long_name = request(server.port, "POST", "/api/join",
                        {"code": groups(server._path)[0].code, "name": "x" * 200})
    assert (long_name.status, long_name.code) == (422, "too_long")
    # There is no facilitator control over HTTP at all.
    for path in ("/api/phase", "/api/rounds/1/phase", "/api/export", "/api/notes/1/hide"):
        assert request(server.port, "POST", path, {"phase": "vote"}).status in (404, 405)


def test_same_origin_writes_and_allowed_hosts_pass(server: ParticipantServer, code: str) -> None:
    host = f"127.0.0.1:{server.port}"
    reply = request(server.port, "POST", "/api/join", {"code": code},
                    headers={"Origin": f"http://{host}"})
    assert reply.status == 201
    url = server.join_url(code, "10.9.8.7")
    assert url == f"http://10.9.8.7:{server.port}/j/{code}"
    as_lan = request(server.port, "GET", f"/j/{code}", headers={"Host": f"10.9.8.7:{server.port}"})
    assert as_lan.status == 200
    for host_header in (f"localhost:{server.port}", f"[::1]:{server.port}"):
        assert request(server.port, "GET", "/", headers={"Host": host_header}).status == 200


def test_rate_limits_answer_429_with_retry_after(
    engine: Engine, workshop_path: Path, code: str
) -> None:
    collect(engine, workshop_path)
    limits = Limits(write_burst=2, write_rate=0.01, join_burst=3, join_rate=0.01)
    with running(engine, workshop_path, limits) as server:
        token = join(server.port, code)
        assert post(server.port, token, "rate-0001", "een").status == 201
        assert post(server.port, token, "rate-0002", "twee").status == 201
        refused = post(server.port, token, "rate-0003", "drie")
        assert (refused.status, refused.code) == (429, "rate_limited")
        assert int(refused.headers["Retry-After"]) >= 1
        join(server.port, code), join(server.port, code)
        too_many = request(server.port, "POST", "/api/join", {"code": code})
        assert too_many.status == 429 and int(too_many.headers["Retry-After"]) >= 1


def test_hidden_and_moderated_notes_never_reach_other_phones(
    server: ParticipantServer, engine: Engine, code: str
) -> None:
    anna, bert = join(server.port, code), join(server.port, code)
    shown = post(server.port, anna, "anna-0001", "zichtbaar").json["note"]
    rude = post(server.port, anna, "anna-0002", "onaardig").json["note"]
    engine.execute(SetNoteHidden(rude["id"], True))
    state = request(server.port, "GET", "/api/state", token=bert).json
    assert [n["text"] for n in state["notes"]["others"]] == ["zichtbaar"]
    assert state["notes"]["count"] == 1
    assert "participant_id" not in state["notes"]["others"][0]
    mine = request(server.port, "GET", "/api/state", token=anna).json["notes"]["mine"]
    assert [n["id"] for n in mine] == [shown["id"]]


def test_a_token_of_one_group_sees_and_touches_nothing_of_another(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    first, second = groups(workshop_path)[:2]
    a, b = join(server.port, first.code), join(server.port, second.code)
    b_note = post(server.port, b, "bbbb-0001", "van groep B").json["note"]
    engine.execute(AddNote(second.id, "laptopnotitie B"))
    state = request(server.port, "GET", "/api/state", token=a).json
    assert state["group"]["id"] == first.id
    assert state["notes"]["others"] == [] and state["notes"]["count"] == 0
    assert request(server.port, "PATCH", f"/api/notes/{b_note['id']}", {"text": "x"},
                   token=a).status == 404
    assert request(server.port, "DELETE", f"/api/notes/{b_note['id']}", token=a).status == 404
    # Reusing B's client id from A never returns B's note (nor stores it twice: a
    # client_note_id is stored once per workshop).
    reused = post(server.port, a, "bbbb-0001", "van groep A")
    assert (reused.status, reused.code) == (409, "client_note_id_taken")


def test_malformed_http_is_counted_not_logged(
    server: ParticipantServer, caplog: pytest.LogCaptureFixture
) -> None:
    before = server.malformed_count
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GARBAGE \x00\x01 HTTP/9.9\r\n\r\n")
        assert sock.recv(1024).split(b"\r\n")[0].endswith(b"400 Bad Request")
    request(server.port, "POST", "/api/join", raw=b"{oops")
    assert server.malformed_count >= before + 2
    assert not [r for r in caplog.records if r.name.startswith("aiohttp")]


def test_a_taken_port_falls_back_to_a_free_one(engine: Engine, workshop_path: Path) -> None:
    with running(engine, workshop_path) as first:
        second = ParticipantServer(engine, workshop_path, host="127.0.0.1", port=first.port)
        try:
            port = second.start()
            assert port not in (0, first.port)
            assert request(port, "GET", "/").status == 200
        finally:
            second.stop()


def _uncommented(line: bytes) -> bytes:
    """What the server keeps of a script line: code before a trailing `  // ` comment,
    unless a quote or slash before it could make the `//` part of a string or regex."""
    code, sep, _ = line.partition(b"  // ")
    if not sep or code.count(b'"') % 2 or any(c in code for c in (b"'", b"`", b"/")):
        return line
    return code.rstrip()


def test_pages_are_served_small_strict_and_without_inline_code(
    server: ParticipantServer, code: str
) -> None:
    page = request(server.port, "GET", f"/j/{code}", headers={"Content-Type": ""})
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    html = page.raw.decode()
    assert "<script>" not in html and "style=" not in html and " on" + "click" not in html
    # The stylesheet is inlined to save a round trip; the CSP allows that block only.
    assert html.count("<style>") == 1 and 'href="/static/app.css"' not in html
    css = html.split("<style>", 1)[1].split("</style>", 1)[0].encode()
    digest = base64.b64encode(hashlib.sha256(css).digest()).decode()
    csp = page.headers["Content-Security-Policy"]
    assert csp.endswith(f"; style-src 'self' 'sha256-{digest}'") and "default-src 'self'" in csp
    assert "unsafe" not in csp
    # /j/CODE comes with its table checked and its code filled in; / with nothing chosen.
    assert html.count(" checked>") == 1 and f'<input id="code" name="code" value="{code}"' in html
    plain = request(server.port, "GET", "/").raw.decode()
    assert " checked>" not in plain and '<input id="code" name="code" type=' in plain
    total = len(page.raw)
    scripts = re.findall(r'<script src="/static/([a-z0-9]+)\.[0-9a-f]{10}\.js" defer></script>',
                         html)
    assert scripts == ["i18n", "core", "join", "vote", "notes", "live", "app"]
    for name, kind in [(name + ".js", "text/javascript") for name in scripts]:
        reply = request(server.port, "GET", f"/static/{name}")
        assert reply.status == 200 and reply.headers["Content-Type"].startswith(kind)
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        assert reply.headers["Content-Security-Policy"].startswith("default-src 'self'")
        # Served without the lines' leading blanks, whole-line // comments and the header.
        source = (STATIC / name).read_bytes()
        lines = [_uncommented(line.lstrip()) for line in source.split(b"\n")]
        kept = b"\n".join(line for line in lines if not line.startswith(b"//"))
        assert reply.raw == kept[kept.index(b"*/") + 2 :].lstrip(b"\n")
        assert reply.raw.startswith(b'"use strict";') and b"\n//" not in reply.raw
        total += len(reply.raw)
    # The page with its table list and all it loads, uncompressed (what a browser that
    # takes no gzip gets; gzipped it is about a third: tests/test_server_keeps.py).
    assert total < 75_000
    assert request(server.port, "GET", "/static/../pyproject.toml").status == 404
    assert request(server.port, "GET", "/static/nothing.js").status == 404


def test_the_event_page_lists_every_group_to_pick_from(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    reply = request(server.port, "GET", "/api/event")
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store"
    body = reply.json
    assert body["workshop"]["title"].startswith("KB/OB") and body["workshop"]["language"] == "nl"
    assert [g["name"] for g in body["groups"]] == [f"Tafel {i}" for i in range(1, 9)]
    assert [g["code"] for g in body["groups"]] == [g.code for g in groups(workshop_path)]
    assert all(set(g) == {"name", "code"} for g in body["groups"])  # no ids, hosts, counts
    join(server.port, body["groups"][2]["code"])  # a picked group's code joins
    first = groups(workshop_path)[0]
    engine.execute(UpdateGroup(first.id, "Tafel 1 (bij het raam)"))
    renamed = request(server.port, "GET", "/api/event").json["groups"][0]
    assert renamed == {"name": "Tafel 1 (bij het raam)", "code": first.code}
    assert request(server.port, "POST", "/api/event", {}).code == "method_not_allowed"
    stranger = request(server.port, "GET", "/api/event", headers={"Host": "evil.example"})
    assert (stranger.status, stranger.code) == (421, "bad_host")


def test_the_page_itself_lists_the_tables_as_plain_text(
    server: ParticipantServer, engine: Engine, workshop_path: Path
) -> None:
    first, second = groups(workshop_path)[:2]
    engine.execute(UpdateGroup(first.id, "<b>Tafel</b> & 'co'"))
    engine.execute(UpdateWorkshop(title='Dag "één" <script>x</script>'))
    html = request(server.port, "GET", "/").raw.decode()
    assert "<b>" not in html and "<script>x" not in html
    assert "<span>&lt;b&gt;Tafel&lt;/b&gt; &amp; &#x27;co&#x27;</span>" in html
    assert html.count('<p id="event-title" class="event-title">Dag &quot;één&quot; '
                      "&lt;script&gt;x&lt;/script&gt;</p>") == 1
    assert '<fieldset id="picker" class="picker">' in html  # shown without any script
    assert 'data-i18n="codeLabel">Of typ de tafelcode</label>' in html
    names = re.findall(r'<input type="radio" name="group" value="([A-Z0-9]+)"><span>([^<]*)<',
                       html)
    assert [code for code, _ in names] == [g.code for g in groups(workshop_path)]
    assert names[1][1] == second.name
    # A code that is no table's: nothing checked, nothing filled in (the page says why).
    unknown = request(server.port, "GET", "/j/ZZZZZ").raw.decode()
    assert " checked>" not in unknown and 'name="code" value=' not in unknown
    # Case, spaces and dashes are forgiven, as when joining.
    near = request(server.port, "GET", f"/j/{second.code[:2].lower()}-{second.code[2:]}")
    assert f'value="{second.code}" checked>' in near.raw.decode()
