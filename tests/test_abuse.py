"""Bad input and abuse against one running participant server (issue 6).

Every class of bad input gets its right refusal (a JSON 4xx with a stable code, or for
transport-level abuse aiohttp's plain 400 or a close), and after each one a well-behaved
phone of the same workshop still posts a note (201) and hears it on its live stream.
One server lives through every class in turn, so a class that crashed or wedged it would
fail the classes after it too.

Abusers connect from other loopback addresses (127.0.0.2 and up: Linux routes all of
127/8 to lo), so the per-address buckets see them apart from the good phone, as on the
venue's Wi-Fi. No timing is asserted; the few waits are bounded and short.
"""

from __future__ import annotations

import gzip
import http.client
import itertools
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from facilitator import templates
from facilitator.domain.model import Phase
from facilitator.engine import Engine, SetPhase
from facilitator.server import ParticipantServer
from facilitator.server.limits import Limits
from facilitator.store import Store
from tests.test_server_support import Reply as Answer
from tests.test_server_support import Sse, active_round, collect, groups, running

ABUSER = "127.0.0.2"
FLOODER = "127.0.0.3"
# Short enough that the slow-client classes take about a second; the defaults are 30/10 s.
SHORT = Limits(head_timeout_s=1.0, body_timeout_s=1.0, write_burst=1000)


# -- talking to the server ----------------------------------------------------------------


def send(port: int, method: str, path: str, body: Any = None, *, token: str | None = None,
         raw: bytes | None = None, headers: dict[str, str] | None = None,
         src: str = ABUSER, conn: http.client.HTTPConnection | None = None) -> Answer:
    """One request from loopback address `src` (on `conn`, kept open, if given)."""
    own = conn is None
    if conn is None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                          source_address=(src, 0))
    sent = {"Content-Type": "application/json"}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    sent.update(headers or {})
    payload = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    try:
        conn.request(method, path, body=payload, headers=sent)
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        if own:
            conn.close()


class Raw:
    """A bare socket from `src`, for what http.client would refuse to send."""

    def __init__(self, port: int, src: str = ABUSER) -> None:
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5,
                                             source_address=(src, 0))
        self.file = self.sock.makefile("rb")  # one buffer, so pipelined answers stay whole

    @property
    def host(self) -> bytes:
        return f"Host: 127.0.0.1:{self.port}\r\n".encode()

    def send(self, data: bytes) -> Raw:
        self.sock.sendall(data)
        return self

    def answer(self) -> Answer:
        line = self.file.readline()
        if not line:
            raise ConnectionError("closed without an answer")
        status = int(line.split()[1])
        headers = http.client.parse_headers(self.file)
        length = headers.get("Content-Length")
        body = self.file.read(int(length)) if length is not None else self.file.read()
        return Answer(status, headers, body)

    def closed_by_server(self, within: float = 5.0) -> bool:
        """True once the server closes (EOF or reset); False if still open at `within`."""
        deadline = time.monotonic() + within
        try:
            while time.monotonic() < deadline:
                self.sock.settimeout(max(0.01, deadline - time.monotonic()))
                if not self.sock.recv(65536):
                    return True
        except TimeoutError:
            return False
        except ConnectionError:
            return True
        return False

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def ask(port: int, data: bytes) -> Answer:
    """Send raw bytes; the answer."""
    client = Raw(port)
    try:
        return client.send(data).answer()
    finally:
        client.close()


def exchange(port: int, data: bytes) -> tuple[Answer, bool]:
    """Send raw bytes; the answer, and whether the server then closed the connection."""
    client = Raw(port)
    try:
        answer = client.send(data).answer()
        return answer, client.closed_by_server()
    finally:
        client.close()


# -- the workshop every class runs against ------------------------------------------------


@dataclass
class GoodPhone:
    """The well-behaved phone, from 127.0.0.1, with its live stream open the whole time."""

    port: int
    token: str
    stream: Sse
    counter: Iterator[int] = field(default_factory=itertools.count)

    def is_unaffected(self) -> None:
        """It still posts a note (201) and hears that note on its stream."""
        n = next(self.counter)
        reply = _post(self.port, self.token, f"good-{n:05d}", f"gewone notitie {n}",
                      "127.0.0.1")
        assert reply.status == 201, reply.raw
        wanted = reply.json["note"]["id"]
        deadline = time.monotonic() + 5
        while True:  # others' notes may come first
            batch = self.stream.until("batch", max(0.05, deadline - time.monotonic()))
            if any(e["t"] == "note" and e["note"]["id"] == wanted
                   for e in batch["data"]["events"]):
                return

    @classmethod
    def join(cls, port: int, code: str) -> GoodPhone:
        token = _join(port, code, "127.0.0.1")
        stream = Sse(port, token)
        assert stream.status == 200 and stream.until("hello")["event"] == "hello"
        return cls(port, token, stream)


@dataclass
class Site:
    port: int
    code: str  # group 1's join code
    good: GoodPhone  # group 1
    note_id: int  # one of the good phone's notes, a target for others
    abuser: str  # a second participant of group 1, from 127.0.0.2
    stranger: str  # a participant of group 2
    voter: str  # a participant of group 3, whose round is in phase vote
    voter_items: list[str]  # group 3's wall: four notes
    counter: Iterator[int] = field(default_factory=itertools.count)

    @property
    def phone(self) -> str:
        return self.good.token


def _join(port: int, code: str, src: str) -> str:
    answer = send(port, "POST", "/api/join", {"code": code}, src=src)
    assert answer.status == 201, answer.raw
    return str(answer.json["token"])


def _post(port: int, token: str, cid: str, text: str, src: str = ABUSER) -> Answer:
    return send(port, "POST", "/api/notes", {"client_note_id": cid, "text": text},
                token=token, src=src)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("abuse") / "abuse.workshop"
    templates.create(path)
    with Engine(path) as engine:
        collect(engine, path)
        first, second, third = groups(path)[:3]
        with running(engine, path, SHORT) as server:
            port = server.port
            good = GoodPhone.join(port, first.code)
            note = _post(port, good.token, "phone-00000", "de eerste", "127.0.0.1")
            voter = _join(port, third.code, "127.0.0.4")
            items = [_post(port, voter, f"voter-{i:04d}", f"optie {i}").json["note"]["id"]
                     for i in range(4)]
            engine.execute(SetPhase(active_round(path), Phase.VOTE, (third.id,)))
            try:
                yield Site(port, first.code, good, note.json["note"]["id"],
                           abuser=_join(port, first.code, ABUSER),
                           stranger=_join(port, second.code, "127.0.0.5"),
                           voter=voter, voter_items=[f"n{i}" for i in items])
            finally:
                good.stream.close()


def refused(answer: Answer, status: int, code: str) -> None:
    """A refusal in the API's one shape."""
    assert (answer.status, answer.code) == (status, code), answer.raw
    assert answer.headers["Content-Type"].startswith("application/json")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def plain_400_and_closed(answer: Answer, closed: bool) -> None:
    """aiohttp's own refusal of what is not acceptable HTTP/1.1: 400, then the close."""
    assert answer.status == 400, answer.raw
    assert closed


# -- the classes ----------------------------------------------------------------------------

CLASSES: dict[str, Callable[[Site], None]] = {}


def abuse(fn: Callable[[Site], None]) -> Callable[[Site], None]:
    CLASSES[fn.__name__] = fn
    return fn


def _note(text: str, cid: str = "abuse-0001") -> bytes:
    return json.dumps({"client_note_id": cid, "text": text}).encode()


@abuse
def oversize_body(site: Site) -> None:
    refused(send(site.port, "POST", "/api/notes", raw=_note("x" * 17_000), token=site.abuser),
            413, "too_large")


@abuse
def oversize_declared_length(site: Site) -> None:
    client = Raw(site.port)
    try:
        client.send(b"POST /api/notes HTTP/1.1\r\n" + client.host
                    + f"Authorization: Bearer {site.abuser}\r\n".encode()
                    + b"Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
                    + b"{" * 4096)
        refused(client.answer(), 413, "too_large")  # before reading the body
    finally:
        client.close()


@abuse
def oversize_chunked_body(site: Site) -> None:
    chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"
    client = Raw(site.port)
    try:
        client.send(b"POST /api/notes HTTP/1.1\r\n" + client.host
                    + f"Authorization: Bearer {site.abuser}\r\n".encode()
                    + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk * 3 + b"0\r\n\r\n")
        refused(client.answer(), 413, "too_large")
    finally:
        client.close()


@abuse
def gzip_bomb(site: Site) -> None:
    bomb = gzip.compress(_note("x" * 10_000_000))  # 10 MB unpacked, ~10 KB sent
    refused(send(site.port, "POST", "/api/notes", raw=bomb, token=site.abuser,
                 headers={"Content-Encoding": "gzip"}), 413, "too_large")


@abuse
def undecodable_content_encoding(site: Site) -> None:  # was a 500
    for encoding in ("gzip", "deflate"):
        refused(send(site.port, "POST", "/api/notes", raw=_note("hallo"), token=site.abuser,
                     headers={"Content-Encoding": encoding}), 400, "bad_encoding")


@abuse
def invalid_json(site: Site) -> None:
    for raw in (b"{not json", b"", b'{"client_note_id": "abcdefgh", "text": "x"} trailing',
                b"{'single': 'quotes'}", b'{"text": "unterminated'):
        refused(send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser),
                400, "bad_json")


@abuse
def json_not_an_object(site: Site) -> None:
    for raw in (b"[1, 2]", b'"text"', b"null", b"42", b"true"):
        refused(send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser),
                400, "bad_json")


@abuse
def deep_json_nesting(site: Site) -> None:
    for raw in (b"[" * 8000 + b"]" * 8000, b'{"a":' * 2500 + b"1" + b"}" * 2500):
        refused(send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser),
                400, "bad_json")


@abuse
def nan_and_infinity(site: Site) -> None:
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        raw = b'{"client_note_id": "abcdefgh", "text": "x", "n": ' + constant + b"}"
        refused(send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser),
                400, "bad_json")


@abuse
def huge_numbers(site: Site) -> None:
    digits = b'{"client_note_id": "abcdefgh", "text": ' + b"9" * 5000 + b"}"
    refused(send(site.port, "POST", "/api/notes", raw=digits, token=site.abuser),
            400, "bad_json")  # beyond Python's 4300-digit int limit: a ValueError
    for dots in (b"1e400", b"100000000000000000000000000000", b"-1", b"1.0", b"true"):
        raw = b'{"dots": {"' + site.voter_items[0].encode() + b'": ' + dots + b"}}"
        refused(send(site.port, "PUT", "/api/votes", raw=raw, token=site.voter),
                400, "wrong_type")


@abuse
def wrong_types(site: Site) -> None:
    cases: list[tuple[str, str, dict[str, Any], str]] = [
        ("POST", "/api/notes", {"client_note_id": 12345678, "text": "x"}, site.abuser),
        ("POST", "/api/notes", {"client_note_id": "abcdefgh", "text": ["x"]}, site.abuser),
        ("POST", "/api/notes", {"client_note_id": "abcdefgh", "text": {"x": 1}}, site.abuser),
        ("POST", "/api/notes", {"client_note_id": "abcdefgh", "text": 5}, site.abuser),
        ("PATCH", f"/api/notes/{site.note_id}", {"text": False}, site.phone),
        ("POST", "/api/join", {"code": 5}, ""),
        ("POST", "/api/join", {"code": site.code, "name": ["Anna"]}, ""),
        ("PUT", "/api/votes", {"dots": [site.voter_items[0]]}, site.voter),
        ("PUT", "/api/votes", {"dots": "n1"}, site.voter),
    ]
    for method, path, body, token in cases:
        refused(send(site.port, method, path, body, token=token or None), 400, "wrong_type")


@abuse
def missing_fields(site: Site) -> None:
    cases: list[tuple[str, str, dict[str, Any], str]] = [
        ("POST", "/api/notes", {}, site.abuser),
        ("POST", "/api/notes", {"client_note_id": "abcdefgh"}, site.abuser),
        ("POST", "/api/notes", {"text": "x"}, site.abuser),
        ("POST", "/api/notes", {"client_note_id": "abcdefgh", "text": None}, site.abuser),
        ("PATCH", f"/api/notes/{site.note_id}", {"txt": "typo"}, site.phone),
        ("POST", "/api/join", {"name": "Anna"}, ""),
        ("PUT", "/api/votes", {}, site.voter),
    ]
    for method, path, body, token in cases:
        refused(send(site.port, method, path, body, token=token or None), 400, "missing_field")


@abuse
def invalid_utf8(site: Site) -> None:
    for bad in (b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"caf\xe9"):  # overlong, surrogate
        raw = b'{"client_note_id": "abcdefgh", "text": "' + bad + b'"}'
        refused(send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser),
                400, "bad_encoding")
    refused(send(site.port, "POST", "/api/notes", raw=b'{"text": "caf\xe9"}', token=site.abuser,
                 headers={"Content-Type": "application/json; charset=latin-1"}),
            400, "bad_encoding")


@abuse
def control_characters_are_stripped(site: Site) -> None:
    cid = f"ctrl-{next(site.counter):05d}"
    stored = _post(site.port, site.abuser, cid, "a\x00b\x07c\x1b[31md\x7f\x85e\u200bf\ufeff\r\ng")
    assert stored.status == 201, stored.raw
    # C0/C1 controls, DEL and BOM go; CR LF becomes one newline; zero-width space stays.
    assert stored.json["note"]["text"] == "abc[31mde\u200bf\ng"
    refused(_post(site.port, site.abuser, f"{cid}-2", "\x00\x01\x02 \x1b\t"), 422, "empty")


@abuse
def lone_surrogates_are_stripped(site: Site) -> None:
    raw = b'{"client_note_id": "surr-' + str(next(site.counter)).encode() \
        + b'-x", "text": "\\ud800ok\\udfff"}'
    stored = send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser)
    assert stored.status == 201 and stored.json["note"]["text"] == "ok"


@abuse
def html_and_script_stay_plain_text(site: Site) -> None:
    text = '<script>alert(1)</script><img src=x onerror="alert(2)"> &amp; </textarea>'
    cid = f"html-{next(site.counter):05d}"
    stored = _post(site.port, site.abuser, cid, text)
    assert stored.status == 201 and stored.json["note"]["text"] == text
    assert stored.headers["Content-Type"] == "application/json; charset=utf-8"
    # Another phone of the group reads it back byte for byte, as JSON, never as a page.
    state = send(site.port, "GET", "/api/state", token=site.phone, src="127.0.0.1")
    assert state.headers["Content-Type"] == "application/json; charset=utf-8"
    assert state.headers["X-Content-Type-Options"] == "nosniff"
    assert text in [n["text"] for n in state.json["notes"]["others"]]
    assert json.dumps(text).encode() in state.raw  # escaped only as JSON escapes
    named = send(site.port, "POST", "/api/join", {"code": site.code, "name": "<b>Anna</b>"})
    assert named.status == 201 and named.json["participant"]["name"] == "<b>Anna</b>"
    page = send(site.port, "GET", "/").raw.decode()
    assert "<script>alert" not in page and "<b>Anna" not in page  # not on the page at all


@abuse
def huge_header(site: Site) -> None:
    plain_400_and_closed(*exchange(site.port, b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1"
                                   b"\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"))


@abuse
def too_many_headers(site: Site) -> None:
    lines = b"".join(b"X-H%d: a\r\n" % i for i in range(300))
    plain_400_and_closed(*exchange(
        site.port, b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n" + lines + b"\r\n"))


@abuse
def huge_url(site: Site) -> None:
    plain_400_and_closed(*exchange(
        site.port, b"GET /api/state?" + b"a" * 20_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))


@abuse
def slowloris_headers(site: Site) -> None:
    """A head sent a few bytes at a time never blocks others and is cut off."""
    client = Raw(site.port)
    try:
        client.send(b"GET /api/state HTTP/1.1\r\n" + client.host)
        for i in range(3):  # still trickling while the good phone is served
            client.send(b"X-Slow-%d: a\r\n" % i)
            site.good.is_unaffected()
        closed = False
        deadline = time.monotonic() + 10  # head_timeout_s is 1 s here, 30 s by default
        while not closed and time.monotonic() < deadline:
            try:
                client.send(b"X: b\r\n")
            except OSError:
                closed = True
                break
            closed = client.closed_by_server(0.2)
        assert closed, "the server kept a never-ending request head open"
    finally:
        client.close()


@abuse
def too_many_streams_from_one_address(site: Site) -> None:
    """One address may hold 16 live streams; the 17th is refused until one closes."""
    tokens = [_join(site.port, site.code, f"127.0.0.{20 + i}") for i in range(18)]

    def open_stream(token: str) -> Raw:
        return Raw(site.port).send(
            f"GET /api/events?token={token} HTTP/1.1\r\n".encode() + b"Host: "
            + f"127.0.0.1:{site.port}\r\n\r\n".encode())

    def status(client: Raw) -> int:  # the stream's body never ends: its status line only
        return int(client.file.readline().split()[1])

    held = []
    try:
        for token in tokens[: Limits().streams_per_address]:
            held.append(open_stream(token))
            assert status(held[-1]) == 200
        extra = open_stream(tokens[-2])
        held.append(extra)
        refused(extra.answer(), 429, "too_many_streams")
        site.good.is_unaffected()
        held.pop(0).close()  # one phone leaves: the next one gets its stream
        deadline = time.monotonic() + 5
        answer = 429
        while answer == 429 and time.monotonic() < deadline:
            again = open_stream(tokens[-1])
            held.append(again)
            answer = status(again)
        assert answer == 200, "a closed stream must free its place"
    finally:
        for client in held:
            client.close()


@abuse
def one_token_streams_from_many_addresses(site: Site) -> None:
    """A token's new stream closes its oldest past two, from whichever addresses."""
    clients = []
    try:
        for i in range(12):
            client = Raw(site.port, f"127.0.1.{1 + i}").send(
                f"GET /api/events?token={site.abuser} HTTP/1.1\r\n".encode()
                + f"Host: 127.0.0.1:{site.port}\r\n\r\n".encode())
            assert int(client.file.readline().split()[1]) == 200
            clients.append(client)
        # Every stream but the last two was closed by a newer one of the same token.
        assert all(c.closed_by_server() for c in clients[:-2])
        assert not any(c.closed_by_server(within=0.2) for c in clients[-2:])
        site.good.is_unaffected()
    finally:
        for client in clients:
            client.close()


@abuse
def slow_body(site: Site) -> None:
    """A body that never completes is refused with 408 (body_timeout_s is 1 s here)."""
    client = Raw(site.port)
    try:
        client.send(b"POST /api/notes HTTP/1.1\r\n" + client.host
                    + f"Authorization: Bearer {site.abuser}\r\n".encode()
                    + b"Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
        site.good.is_unaffected()
        refused(client.answer(), 408, "too_slow")
    finally:
        client.close()


@abuse
def body_cut_off_midway(site: Site) -> None:
    client = Raw(site.port)
    client.send(b"POST /api/notes HTTP/1.1\r\n" + client.host
                + f"Authorization: Bearer {site.abuser}\r\n".encode()
                + b'Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"text":')
    client.close()


@abuse
def half_closed_connection(site: Site) -> None:
    """The client shuts its sending side after a whole request: aiohttp closes without
    an answer, but a note already handed to the engine still commits exactly once."""
    cid = f"half-{next(site.counter):05d}"
    client = Raw(site.port)
    body = _note("halve verbinding", cid)
    client.send(b"POST /api/notes HTTP/1.1\r\n" + client.host
                + f"Authorization: Bearer {site.abuser}\r\n".encode()
                + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
                + body)
    client.sock.shutdown(socket.SHUT_WR)
    assert client.closed_by_server()
    client.close()
    retry = _post(site.port, site.abuser, cid, "halve verbinding")
    assert retry.status in (200, 201)
    again = _post(site.port, site.abuser, cid, "halve verbinding")
    assert again.status == 200 and again.json["note"]["id"] == retry.json["note"]["id"]


@abuse
def garbage_bytes(site: Site) -> None:
    plain_400_and_closed(*exchange(site.port, bytes(range(256)) + b"\r\n\r\n"))
    plain_400_and_closed(*exchange(site.port, b"GARBAGE \x00\x01 HTTP/9.9\r\n\r\n"))


@abuse
def tls_client_hello(site: Site) -> None:
    """Someone types https:// in front of the address."""
    hello = bytes.fromhex("16030100a5010000a10303") + bytes(range(32)) + b"\x00" * 40
    plain_400_and_closed(*exchange(site.port, hello))


@abuse
def http2_preface(site: Site) -> None:
    plain_400_and_closed(*exchange(site.port, b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))


@abuse
def content_length_and_chunked(site: Site) -> None:
    """Both framings at once (request smuggling through a proxy): refused outright."""
    plain_400_and_closed(*exchange(
        site.port, b"POST /api/notes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))


@abuse
def no_token(site: Site) -> None:
    refused(send(site.port, "GET", "/api/state"), 401, "no_token")
    refused(send(site.port, "POST", "/api/notes", raw=_note("x"),
                 headers={"Authorization": f"Basic {site.abuser}"}), 401, "no_token")
    refused(send(site.port, "GET", f"/api/state?token={site.abuser}"), 401, "no_token")
    refused(send(site.port, "GET", "/api/state", headers={"Authorization": "Bearer " + "a" * 200}),
            401, "no_token")


@abuse
def wrong_token(site: Site) -> None:
    for token in ("nobody-has-this-token", site.phone[:-1], site.phone + "x"):
        refused(send(site.port, "GET", "/api/state", token=token), 401, "unknown_token")
    refused(send(site.port, "POST", "/api/notes", raw=_note("x"), token="A" * 32),
            401, "unknown_token")
    sse = Sse(site.port, "nobody-has-this-token")
    assert sse.status == 401
    sse.close()


@abuse
def non_ascii_token(site: Site) -> None:  # was a 500: SQLite could not encode it
    def bearer(token: bytes) -> bytes:
        return (b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Authorization: Bearer " + token + b"\r\n\r\n")

    for token in (b"\xff\xfe\xed\xa0\x80abc", "é".encode(), "tökén".encode("latin-1")):
        refused(ask(site.port, bearer(token)), 401, "unknown_token")
    plain_400_and_closed(*exchange(site.port, bearer(b"abc\x7fdef")))  # the parser's own
    refused(send(site.port, "GET", "/api/events?token=%ED%A0%80%FF"), 401, "unknown_token")


@abuse
def another_groups_token(site: Site) -> None:
    """A token of group 2 reads and writes nothing of group 1."""
    target = f"/api/notes/{site.note_id}"
    refused(send(site.port, "PATCH", target, {"text": "overgenomen"}, token=site.stranger),
            404, "unknown_note")
    refused(send(site.port, "DELETE", target, token=site.stranger), 404, "unknown_note")
    state = send(site.port, "GET", "/api/state", token=site.stranger).json
    assert state["group"]["code"] != site.code
    assert all(n["id"] != site.note_id for n in state["notes"]["others"] + state["notes"]["mine"])
    # Group 3 votes: a note of group 1 is no item of its wall.
    refused(send(site.port, "PUT", "/api/votes", {"dots": {f"n{site.note_id}": 1}},
                 token=site.voter), 404, "unknown_item")
    mine = send(site.port, "GET", "/api/state", token=site.phone, src="127.0.0.1").json
    assert [n["text"] for n in mine["notes"]["mine"] if n["id"] == site.note_id] == ["de eerste"]


@abuse
def another_participants_note(site: Site) -> None:
    """Same group, someone else's note: indistinguishable from a missing one."""
    target = f"/api/notes/{site.note_id}"
    refused(send(site.port, "PATCH", target, {"text": "van mij nu"}, token=site.abuser),
            404, "unknown_note")
    refused(send(site.port, "DELETE", target, token=site.abuser), 404, "unknown_note")
    refused(send(site.port, "PATCH", "/api/notes/999999999999", {"text": "x"},
                 token=site.abuser), 404, "unknown_note")


@abuse
def bad_host(site: Site) -> None:
    for host in ("evil.example", f"evil.example:{site.port}", "127.0.0.2", "localhost.",
                 "192.0.2.1", "localhost:1@evil.example", "[::1]evil"):
        refused(send(site.port, "GET", "/api/state", token=site.abuser,
                     headers={"Host": host}), 421, "bad_host")
    refused(ask(site.port, b"GET /api/state HTTP/1.0\r\n\r\n"), 400, "no_host")
    refused(ask(site.port, b"GET /api/state HTTP/1.1\r\nHost: \xff\xfe\r\n\r\n"),
            421, "bad_host")


@abuse
def bad_origin(site: Site) -> None:
    for origin in ("http://evil.example", "null", f"https://127.0.0.1:{site.port}",
                   f"http://127.0.0.1:{site.port}.evil.example"):
        refused(send(site.port, "POST", "/api/notes", raw=_note("x"), token=site.abuser,
                     headers={"Origin": origin}), 403, "bad_origin")
    refused(send(site.port, "PUT", "/api/votes", {"dots": {}}, token=site.voter,
                 headers={"Origin": "http://evil.example"}), 403, "bad_origin")


@abuse
def vote_over_budget(site: Site) -> None:
    all_four = {key: 1 for key in site.voter_items}  # the budget is 3
    refused(send(site.port, "PUT", "/api/votes", {"dots": all_four}, token=site.voter),
            422, "over_budget")
    refused(send(site.port, "PUT", "/api/votes", {"dots": {site.voter_items[0]: 2}},
                 token=site.voter), 422, "one_dot_per_item")
    for key in ("x1", "n12\n"):
        refused(send(site.port, "PUT", "/api/votes", {"dots": {key: 1}}, token=site.voter),
                400, "bad_item_key")
    refused(send(site.port, "PUT", "/api/votes", {"dots": {"n999999": 1}}, token=site.voter),
            404, "unknown_item")
    refused(send(site.port, "PUT", "/api/votes", {"dots": {}}, token=site.abuser),
            409, "wrong_phase")  # group 1 collects


@abuse
def many_fields(site: Site) -> None:
    """Unknown fields are ignored (under 16 KB); a vote with over 500 items is refused."""
    body = {str(i): 0 for i in range(1500)}
    body.update(client_note_id=f"many-{next(site.counter):05d}", text="veel velden")
    raw = json.dumps(body, separators=(",", ":")).encode()
    stored = send(site.port, "POST", "/api/notes", raw=raw, token=site.abuser)
    assert stored.status == 201 and set(stored.json["note"]) >= {"id", "text"}
    dots = {f"n{i}": 0 for i in range(600)}
    refused(send(site.port, "PUT", "/api/votes", {"dots": dots}, token=site.voter),
            400, "wrong_type")


@abuse
def note_too_long(site: Site) -> None:
    refused(_post(site.port, site.abuser, "long-0001", "x" * 281), 422, "too_long")
    refused(_post(site.port, site.abuser, "long-0002", "é" * 281), 422, "too_long")
    refused(send(site.port, "PATCH", f"/api/notes/{site.note_id}", {"text": "x" * 281},
                 token=site.phone, src="127.0.0.1"), 422, "too_long")
    refused(send(site.port, "POST", "/api/join", {"code": site.code, "name": "x" * 81}),
            422, "too_long")


@abuse
def empty_note(site: Site) -> None:
    for text in ("", " ", "\n\t \r\n", "\u00a0\u3000", "\ufeff"):
        refused(_post(site.port, site.abuser, "empty-001", text), 422, "empty")


@abuse
def bad_client_note_id(site: Site) -> None:
    for cid in ("a b c d e", "short", "x" * 65, "abcdefg/", "ünïcödé-id", ""):
        refused(_post(site.port, site.abuser, cid, "x"), 400, "bad_client_note_id")


@abuse
def wrong_content_type(site: Site) -> None:
    for content_type in ("text/plain", "application/x-www-form-urlencoded",
                         "multipart/form-data; boundary=x", "", "application/json5"):
        refused(send(site.port, "POST", "/api/notes", raw=_note("x"), token=site.abuser,
                     headers={"Content-Type": content_type}), 415, "not_json")


@abuse
def wrong_method(site: Site) -> None:
    for method, path in (("PUT", "/api/notes"), ("DELETE", "/api/state"),
                         ("POST", "/api/state"), ("GET", "/api/votes"),
                         ("POST", "/api/event"), ("TRACE", "/api/notes"),
                         ("GET", f"/api/notes/{site.note_id}")):
        refused(send(site.port, method, path, token=site.abuser), 405, "method_not_allowed")
    answer = ask(site.port, b"FOO /api/notes HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert answer.status in (400, 405)  # not even a method token aiohttp accepts


@abuse
def unknown_path(site: Site) -> None:
    for path in ("/api/nothing", "/api/phase", "/api/notes/1/hide", "/api/export",
                 "/api/../api/state", "/api/state/", "/api/%00"):
        refused(send(site.port, "POST", path, {}, token=site.abuser), 404, "not_found")


@abuse
def bad_note_id(site: Site) -> None:
    # "%D9%A1" is ARABIC-INDIC DIGIT ONE: was note 1 under another name (\d in the route).
    for note_id in ("abc", "-1", "1.5", "1e3", "0x1", "9" * 13, "%D9%A1", "%201", "1%00"):
        refused(send(site.port, "PATCH", f"/api/notes/{note_id}", {"text": "x"},
                     token=site.abuser), 404, "not_found")


@abuse
def bad_resume_point(site: Site) -> None:
    """Any Last-Event-ID or ?last= the server cannot use starts the stream with reset."""
    for last in ("x" * 5000, "abc-99999999999999999999", "abc--1", "%ED%A0%80", "-", "nan"):
        stream = Sse(site.port, site.abuser, query=f"&last={last}")
        try:
            assert stream.status == 200
            assert stream.next(5)["event"] == "reset"
        finally:
            stream.close()


@pytest.mark.parametrize("name", list(CLASSES))
def test_bad_input_is_refused_and_others_are_unaffected(
    site: Site, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        CLASSES[name](site)
        site.good.is_unaffected()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def test_there_are_enough_classes() -> None:
    assert len(CLASSES) >= 16


# -- floods, against the default limits ------------------------------------------------------


@pytest.fixture
def fresh(engine: Engine, workshop_path: Path) -> Iterator[tuple[ParticipantServer, str]]:
    collect(engine, workshop_path)
    with running(engine, workshop_path) as server:  # default Limits
        yield server, groups(workshop_path)[0].code


def test_one_phone_flooding_at_100_per_s_gets_429_and_others_keep_201(
    fresh: tuple[ParticipantServer, str], workshop_path: Path
) -> None:
    server, code = fresh
    good = GoodPhone.join(server.port, code)
    flooder = _join(server.port, code, FLOODER)
    answers: list[Answer] = []
    started = time.monotonic()

    def flood() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10,
                                          source_address=(FLOODER, 0))
        for i in range(150):  # 100 per second for 1.5 s, on one kept-alive connection
            time.sleep(max(0.0, started + i / 100 - time.monotonic()))
            answers.append(send(server.port, "POST", "/api/notes",
                                {"client_note_id": f"flood-{i:05d}", "text": f"flood {i}"},
                                token=flooder, conn=conn))
        conn.close()

    thread = threading.Thread(target=flood)
    thread.start()
    try:
        while thread.is_alive():
            good.is_unaffected()
            time.sleep(0.1)
        thread.join()
        good.is_unaffected()
    finally:
        good.stream.close()
    elapsed = time.monotonic() - started
    statuses = [a.status for a in answers]
    assert set(statuses) == {201, 429}
    assert statuses.count(201) <= 40 + 2 * elapsed + 1  # the write bucket: 40, then 2/s
    for answer in answers:
        if answer.status == 429:
            assert answer.code == "rate_limited" and int(answer.headers["Retry-After"]) >= 1
    store = Store.open(workshop_path, readonly=True)
    try:
        flooded = [n for n in store.notes() if n.text.startswith("flood")]
    finally:
        store.close()
    assert len(flooded) == statuses.count(201)


def test_one_address_flooding_reads_gets_429_and_others_keep_201(
    fresh: tuple[ParticipantServer, str],
) -> None:
    """600 requests pipelined at once from one address: past the burst of 300, 429s."""
    server, code = fresh
    good = GoodPhone.join(server.port, code)
    reader = _join(server.port, code, "127.0.0.6")
    client = Raw(server.port, "127.0.0.6")
    try:
        client.send((b"GET /api/state HTTP/1.1\r\n" + client.host
                     + f"Authorization: Bearer {reader}\r\n\r\n".encode()) * 600)
        answers = [client.answer() for _ in range(600)]
        good.is_unaffected()
    finally:
        client.close()
        good.stream.close()
    statuses = [a.status for a in answers]
    assert set(statuses) == {200, 429}
    for answer in answers:
        if answer.status == 429:
            assert answer.code == "rate_limited" and int(answer.headers["Retry-After"]) >= 1
