"""The participant API: join, read the page state, write one's own notes, live stream.

Every handler runs on the server's loop. Reads go to the server's own read-only Reader
(SQLite WAL lets them run beside the engine's writer); every change is a command handed
to the engine and awaited, so a phone hears "stored" only after COMMIT. The shapes are
documented in docs/API.md. Nothing a facilitator controls (phases, moderation, export)
has a route here.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from facilitator.domain import ids
from facilitator.domain.model import Participant
from facilitator.domain.rules import RuleViolation
from facilitator.domain.text import InvalidText
from facilitator.engine import (
    AddNote,
    CastVotes,
    DeleteNote,
    EditNote,
    Engine,
    EngineStopped,
    Join,
    NoteResult,
    NotFound,
)
from facilitator.engine.errors import StorageUnavailable
from facilitator.server.errors import (
    JSON_HEADERS,
    ApiError,
    field_str,
    json_response,
    read_json,
)
from facilitator.server.fanout import Hub, pump
from facilitator.server.identities import Identities, TooManyIdentities
from facilitator.server.limits import Buckets, Limits
from facilitator.server.settle import LoopSettler
from facilitator.server.views import event_json, group_json, note_json, state_body
from facilitator.server.votes import parse_dots
from facilitator.server.walls import WallViews
from facilitator.store import Reader

log = logging.getLogger(__name__)
HEARTBEAT_S = 15.0
STORAGE_RETRY_AFTER_S = 10  # a full disk takes the facilitator a while to fix
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")  # what ids.new_token makes (token_urlsafe)
CONTEXT: web.AppKey[Context] = web.AppKey("facilitator_context")
# Which workshop answered, on every response: a phone holding another workshop's token
# waits for that workshop instead of dropping its token (docs/API.md, "Which workshop").
WORKSHOP_HEADER = "X-Workshop"


@dataclass
class Context:
    """What the handlers share; created and used on the server's loop only."""

    engine: Engine
    store: Reader
    hub: Hub
    limits: Limits
    tokens: dict[str, Participant] = field(default_factory=dict)
    per_address: Buckets = field(init=False)
    joins: Buckets = field(init=False)
    writes: Buckets = field(init=False)
    address_writes: Buckets = field(init=False)  # note writes per address, all its tokens
    reads: Buckets = field(init=False)  # /api/state per participant
    address_reads: Buckets = field(init=False)  # /api/state per address, all its tokens
    walls: WallViews = field(init=False)  # each group's shared part of /api/state
    malformed: int = 0  # refused bodies (bad JSON, wrong types, bad UTF-8, too large)
    streams: dict[str, int] = field(default_factory=dict)  # open streams per address
    identities: Identities = field(init=False)  # participants made per address and table
    clock: Callable[[], float] = time.monotonic  # the buckets' refill time (tests: their own)
    workshop_id: str = field(init=False)  # the file's identity (store.workshop_uid)
    settler: LoopSettler = field(init=False)  # engine results onto this loop (settle.py)

    def __post_init__(self) -> None:
        lim, clock = self.limits, self.clock
        self.per_address = Buckets(lim.address_burst, lim.address_rate, clock)
        self.joins = Buckets(lim.join_burst, lim.join_rate, clock)
        self.writes = Buckets(lim.write_burst, lim.write_rate, clock)
        self.address_writes = Buckets(lim.address_write_burst, lim.address_write_rate, clock)
        self.reads = Buckets(lim.read_burst, lim.read_rate, clock)
        self.address_reads = Buckets(lim.address_read_burst, lim.address_read_rate, clock)
        self.walls = WallViews(self.store, self.hub.version)
        self.identities = Identities(lim.identities_per_address)
        self.workshop_id = self.store.workshop_uid()
        self.settler = LoopSettler(asyncio.get_running_loop())


def _ctx(request: web.Request) -> Context:
    return request.app[CONTEXT]


def _limit(buckets: Buckets, key: object, what: str) -> None:
    wait = buckets.take(key)
    if wait:
        raise ApiError(429, "rate_limited", f"too many {what}; try again in {wait} s",
                       {"Retry-After": str(wait)})


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        return await read_json(request, _ctx(request).limits.body_timeout_s)
    except ApiError as exc:
        if exc.status in (400, 413):
            _ctx(request).malformed += 1
        raise


def _participant(request: web.Request, *, query_token: bool = False) -> Participant:
    ctx = _ctx(request)
    _limit(ctx.per_address, request.remote, "requests")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        token = request.query.get("token", "") if query_token else ""
    token = token.strip()
    if not token or len(token) > 128:
        raise ApiError(401, "no_token", "join the group first")
    if not _TOKEN.fullmatch(token):
        # Tokens are URL-safe base64. A header with other bytes (aiohttp decodes them
        # with surrogateescape) made SQLite's UTF-8 encoding raise: a 500, not a 401.
        raise ApiError(401, "unknown_token", "this phone is not known here; join again")
    participant = ctx.tokens.get(token)
    if participant is None:
        participant = ctx.store.participant_by_token(token)
        if participant is None:
            raise ApiError(401, "unknown_token", "this phone is not known here; join again")
        ctx.tokens[token] = participant  # tokens never change: cache for the session
    return participant


async def _run(ctx: Context, command: Any) -> Any:
    """Hand a command to the engine and await its committed result as an API outcome."""
    try:
        # A phone that hangs up cancels only this wait: the command still commits and a
        # retry finds its result (settle.py).
        return await ctx.settler.submit(ctx.engine, command)
    except InvalidText as exc:
        raise ApiError(422, exc.code, str(exc)) from exc
    except RuleViolation as exc:
        # The phase is a state of the round (409); the dot rules judge the input (422).
        status = 409 if exc.code in ("wrong_phase", "round_closed", "client_note_id_taken") else 422
        raise ApiError(status, exc.code, str(exc)) from exc
    except NotFound as exc:
        if exc.what == "round":
            raise ApiError(409, "no_active_round", "there is no round to write in") from exc
        what = exc.what.replace("vote item", "item")
        raise ApiError(404, f"unknown_{what}", str(exc)) from exc
    except EngineStopped as exc:
        raise ApiError(503, "stopping", "the laptop is shutting down; try again",
                       {"Retry-After": "5"}) from exc
    except StorageUnavailable as exc:
        # The laptop's disk refused the write (full, read-only, failing): nothing was
        # stored, the phone's outbox keeps the note and retries; the window says why.
        raise ApiError(503, "storage_unavailable",
                       "the laptop cannot save right now; your note is kept and resent",
                       {"Retry-After": str(STORAGE_RETRY_AFTER_S)}) from exc


async def join(request: web.Request) -> web.Response:
    ctx = _ctx(request)
    _limit(ctx.per_address, request.remote, "requests")
    _limit(ctx.joins, request.remote, "joins")
    data = await _body(request)
    raw_code = field_str(data, "code")
    name = field_str(data, "name", required=False) or ""
    organisation = field_str(data, "organisation", required=False) or ""
    client_join_id = field_str(data, "client_join_id", required=False)
    if client_join_id is not None and not ids.is_client_note_id(client_join_id):
        raise ApiError(400, "bad_client_join_id",
                       "client_join_id must be 8-64 of A-Z a-z 0-9 _ -")
    code = ids.normalise_join_code(raw_code or "")
    group = ctx.store.group_by_code(code) if code else None
    if group is None:
        raise ApiError(404, "unknown_code", "no group has this code")
    command = Join(group.id, name, organisation, client_join_id=client_join_id)
    participant = await _join_once(ctx, request.remote or "", group.id, command)
    ctx.tokens[participant.token] = participant
    return json_response({
        "token": participant.token,
        "participant": {"id": participant.id, "name": participant.name},
        "group": group_json(group),
        "workshop": {"id": ctx.workshop_id, "title": ctx.store.workshop().title},
    }, status=201)


async def _join_once(ctx: Context, address: str, group_id: int, command: Join) -> Participant:
    """The participant this join makes, within the bound of identities per address."""
    if command.client_join_id is not None:
        earlier = ctx.store.participant_by_join_id(group_id, command.client_join_id)
        if earlier is not None:  # a retry, or a phone back at its table: no new identity
            return earlier
    try:
        with ctx.identities.admit(group_id, address) as made:
            participant: Participant = await _run(ctx, command)
            made.add(participant.id)
            return participant
    except TooManyIdentities as exc:
        raise ApiError(429, "too_many_participants",
                       "this address already joined this table as several participants") from exc


async def event(request: web.Request) -> web.Response:
    """The event-wide page's picker: the title and every group's name and join code.

    Public on purpose: the event QR code is on the projector for the whole room, and a
    group code only lets a phone join that group. Tokens, notes and votes stay behind
    /api/join.
    """
    ctx = _ctx(request)
    _limit(ctx.per_address, request.remote, "requests")
    return json_response(event_json(ctx.store))


async def state(request: web.Request) -> web.Response:
    ctx = _ctx(request)
    participant = _participant(request)
    _limit(ctx.reads, participant.id, "reads")
    _limit(ctx.address_reads, request.remote, "reads from this address")
    body = state_body(ctx.store, participant, ctx.hub.seq_id(), ctx.walls,
                      workshop_id=ctx.workshop_id)
    if body is None:
        raise ApiError(401, "unknown_token", "this phone's group is gone; join again")
    return web.Response(body=body, content_type="application/json", charset="utf-8",
                        headers=JSON_HEADERS)


async def add_note(request: web.Request) -> web.Response:
    ctx = _ctx(request)
    participant = _participant(request)
    _limit(ctx.writes, participant.id, "notes")
    _limit(ctx.address_writes, request.remote, "notes from this address")
    data = await _body(request)
    client_note_id = field_str(data, "client_note_id")
    text = field_str(data, "text")
    if not ids.is_client_note_id(client_note_id):
        raise ApiError(400, "bad_client_note_id", "client_note_id must be 8-64 of A-Z a-z 0-9 _ -")
    round_id = data.get("round_id")
    if round_id is not None and (type(round_id) is not int or not 0 < round_id < 2**53):
        raise ApiError(400, "wrong_type", "round_id must be a round's id")
    result: NoteResult = await _run(ctx, AddNote(
        participant.group_id, text or "", participant_id=participant.id,
        client_note_id=client_note_id, round_id=round_id,
    ))
    body = {"note": note_json(result.note, mine=True), "created": result.created}
    if result.deleted:
        body["deleted"] = True  # a late retry of a deleted note: the phone drops it
    return json_response(body, status=201 if result.created else 200)


def _note_id(request: web.Request) -> int:
    return int(request.match_info["note_id"])  # the route allows 1-12 digits only


async def edit_note(request: web.Request) -> web.Response:
    ctx = _ctx(request)
    participant = _participant(request)
    _limit(ctx.writes, participant.id, "notes")
    data = await _body(request)
    text = field_str(data, "text")
    note = await _run(ctx, EditNote(_note_id(request), text or "", participant.id))
    return json_response({"note": note_json(note, mine=True)})


async def delete_note(request: web.Request) -> web.Response:
    ctx = _ctx(request)
    participant = _participant(request)
    _limit(ctx.writes, participant.id, "notes")
    note = await _run(ctx, DeleteNote(_note_id(request), participant.id))
    return json_response({"deleted": note.id})


async def cast_votes(request: web.Request) -> web.Response:
    """The participant's whole allocation for the active round, replacing the last one."""
    ctx = _ctx(request)
    participant = _participant(request)
    _limit(ctx.writes, participant.id, "votes")
    dots = parse_dots(await _body(request))
    stored: dict[str, int] = await _run(ctx, CastVotes(participant.id, dots))
    return json_response({"dots": stored})


async def events(request: web.Request) -> web.StreamResponse:
    ctx = _ctx(request)
    participant = _participant(request, query_token=True)
    last = request.headers.get("Last-Event-ID") or request.query.get("last")
    address = request.remote or ""
    if ctx.streams.get(address, 0) >= ctx.limits.streams_per_address:
        raise ApiError(429, "too_many_streams", "too many live streams from this address",
                       {"Retry-After": "5"})
    if not ctx.hub.has_room():
        raise ApiError(503, "too_many_streams", "the laptop holds as many live streams as it "
                       "can; try again", {"Retry-After": "5"})
    ctx.streams[address] = ctx.streams.get(address, 0) + 1
    try:
        return await _stream(ctx, request, participant, last)
    finally:
        ctx.streams[address] -= 1
        if not ctx.streams[address]:
            del ctx.streams[address]


async def _stream(ctx: Context, request: web.Request, participant: Participant,
                  last: str | None) -> web.StreamResponse:
    response = web.StreamResponse(headers={
        "Content-Type": "text/event-stream; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Accel-Buffering": "no",
    })
    await response.prepare(request)
    stream = ctx.hub.open(participant.group_id, last, owner=participant.id)
    try:
        await pump(stream, response, request.transport, HEARTBEAT_S)
    except ConnectionError:
        pass  # the phone went away: it reconnects with Last-Event-ID
    finally:
        ctx.hub.close(stream)
    return response


async def add_workshop_header(request: web.BaseRequest,
                              response: web.StreamResponse) -> None:
    """on_response_prepare hook: every answer (pages, files, streams, refusals) names the
    workshop that gave it, so a 401 from another workshop is told from one of this one."""
    ctx = request.app.get(CONTEXT) if isinstance(request, web.Request) else None
    if ctx is not None and ctx.workshop_id:
        response.headers[WORKSHOP_HEADER] = ctx.workshop_id


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/event", event)
    app.router.add_post("/api/join", join)
    app.router.add_get("/api/state", state)
    app.router.add_post("/api/notes", add_note)
    # [0-9], not \d: \d also matches other scripts' digits, which int() accepts, so
    # /api/notes/١ was note 1 under a second name.
    app.router.add_patch(r"/api/notes/{note_id:[0-9]{1,12}}", edit_note)
    app.router.add_delete(r"/api/notes/{note_id:[0-9]{1,12}}", delete_note)
    app.router.add_put("/api/votes", cast_votes)
    app.router.add_get("/api/events", events)


__all__ = ["CONTEXT", "WORKSHOP_HEADER", "Context", "add_routes", "add_workshop_header"]
